package cli

import (
	"bufio"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
)

// lookupResult is one line of `vendex lookup --json`: every line has every
// key, so that a consumer reads a miss as it reads a hit.
type lookupResult struct {
	Input    string        `json:"input"`
	Found    bool          `json:"found"`
	VendorID string        `json:"vendor_id"`
	Name     string        `json:"name"`
	Category data.Category `json:"category"`
	Matched  string        `json:"matched"`
	// Block is the vendor's verdict, and "unknown" on a miss, as the
	// table says.
	Block data.Answer `json:"block_before_consent"`
	// HostedOn and HostedOnID name the hosting (GitHub Pages for
	// github.io) of a host no vendor claims: whose the content is, they
	// do not say.
	HostedOn   string `json:"hosted_on"`
	HostedOnID string `json:"hosted_on_id"`
	Error      string `json:"error"`
}

func cmdLookup(c *cli, args []string) error {
	fs := c.flags("lookup")
	asJSON := fs.Bool("json", false, "one JSON object per input")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("lookup needs a host or URL, or - to read them from stdin")
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	// A batch keeps little alive, and the collector's default pace, on a
	// heap that small, ran it every few thousand lines.
	defer debug.SetGCPercent(debug.SetGCPercent(400))

	out := bufio.NewWriterSize(c.stdout, 64<<10)
	defer out.Flush()
	w := newLookupWriter(out, *asJSON)
	var misses, invalid inputSet
	var memo lookupMemo
	// One read transaction for the whole batch.
	err = s.Lookups(func(lookup func(data.Target) (store.Hit, error)) error {
		return eachLookupInput(c.stdin, pos, func(in string) error {
			si, picked := memo.find(in)
			if si != nil {
				if set := unmatched(si.r, &misses, &invalid); set != nil {
					set.again()
				}
				return w.write(si, true)
			}
			r, err := lookupOne(lookup, in)
			if err != nil {
				return err
			}
			if set := unmatched(r, &misses, &invalid); set != nil {
				set.add(in)
			}
			return w.write(memo.keep(in, r, picked), false)
		})
	})
	if err != nil {
		return err
	}
	if err := w.flush(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	return reportUnmatched(c.stderr, misses, invalid)
}

// eachLookupInput calls fn for each host or URL: the arguments, or with
// the single argument - the lines of stdin (blank lines and # comments
// skipped).
func eachLookupInput(stdin io.Reader, pos []string, fn func(string) error) error {
	return eachInput(stdin, pos, "lookup -: stdin held no host or URL", fn)
}

// eachInput calls fn for each argument, or with the single argument - for
// each line of stdin (blank lines and # comments skipped); empty is the
// usage error for a stdin that held none.
func eachInput(stdin io.Reader, pos []string, empty string, fn func(string) error) error {
	if len(pos) != 1 || pos[0] != "-" {
		for _, in := range pos {
			if err := fn(in); err != nil {
				return err
			}
		}
		return nil
	}
	n := 0
	err := eachLine(stdin, 8<<10, func(line string) error {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			return nil
		}
		n++
		return fn(line)
	})
	if err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	if n == 0 {
		return usagef("%s", empty)
	}
	return nil
}

// seenInput is what a batch found for one input: its result, and the
// cells of its row or its JSON line, once a later line names it again.
type seenInput struct {
	r    lookupResult
	row  *rowCells
	line []byte
}

// unmatched is the set of a batch's summary that counts an input of
// result r: the misses, the invalid inputs, or none for a found one.
func unmatched(r lookupResult, misses, invalid *inputSet) *inputSet {
	switch {
	case r.Error != "":
		return invalid
	case !r.Found:
		return misses
	}
	return nil
}

// lookupMemo is what a batch found for the inputs it has seen. A batch
// may name the same hosts again and again (a log of page loads), and a
// line naming an input again is answered from its first line's result, in
// the same read transaction, so the answer is the same. Asking and
// remembering cost a map probe and insert and some 200 bytes an input,
// which a list naming each host once never earns back: until lines
// repeat, the memo asks about and keeps only a sample of the inputs (one
// in memoSample, by a hash of the input, so that a repeated input is
// sampled each time), and it keeps everything while they repeat.
type lookupMemo struct {
	seen    map[string]*seenInput
	free    []seenInput // made a few hundred at a time
	scratch seenInput   // the result of a line the memo does not keep
	all     bool        // asking about and keeping every input, not a sample
	seed    maphash.Seed
	// lines, the lines it asked about (asked) and those it answered
	// (hits) in the current window
	lines, asked, hits int
}

const (
	// memoMax is how many distinct inputs a batch remembers: a site's or
	// a crawl's third-party hosts fit, and a million distinct lines do
	// not make the memory grow without end.
	memoMax = 1 << 16
	// memoWindow is how many lines the memo judges its hit rate over.
	memoWindow = 4096
	// memoSample: the memo samples when fewer than one line in
	// memoSample it asks about repeats, and then asks about one input in
	// memoSample: enough to see a list read over again.
	memoSample = 8
)

// sampled says whether the memo asks about in and keeps it: always, but
// for a sample while few inputs repeat.
func (m *lookupMemo) sampled(in string) bool {
	if m.all {
		return true
	}
	if m.seed == (maphash.Seed{}) {
		m.seed = maphash.MakeSeed()
	}
	return maphash.String(m.seed, in)%memoSample == 0
}

// find is the result of an earlier line naming in, or nil when the memo
// holds none or does not ask; picked says whether the memo asks about and
// keeps in, for keep, so that a line costs one hash at most.
func (m *lookupMemo) find(in string) (si *seenInput, picked bool) {
	if m.lines++; m.lines == memoWindow {
		m.all = m.hits*memoSample >= m.asked
		m.lines, m.asked, m.hits = 0, 0, 0
	}
	picked = m.sampled(in)
	if m.seen == nil || !picked {
		return nil, picked
	}
	m.asked++
	if si = m.seen[in]; si != nil {
		m.hits++
	}
	return si, picked
}

// keep holds r, the result of a new input, for in's next lines when the
// memo has room and picked (find's answer for in); what it returns, kept
// or not, is for the line's own row.
func (m *lookupMemo) keep(in string, r lookupResult, picked bool) *seenInput {
	if len(m.seen) >= memoMax || !picked {
		m.scratch = seenInput{r: r}
		return &m.scratch
	}
	if m.seen == nil {
		m.seen = map[string]*seenInput{}
	}
	if len(m.free) == 0 {
		m.free = make([]seenInput, 256)
	}
	si := &m.free[0]
	m.free, si.r = m.free[1:], r
	m.seen[in] = si
	return si
}

// lookupOne finds the vendor of one input. A malformed input or a miss is
// a result; only a failing store is an error.
func lookupOne(lookup func(data.Target) (store.Hit, error), in string) (lookupResult, error) {
	r := lookupResult{Input: in, Block: "unknown"}
	t, err := data.ParseTarget(in)
	if err != nil {
		r.Error = err.Error()
		return r, nil
	}
	h, err := lookup(t)
	if errors.Is(err, store.ErrNotFound) {
		r.HostedOn, r.HostedOnID, r.Matched = h.HostedOn, h.HostedOnID, h.Matched
		return r, nil
	}
	if err != nil {
		return r, err
	}
	r.Found, r.VendorID, r.Name, r.Category, r.Matched, r.Block = true, h.ID, h.Name, h.Category, h.Matched, h.Block
	r.Category = data.Category(r.Category.Slug())
	r.Block = data.Answer(r.Block.Slug())
	return r, nil
}

// lookupWriter prints results as they come: a JSON object a line, or a
// table aligned in chunks so that 100,000 lines stream instead of piling
// up.
type lookupWriter struct {
	out     io.Writer // where JSON lines go; nil for the table
	line    []byte    // the JSON line of a line no memo keeps
	table   table
	started bool // the table's titles are written
	// cells are a vendor's name, category and verdict as a row shows
	// them, by vendor id: a batch names the same few vendors again and
	// again, and cleaning and joining them was a third of its time.
	cells map[string]*vendorCells
	row   rowCells // the row of a line no memo keeps
	// hosted are hosted misses' MATCHED cells by hosting domain, with the
	// company each names: a list names many hosts under a few hosting
	// domains (cloudfront.net), and the sentence was cleaned and joined
	// for each.
	hosted map[string]hostedCell
	titles map[data.Category]string // category titles by slug
}

type hostedCell struct{ by, cell string }

// vendorCells are the three cells a found vendor's rows share, with
// their widths.
type vendorCells struct {
	vendor, category, block string
	widths                  [3]int
}

func (w *lookupWriter) newVendorCells(r *lookupResult) *vendorCells {
	name := r.Name
	if !data.PrintableASCII(name) { // printable ASCII is clean already
		name = data.CleanLine(name)
	}
	// A category's title, by its slug: most imported vendors are
	// "unclassified", whose title was cleaned again for each.
	title, ok := w.titles[r.Category]
	if !ok {
		title = r.Category.Title()
		w.titles[r.Category] = title
	}
	vc := &vendorCells{vendor: name + " (" + r.VendorID + ")", category: title, block: lowerTitle(r.Block)}
	vc.widths = [3]int{cellWidth(vc.vendor), cellWidth(vc.category), cellWidth(vc.block)}
	return vc
}

// lowerTitle is a verdict's title in lower case, as the BLOCK column
// shows it: the constant itself for the usual answers.
func lowerTitle(a data.Answer) string {
	switch t := a.Title(); t {
	case data.AnswerYes.Title():
		return string(data.AnswerYes)
	case data.AnswerNo.Title():
		return string(data.AnswerNo)
	case data.AnswerConditional.Title():
		return string(data.AnswerConditional)
	default:
		return strings.ToLower(t)
	}
}

func newLookupWriter(out io.Writer, asJSON bool) *lookupWriter {
	w := &lookupWriter{table: *batchTable(out, 0, 0, categoryWidth()), cells: map[string]*vendorCells{}, hosted: map[string]hostedCell{}, titles: map[data.Category]string{}}
	if asJSON {
		w.out = out
	}
	return w
}

// write writes si's result; again says an earlier line was the same
// input.
func (w *lookupWriter) write(si *seenInput, again bool) error {
	r := &si.r
	if w.out != nil {
		if si.line == nil && again {
			si.line = appendLookupJSON(nil, r)
		}
		if si.line != nil {
			_, err := w.out.Write(si.line)
			return err
		}
		w.line = appendLookupJSON(w.line[:0], r)
		_, err := w.out.Write(w.line)
		return err
	}
	if !w.started {
		w.started = true
		if err := w.table.row("INPUT", "VENDOR", "CATEGORY", "BLOCK BEFORE CONSENT", "MATCHED"); err != nil {
			return err
		}
	}
	if si.row == nil && again {
		// Kept for the input's next lines; a first line's (most lines of
		// a list of distinct hosts) is not.
		si.row = new(rowCells)
		w.rowOf(r, si.row)
	}
	if si.row != nil {
		return w.put(si.row)
	}
	w.rowOf(r, &w.row)
	return w.put(&w.row)
}

// put adds row to the table.
func (w *lookupWriter) put(row *rowCells) error {
	for i, c := range row.cells {
		w.table.cell(c, row.widths[i])
	}
	return w.table.endRow()
}

// rowCells are the cells of an input's row, with their widths (the last
// cell's is never used: it is not padded).
type rowCells struct {
	cells  [5]string
	widths [5]int
}

// rowOf sets row to the row that shows r.
func (w *lookupWriter) rowOf(r *lookupResult, row *rowCells) {
	shown, width := shownInput(r.Input)
	if r.Found {
		vc := w.cells[r.VendorID]
		if vc == nil {
			vc = w.newVendorCells(r)
			w.cells[r.VendorID] = vc
		}
		*row = rowCells{[5]string{shown, vc.vendor, vc.category, vc.block, r.Matched}, [5]int{width, vc.widths[0], vc.widths[1], vc.widths[2]}}
		return
	}
	block, last := "-", "no vendor known"
	switch {
	case r.Error != "":
		last = data.CleanLine(r.Error)
	case r.Matched != "": // a miss under a hosting domain
		h, ok := w.hosted[r.Matched]
		if !ok || h.by != r.HostedOn {
			h = hostedCell{r.HostedOn, data.HostedMiss(r.Matched, r.HostedOn)}
			w.hosted[r.Matched] = h
		}
		block, last = "unknown", h.cell
	case isSuffixInput(r.Input):
		block, last = "unknown", data.SuffixMiss(strings.ToLower(r.Input))
	}
	*row = rowCells{[5]string{shown, "-", "-", block, last}, [5]int{width, 1, 1, cellWidth(block)}}
}

// shownInput is an input as a table's INPUT cell shows it, and its width:
// as given when clean, cut to 80 cells, quoted when cleaning changed it.
func shownInput(in string) (string, int) {
	if len(in) <= 80 && data.PrintableASCII(in) { // clean and short already
		return in, len(in)
	}
	shown := truncate(data.CleanLine(in), 80)
	if shown != truncate(in, 80) {
		// Cleaning changed it: "evil\x1b[31m.com" cleaned reads as the
		// real host evil.com. Show it as every message echoes an input.
		shown = data.Quote(in)
	}
	return shown, cellWidth(shown)
}

func (w *lookupWriter) flush() error { return w.table.flush() }

// reportUnmatched names on stderr the inputs that matched no vendor and
// those that are not a host or URL; either makes the exit status 1.
func reportUnmatched(stderr io.Writer, misses, invalid inputSet) error {
	if len(misses.list) > 0 {
		fmt.Fprintf(stderr, "vendex: %s matched no vendor: %s%s\n", misses.count("input", "on %d lines"), quoteSome(misses.list), nameHint(misses.list))
	}
	if len(invalid.list) > 0 {
		fmt.Fprintf(stderr, "vendex: %s %s not a host or URL: %s\n", invalid.count("input", "on %d lines"), isAre(len(invalid.list)), quoteSome(invalid.list))
	}
	if len(misses.list)+len(invalid.list) > 0 {
		return exitError{code: 1}
	}
	return nil
}

// nameHint is the next step for a lookup of a word with no dot, which may
// be a vendor's name rather than a host (localhost is a host, and no
// vendor's): search finds vendors by name.
func nameHint(misses []string) string {
	i := slices.IndexFunc(misses, func(in string) bool {
		return !strings.ContainsAny(in, "./:") && !strings.EqualFold(in, "localhost")
	})
	if i < 0 {
		return ""
	}
	return " (" + data.Quote(misses[i]) + " has no dot: if it is a vendor's name, try vendex search " + data.Quote(misses[i]) + ")"
}

// inputSet gathers a batch's inputs of one kind (the misses) as a
// summary names them: each once, in the order first seen, however many
// lines repeat it.
type inputSet struct {
	list  []string
	seen  map[string]struct{}
	lines int
}

func (s *inputSet) add(in string) {
	s.lines++
	if _, ok := s.seen[in]; ok {
		return
	}
	if s.seen == nil {
		s.seen = map[string]struct{}{}
	}
	s.seen[in] = struct{}{}
	s.list = append(s.list, in)
}

// again counts another line of an input the set holds already.
func (s *inputSet) again() { s.lines++ }

// count is how many distinct inputs the set holds, as noun, and how
// often they came when some repeat, as times says it: "224 names (on 610
// lines)" with "on %d lines".
func (s *inputSet) count(noun, times string) string {
	n := data.Plural(len(s.list), noun)
	if s.lines > len(s.list) {
		n += " (" + fmt.Sprintf(times, s.lines) + ")"
	}
	return n
}

// quoteSome quotes the first 20 inputs and counts the rest.
func quoteSome(ins []string) string {
	shown := make([]string, 0, min(len(ins), 20))
	for _, in := range ins[:min(len(ins), 20)] {
		// The input as given, escaped: a cleaned copy would name another.
		shown = append(shown, data.Quote(in))
	}
	s := strings.Join(shown, ", ")
	if len(ins) > len(shown) {
		s += fmt.Sprintf(" and %d more", len(ins)-len(shown))
	}
	return s
}

// eachLine calls fn for each line of r. A line longer than max is cut to
// max+1 bytes (enough for the caller to see it is too long) and the rest of
// it skipped, so one huge line neither exhausts memory nor stops the run.
func eachLine(r io.Reader, max int, fn func(string) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for {
		chunk, isPrefix, err := br.ReadLine()
		if len(buf) <= max {
			buf = append(buf, chunk[:min(len(chunk), max+1-len(buf))]...)
		}
		if err == io.EOF {
			if len(buf) > 0 {
				return fn(string(buf))
			}
			return nil
		}
		if err != nil {
			return err
		}
		if isPrefix {
			continue
		}
		if err := fn(string(buf)); err != nil {
			return err
		}
		buf = buf[:0]
	}
}

// isAre is the verb for n things: "is" for one, "are" for more.
func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// isSuffixInput reports whether a missed input is a hosting suffix itself
// (gitlab.io), given as a bare host.
func isSuffixInput(in string) bool {
	t, err := data.ParseTarget(in)
	return err == nil && t.Path == "" && t.Host == strings.ToLower(in) && data.IsHostingSuffix(t.Host)
}
