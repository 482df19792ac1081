package dataset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/vendex/vendex/data"
)

// ocdCSV reads the Open Cookie Database CSV (header: ID, Platform,
// Category, Cookie / Data Key name, Domain, Description, Retention period,
// Data Controller, User Privacy & GDPR Rights Portals, Wildcard match);
// columns are found by header name, so their order may change.
//
// A large file is read in two halves at once, split at a row boundary,
// and the second half's vendors are folded into the first's as if it had
// been read after it: the same records, warnings and first error as one
// pass, in about half the time on two cores.
func (rd *reader) ocdCSV(b []byte) ([]data.Vendor, error) {
	cr := csv.NewReader(bytes.NewReader(b))
	header, err := cr.Read()
	if err != nil {
		return nil, rd.csvError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	need := []string{"platform", "category", "cookie / data key name"}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return nil, rd.fail(1, "", fmt.Errorf("missing column %s (the header has %s)", data.Quote(n), quoteAll(header)))
		}
	}
	body := b[cr.InputOffset():]
	cols := ocdColumns{header: header, clean: noEscapes(b)}
	// Each column's index, looked up once rather than once a row; -1 for
	// a column the file lacks.
	for i, name := range ocdColumnNames {
		cols.at[i] = -1
		if c, ok := col[name]; ok {
			cols.at[i] = c
		}
	}
	// How many rows a platform has, from the first rows: it sizes the
	// vendor slabs, and says whether reading in halves pays (folding the
	// second half's vendors in costs as much as reading them when each
	// row is a vendor of its own).
	perVendor := sampleRowsPerVendor(body, &cols)
	parts := [][]byte{body}
	if cut := csvSplit(body); cut > 0 && perVendor >= csvSplitPerVendor {
		parts = [][]byte{body[:cut], body[cut:]}
	}
	type result struct {
		ob  *ocdBuilder
		rd  *reader
		err error
	}
	results := make([]result, len(parts))
	var wg sync.WaitGroup
	line := 2 // the header is line 1
	for i, part := range parts {
		first := line
		line += bytes.Count(part, []byte{'\n'})
		prd := &reader{file: rd.file}
		rows := bytes.Count(part, []byte{'\n'}) + 1
		vendors := min(rows, int(float64(rows)/perVendor*1.25)+256)
		wg.Go(func() {
			ob, err := prd.ocdCSVRows(part, first, &cols, vendors)
			results[i] = result{ob, prd, err}
		})
	}
	wg.Wait()
	for _, r := range results {
		if r.err != nil {
			// Warnings about rows before the error go, as they did when
			// every row was read before any was used.
			return nil, r.err
		}
	}
	if len(results) == 1 {
		rd.warnings = append(rd.warnings, results[0].rd.warnings...)
		return results[0].ob.vendors(), nil
	}
	first, second := results[0], results[1]
	rd.warnings = append(append(rd.warnings, first.rd.warnings...), second.rd.warnings...)
	first.ob.fold(second.ob)
	va, vb := first.ob.vendors(), second.ob.vendors()
	return append(append(make([]data.Vendor, 0, len(va)+len(vb)), va...), vb...), nil
}

// ocdColumnNames are the OCD CSV columns vendex reads, in ocdColumns.at
// order.
var ocdColumnNames = [...]string{"id", "platform", "category", "cookie / data key name", "domain", "description",
	"retention period", "data controller", "user privacy & gdpr rights portals", "wildcard match"}

const (
	colID = iota
	colPlatform
	colCategory
	colCookie
	colDomain
	colDescription
	colRetention
	colController
	colPrivacy
	colWildcard
)

type ocdColumns struct {
	header []string
	at     [len(ocdColumnNames)]int
	clean  bool // noEscapes holds for the whole file
}

// csvMinSplit is the smallest CSV body read in two halves, and
// csvSplitPerVendor the fewest rows a platform must average for it
// (variables so that tests can read any file both ways).
var (
	csvMinSplit       = 1 << 20
	csvSplitPerVendor = 2.0
)

// csvSplit is where to cut a CSV body into two halves of about the same
// size, at the start of a row (not inside a quoted field), or 0 if it is
// too small to be worth it.
func csvSplit(body []byte) int {
	if len(body) < csvMinSplit {
		return 0
	}
	mid := len(body) / 2
	// Quotes come in pairs ("" escapes one inside a quoted field): an
	// even number of them before a newline puts it outside any field.
	quotes := bytes.Count(body[:mid], []byte{'"'})
	for i := mid; i < len(body); i++ {
		switch body[i] {
		case '"':
			quotes++
		case '\n':
			if quotes%2 == 0 && i+1 < len(body) {
				return i + 1
			}
		}
	}
	return 0
}

// sampleRowsPerVendor reads up to 2,000 rows from the start of body and
// says how many rows a platform has there, on average (1 if it cannot
// tell).
func sampleRowsPerVendor(body []byte, cols *ocdColumns) float64 {
	at := cols.at[colPlatform]
	cr := csv.NewReader(bytes.NewReader(body))
	cr.ReuseRecord = true
	seen := map[string]bool{}
	rows := 0
	for rows < 2000 {
		rec, err := cr.Read()
		if err != nil {
			break
		}
		rows++
		if at >= 0 && at < len(rec) {
			seen[rec[at]] = true
		}
	}
	if len(seen) == 0 {
		return 1
	}
	return float64(rows) / float64(len(seen))
}

// ocdCSVRows reads rows of the OCD CSV whose first is on line first,
// into slabs sized for about vendors vendors.
func (rd *reader) ocdCSVRows(b []byte, first int, cols *ocdColumns, vendors int) (*ocdBuilder, error) {
	cr := csv.NewReader(bytes.NewReader(b))
	cr.ReuseRecord = true
	cr.FieldsPerRecord = len(cols.header)
	get := func(rec []string, c int) string {
		if i := cols.at[c]; i >= 0 && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	ob := rd.newOCDBuilder()
	ob.c.reserve(vendors)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, rd.fail(pe.Line+first-1, "", pe.Err)
			}
			return nil, rd.fail(0, "", err)
		}
		line, _ := cr.FieldPos(0)
		line += first - 1
		for i, f := range rec {
			if err := checkField(f, cols.clean); err != nil {
				l, _ := cr.FieldPos(i)
				return nil, rd.fail(l+first-1, fmt.Sprintf("column %q", cols.header[i]), err)
			}
		}
		w := strings.TrimSpace(get(rec, colWildcard))
		wild := 0
		switch w {
		case "", "0", "false":
		case "1", "true":
			wild = 1
		default:
			return nil, rd.fail(line, `column "Wildcard match"`, fmt.Errorf("want 0 or 1, got %q", w))
		}
		ob.add(&ocdRow{
			ID: get(rec, colID), Platform: get(rec, colPlatform), Category: get(rec, colCategory),
			Cookie: get(rec, colCookie), Domain: get(rec, colDomain),
			Description: get(rec, colDescription), RetentionPeriod: get(rec, colRetention),
			DataController: get(rec, colController), PrivacyLink: get(rec, colPrivacy),
			WildcardMatch: flexInt(wild),
		}, line, "")
	}
	return ob, nil
}
