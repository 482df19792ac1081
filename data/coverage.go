package data

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// HostCount is a third-party host and how often it was seen.
type HostCount struct {
	Host  string `json:"domain"`
	Count int64  `json:"totalOccurrences"`
}

// HostListShapes names the shapes ReadHostCounts reads, for every message
// about a file it cannot read.
const HostListShapes = `coverage reads Tracker Radar domain records ({"domain": ..., "sites": n, ...} one a line), a JSON array [{"domain": ..., "totalOccurrences": n}] (third-party-web) or lines of "host" or "host count"`

// notAHostList is a reading error that names the shapes read.
func notAHostList(format string, args ...any) error {
	return fmt.Errorf("read host list: "+format+"; "+HostListShapes, args...)
}

// ReadHostCounts reads a list of hosts: the HTTP Archive / third-party-web
// JSON shape [{"domain": ..., "totalOccurrences": n}], Tracker Radar's
// domain records (one JSON object a line, as its domains/REGION/*.json files
// merged, or one such file), or plain lines of "host" or "host count" (blank
// lines and # comments skipped). A host with no count weighs 1.
func ReadHostCounts(r io.Reader) ([]HostCount, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(512)
	t := bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(t) > 0 && t[0] == '{' {
		return readDomainRecords(br)
	}
	if len(t) > 0 && t[0] == '[' {
		var hs []HostCount
		dec := json.NewDecoder(br)
		if err := dec.Decode(&hs); err != nil {
			return nil, notAHostList("as a JSON array: %w", err)
		}
		for i, h := range hs {
			if h.Host == "" {
				return nil, notAHostList("entry %d has no \"domain\"", i)
			}
			if h.Count < 0 {
				return nil, fmt.Errorf("read host list: entry %d (%s) has a negative count", i, Quote(h.Host))
			}
		}
		return hs, nil
	}
	var hs []HostCount
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if strings.ContainsAny(f[0], ",;\"") {
			// A CSV (Tracker Radar's domain index) would otherwise read its
			// rows as hosts until a field happens to hold a space.
			return nil, notAHostList("line %d is not a host (it holds %s: a CSV or other table, which is not read)", line, Quote(f[0][strings.IndexAny(f[0], ",;\""):][:1]))
		}
		h := HostCount{Host: f[0], Count: 1}
		if len(f) > 1 {
			n, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil || n < 0 {
				return nil, notAHostList("line %d: count %s is not a whole number", line, Quote(f[1]))
			}
			h.Count = n
		}
		if len(f) > 2 {
			return nil, notAHostList("line %d has %d fields", line, len(f))
		}
		hs = append(hs, h)
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return nil, notAHostList("line %d is longer than 1 MiB", line+1)
	} else if err != nil {
		return nil, fmt.Errorf("read host list: line %d: %w", line+1, err)
	}
	return hs, nil
}

// radarRecord is what coverage reads of a Tracker Radar domain record.
// Sites is how many crawled sites loaded the domain; the record's prevalence
// is that count as a share of the crawl (rounded), so weighting by sites is
// weighting by prevalence without the rounding.
type radarRecord struct {
	Domain string `json:"domain"`
	Sites  *int64 `json:"sites"`
}

// readDomainRecords reads a stream of Tracker Radar domain records.
func readDomainRecords(r io.Reader) ([]HostCount, error) {
	var hs []HostCount
	dec := json.NewDecoder(r)
	for n := 1; ; n++ {
		var rec radarRecord
		err := dec.Decode(&rec)
		if err == io.EOF {
			return hs, nil
		}
		if err != nil {
			return nil, notAHostList("JSON object %d: %w", n, err)
		}
		switch {
		case rec.Domain == "":
			return nil, notAHostList("JSON object %d has no \"domain\"", n)
		case rec.Sites == nil:
			return nil, notAHostList("JSON object %d (%s) has no \"sites\" count", n, Quote(rec.Domain))
		case *rec.Sites < 0:
			return nil, fmt.Errorf("read host list: JSON object %d (%s) has a negative \"sites\" count", n, Quote(rec.Domain))
		}
		hs = append(hs, HostCount{Host: rec.Domain, Count: *rec.Sites})
	}
}
