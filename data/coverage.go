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

// ReadHostCounts reads a list of hosts: the HTTP Archive / third-party-web
// JSON shape [{"domain": ..., "totalOccurrences": n}], or plain lines of
// "host" or "host count" (blank lines and # comments skipped). A host with
// no count weighs 1.
func ReadHostCounts(r io.Reader) ([]HostCount, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(512)
	t := bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(t) > 0 && t[0] == '{' {
		return nil, fmt.Errorf("read host list: the file is a JSON object; want a JSON array [{\"domain\": ..., \"totalOccurrences\": n}] or lines of \"host [count]\"")
	}
	if len(t) > 0 && t[0] == '[' {
		var hs []HostCount
		dec := json.NewDecoder(br)
		if err := dec.Decode(&hs); err != nil {
			return nil, fmt.Errorf("read host list as JSON [{domain, totalOccurrences}]: %w", err)
		}
		for i, h := range hs {
			if h.Host == "" {
				return nil, fmt.Errorf("read host list: entry %d has no \"domain\"", i)
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
		h := HostCount{Host: f[0], Count: 1}
		if len(f) > 1 {
			n, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("read host list: line %d: count %s is not a whole number", line, Quote(f[1]))
			}
			h.Count = n
		}
		if len(f) > 2 {
			return nil, fmt.Errorf("read host list: line %d: want \"host\" or \"host count\", got %d fields", line, len(f))
		}
		hs = append(hs, h)
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return nil, fmt.Errorf("read host list: line %d is longer than 1 MiB; want one \"host\" or \"host count\" a line", line+1)
	} else if err != nil {
		return nil, fmt.Errorf("read host list: line %d: %w", line+1, err)
	}
	return hs, nil
}
