package dataset

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/vendex/vendex/data"
)

// ocdCSV reads the Open Cookie Database CSV (header: ID, Platform,
// Category, Cookie / Data Key name, Domain, Description, Retention period,
// Data Controller, User Privacy & GDPR Rights Portals, Wildcard match);
// columns are found by header name, so their order may change.
//
// The file is read as it streams, csvChunk bytes of whole rows at a time,
// never whole: two chunks are read at once, and each chunk's vendors are
// folded into those of the chunks before it as if one pass had read its
// rows after theirs: the same records, warnings and first error as one
// pass, in about half the time on two cores.
func (rd *reader) ocdCSV(r io.Reader) ([][]data.Vendor, error) {
	ck := &csvChunker{r: r, line: 1, maxRow: csvMaxRow(16)}
	head, headLine, err := ck.next(rd)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(head))
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
	ck.maxRow = csvMaxRow(len(header))
	off := int(cr.InputOffset())
	body := head[off:]
	bodyLine := headLine + bytes.Count(head[:off], []byte{'\n'})
	cols := ocdColumns{header: header}
	// Each column's index, looked up once rather than once a row; -1 for
	// a column the file lacks.
	for i, name := range ocdColumnNames {
		cols.at[i] = -1
		if c, ok := col[name]; ok {
			cols.at[i] = c
		}
	}
	// How many rows a platform has, from the first rows: it sizes each
	// chunk's vendor slabs.
	perVendor := sampleRowsPerVendor(body, &cols)
	type result struct {
		ob  *ocdBuilder
		rd  *reader
		err error
	}
	var all *ocdBuilder
	newVendors := 0 // in the last chunk folded in
	for done := false; !done; {
		// The first chunk's rest of rows, then two chunks at a time.
		parts, lines := [][]byte{body}, []int{bodyLine}
		if all != nil {
			parts, lines = nil, nil
		}
		for len(parts) < 2 {
			part, line, err := ck.next(rd)
			if err != nil {
				return nil, err
			}
			if part == nil {
				done = true
				break
			}
			parts, lines = append(parts, part), append(lines, line)
		}
		results := make([]result, len(parts))
		var wg sync.WaitGroup
		for i, part := range parts {
			prd := &reader{file: rd.file, check: rd.check}
			// The first chunk's vendors are all new; a later chunk's are
			// mostly its platforms' again, folded into those before, so
			// it makes room for as many new ones as the last chunk had.
			vendors := newVendors + newVendors/8 + 64
			if all == nil && i == 0 {
				rows := bytes.Count(part, []byte{'\n'}) + 1
				vendors = min(rows, int(float64(rows)/perVendor*1.25)+256)
			}
			wg.Go(func() {
				prd.checkUTF8(part, lines[i])
				ob, err := prd.ocdCSVRows(part, lines[i], &cols, vendors)
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
			rd.takeWarnings(r.rd)
			if all == nil {
				all = r.ob
			} else {
				newVendors = all.fold(r.ob)
			}
		}
	}
	return all.chunks(), nil
}

// csvChunk is how many bytes of a CSV file are read at a time (a variable
// so that tests can read a small file in many chunks).
var csvChunk = 4 << 20

// csvMaxRow is the longest row of cols fields, each within MaxField and
// quoted with every quote doubled, and within MaxRecord: a file with a
// longer one has a field over MaxField, a quote that never closes, or a
// header of more columns than any dataset has.
func csvMaxRow(cols int) int { return min(max(cols, 1)*(2*MaxField+3)+1, MaxRecord) }

// csvChunker hands out a CSV file in chunks of whole rows.
type csvChunker struct {
	r      io.Reader
	buf    []byte // read and not yet handed out: whole rows, then part of one
	eof    bool
	line   int // buf's first line
	maxRow int // the longest row let through
	bom    bool
}

// next is the next chunk of whole rows and the line it starts on, or nil
// at the end of the file.
func (ck *csvChunker) next(rd *reader) ([]byte, int, error) {
	for {
		if !ck.eof && len(ck.buf) < csvChunk {
			ck.buf = slices.Grow(ck.buf, csvChunk-len(ck.buf))
			n, err := io.ReadAtLeast(ck.r, ck.buf[len(ck.buf):csvChunk], csvChunk-len(ck.buf))
			ck.buf = ck.buf[:len(ck.buf)+n]
			switch {
			case err == io.EOF || err == io.ErrUnexpectedEOF:
				ck.eof = true
			case err != nil:
				return nil, 0, rd.fail(0, "", err)
			}
			if !ck.bom {
				ck.bom = true
				ck.buf = bytes.TrimPrefix(ck.buf, []byte("\xef\xbb\xbf"))
			}
		}
		cut := len(ck.buf)
		if !ck.eof {
			cut = rowCut(ck.buf)
		}
		if cut > 0 {
			part, line := ck.buf[:cut], ck.line
			ck.line += bytes.Count(part, []byte{'\n'})
			// The rest moves to a buffer of its own: part is read while
			// the next chunk is filled.
			ck.buf = append(make([]byte, 0, csvChunk), ck.buf[cut:]...)
			return part, line, nil
		}
		if ck.eof {
			return nil, 0, nil
		}
		if len(ck.buf) > ck.maxRow {
			return nil, 0, rd.fail(ck.line, "", fmt.Errorf("%w: a row runs on past %d bytes (a quote that never closes?)", ErrFieldTooLong, ck.maxRow))
		}
		// One row longer than a chunk: read on, up to maxRow.
		ck.buf = slices.Grow(ck.buf, 64<<10)
		n, err := io.ReadAtLeast(ck.r, ck.buf[len(ck.buf):cap(ck.buf)], 1)
		ck.buf = ck.buf[:len(ck.buf)+n]
		if err == io.EOF {
			ck.eof = true
		} else if err != nil {
			return nil, 0, rd.fail(0, "", err)
		}
	}
}

// rowCut is where the last whole row of b, which starts at a row, ends: after
// a newline outside any quoted field (quotes come in pairs, "" escaping one
// inside a field, so an even number of them before a newline puts it
// outside), or 0 if b holds no whole row.
func rowCut(b []byte) int {
	nl := bytes.LastIndexByte(b, '\n')
	if nl < 0 {
		return 0
	}
	quotes := bytes.Count(b[:nl], []byte{'"'})
	for quotes%2 != 0 {
		prev := bytes.LastIndexByte(b[:nl], '\n')
		if prev < 0 {
			return 0
		}
		quotes -= bytes.Count(b[prev:nl], []byte{'"'})
		nl = prev
	}
	return nl + 1
}

// checkUTF8 warns, at its line, of the first byte of part (which starts
// on line first) that is not UTF-8. A file read in parts is warned of
// once, at its first such byte, and the warning goes first, as one check
// of the whole file before any row is read gives it.
func (rd *reader) checkUTF8(part []byte, first int) {
	if rd.notUTF8 || utf8.Valid(part) {
		return
	}
	rd.notUTF8 = true
	i := 0
	for i < len(part) {
		r, n := utf8.DecodeRune(part[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	w := Warning{Location: data.Location{File: rd.file, Line: first + bytes.Count(part[:i], []byte("\n"))}, Message: notUTF8}
	if len(rd.warnings) >= maxWarnings {
		rd.warnings, rd.dropped = rd.warnings[:maxWarnings-1], rd.dropped+1
	}
	rd.warnings = append([]Warning{w}, rd.warnings...)
}

// takeWarnings adds the warnings of prd, which read the rows after rd's,
// to rd's: the first kept, the rest counted. The first warning that a file
// is not all UTF-8 goes first, as one pass gives it before any row's.
func (rd *reader) takeWarnings(prd *reader) {
	for _, w := range prd.warnings {
		if w.Message != notUTF8 {
			rd.warnings = append(rd.warnings, w)
			continue
		}
		if len(rd.warnings) > 0 && rd.warnings[0].Message == notUTF8 {
			continue
		}
		rd.warnings = append([]Warning{w}, rd.warnings...)
	}
	if n := len(rd.warnings) - maxWarnings; n > 0 {
		rd.warnings, rd.dropped = rd.warnings[:maxWarnings], rd.dropped+n
	}
	rd.dropped += prd.dropped
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
	get := func(rec []string, c int) string {
		if i := cols.at[c]; i >= 0 && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	ob := rd.newOCDBuilder()
	if !rd.check {
		ob.c.reserve(vendors)
	}
	err := rd.csvRows(b, first, cols.header, func(rec []string, line int) error {
		w := strings.TrimSpace(get(rec, colWildcard))
		wild := 0
		switch w {
		case "", "0", "false":
		case "1", "true":
			wild = 1
		default:
			return rd.fail(line, `column "Wildcard match"`, fmt.Errorf("want 0 or 1, got %q", w))
		}
		if rd.check {
			return nil
		}
		ob.add(&ocdRow{
			ID: get(rec, colID), Platform: get(rec, colPlatform), Category: get(rec, colCategory),
			Cookie: get(rec, colCookie), Domain: get(rec, colDomain),
			Description: get(rec, colDescription), RetentionPeriod: get(rec, colRetention),
			DataController: get(rec, colController), PrivacyLink: get(rec, colPrivacy),
			WildcardMatch: flexInt(wild),
		}, line, "")
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ob, nil
}
