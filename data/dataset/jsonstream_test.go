package dataset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// chunked reads r n bytes at a time at most, as a pipe may hand a file over.
type chunked struct {
	r io.Reader
	n int
}

func (c chunked) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

// A JSON file read a byte at a time, or seven, gives what it gives read
// whole: the same records, warnings and refusal, at the same line and path
// (an escape, a character or a line cut between two reads included).
func TestAJSONFileReadsTheSameInAnyChunks(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "import", "*.json"))
	for _, p := range files {
		good, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		format, err := DetectFormat(p, good)
		if err != nil || format == FormatVendex || streams(format) {
			continue
		}
		type variant = struct {
			name   string
			damage func(b []byte) []byte
		}
		variants := append(slices.Clone(malformedVariants),
			variant{"Latin-1 and an escape", func(b []byte) []byte { return intoFirstText(intoFirstText(b, "\xe9t\xe9"), "\\u001b") }},
			variant{"a byte order mark", func(b []byte) []byte { return append(bytes.Clone(bom), b...) }})
		for _, v := range variants {
			b := v.damage(good)
			read := func(r io.Reader) string {
				vs, ws, err := Read(format, "f.json", r)
				if err != nil {
					return err.Error() // its warnings are of the part read, and go unseen
				}
				j, _ := json.Marshal(vs)
				return fmt.Sprintf("%s\n%v", j, ws)
			}
			whole := read(bytes.NewReader(b))
			for _, r := range []io.Reader{iotest.OneByteReader(bytes.NewReader(b)), chunked{bytes.NewReader(b), 7}} {
				if got := read(r); got != whole {
					t.Errorf("%s, %s: read whole\n%s\nin parts\n%s", filepath.Base(p), v.name, whole, got)
				}
			}
		}
	}
}

// trackerSource streams a DuckDuckGo blocklist of n bytes, most of them an
// object of CNAMEs that vendex does not use, then a few trackers, noting
// the largest heap it sees each time it hands out a megabyte.
type trackerSource struct {
	parts      []string // what is left to hand out, in order
	cnames     int      // CNAME members left to write
	sinceCheck int
	maxHeap    uint64
}

func newTrackerSource(cnames int, tail string) *trackerSource {
	return &trackerSource{parts: []string{`{"cnames": {`, "", `"x.example": "y.example"}, "trackers": {` +
		`"ads.contoso.example": {"owner": {"name": "Contoso", "displayName": "Contoso"}, "categories": ["Advertising"]}}` + tail}, cnames: cnames}
}

func (s *trackerSource) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && len(s.parts) > 0 {
		if s.parts[0] == "" && s.cnames > 0 {
			s.cnames--
			s.parts[0] = fmt.Sprintf(`"host-%d.customer.example": "%s.cdn.example",`+"\n", s.cnames, strings.Repeat("a", 600))
		}
		if s.parts[0] == "" {
			s.parts = s.parts[1:]
			continue
		}
		c := copy(p[n:], s.parts[0])
		s.parts[0], n = s.parts[0][c:], n+c
	}
	if s.sinceCheck += n; s.sinceCheck >= 1<<20 {
		s.sinceCheck = 0
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		s.maxHeap = max(s.maxHeap, ms.HeapAlloc)
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// A file whose top level is an object is read a member at a time: 60 MB of
// a member vendex does not use never sit in memory (issue 14, item 12:
// these formats were read whole and decoded whole).
func TestAnObjectFileIsReadWithoutHoldingIt(t *testing.T) {
	runtime.GC()
	src := newTrackerSource(MaxList-2, "}\n")
	vs, _, err := Read(FormatTDS, "tds.json", src)
	if err != nil || len(vs) != 1 || vs[0].Name != "Contoso" {
		t.Fatalf("%v, %v", vs, err)
	}
	if src.maxHeap > 24<<20 {
		t.Errorf("the heap reached %.1f MiB reading a 63 MB file", float64(src.maxHeap)/(1<<20))
	}
	t.Logf("63 MB read with the heap at most %.1f MiB", float64(src.maxHeap)/(1<<20))
	// Cut short at its end, it is refused at its last line, having held
	// as little.
	src = newTrackerSource(MaxList-2, "")
	_, _, err = Read(FormatTDS, "tds.json", src)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("tds.json:%d: ", MaxList-1)) || !strings.Contains(err.Error(), "ends in the middle") {
		t.Errorf("got %v", err)
	}
	if src.maxHeap > 24<<20 {
		t.Errorf("the heap reached %.1f MiB refusing a 63 MB file", float64(src.maxHeap)/(1<<20))
	}
}

// fileRereader is a file on disk as vendex import hands it to Read,
// noting the largest heap it sees each time it hands out a megabyte.
type fileRereader struct {
	*heapWatch
	f    *os.File
	size int64
}

type heapWatch struct {
	r          io.Reader
	sinceCheck int
	maxHeap    uint64
}

func (w *heapWatch) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if w.sinceCheck += n; w.sinceCheck >= 1<<20 {
		w.sinceCheck = 0
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		w.maxHeap = max(w.maxHeap, ms.HeapAlloc)
	}
	return n, err
}

func openRereader(t *testing.T, b []byte) fileRereader {
	p := filepath.Join(t.TempDir(), "f.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return fileRereader{&heapWatch{r: f}, f, int64(len(b))}
}

func (r fileRereader) Size() int64 { return r.size }
func (r fileRereader) Reread() (io.Reader, error) {
	r.heapWatch.r = io.NewSectionReader(r.f, 0, r.size)
	return r.heapWatch, nil
}

// ghosteryOf is a Ghostery trackerdb of n patterns, each its own
// organization's, with bad at the end of the last pattern.
func ghosteryOf(n int, bad string) []byte {
	var b bytes.Buffer
	b.WriteString("{\"categories\": {},\n\"organizations\": {},\n\"patterns\": {\n")
	for i := range n {
		sep := ",\n"
		if i == n-1 {
			sep = bad + "\n"
		}
		fmt.Fprintf(&b, `"p%d": {"name": "Pattern %d", "category": "advertising", "domains": ["p%d-tracker.example"], "website_url": "https://p%d.example/%s"}%s`, i, i, i, i, strings.Repeat("x", 100), sep)
	}
	b.WriteString("},\n\"domains\": {}}\n")
	return b.Bytes()
}

// A large object file is told by its content, read to its end without
// being held, and one that is broken at its end is refused there before
// any of its records is built.
func TestALargeObjectFileIsToldAndCheckedAsItStreams(t *testing.T) {
	const n = 90_000 // 20 MB, over CheckFirstOver
	good := ghosteryOf(n, "")
	f, err := DetectFile("big.json", openRereader(t, good))
	if err != nil || f != FormatGhostery {
		t.Fatalf("told %q, %v", f, err)
	}
	vs, _, err := Read(f, "big.json", openRereader(t, good))
	if err != nil || len(vs) != n {
		t.Fatalf("%d vendors, %v", len(vs), err)
	}
	unknown := openRereader(t, bytes.Replace(good, []byte(`"organizations"`), []byte(`"orgs"`), 1))
	// Its 90,000 vendors take some 60 MB; refused for its last record,
	// cut short, none is built.
	bad := ghosteryOf(n, `, "p-last": {"name": "Last"`)
	bad = bad[:bytes.Index(bad, []byte(`"Last"`))+6]
	rr, cut := openRereader(t, bad), openRereader(t, bad)
	size := len(bad)
	vs, good, bad = nil, nil, nil
	runtime.GC()
	_, _, err = Read(f, "big.json", rr)
	if want := fmt.Sprintf(`big.json:%d: patterns["p-last"]: the file ends in the middle of a JSON value (was it cut short?)`, n+3); err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if rr.maxHeap > uint64(size)/2 {
		t.Errorf("refusing a %d-byte file, the heap reached %d bytes", size, rr.maxHeap)
	}
	t.Logf("a %.1f MB file refused with the heap at most %.1f MiB", float64(size)/1e6, float64(rr.maxHeap)/(1<<20))
	_, err = DetectFile("big.json", cut)
	if want := fmt.Sprintf("big.json:%d: ", n+3); err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "ends in the middle") {
		t.Errorf("cut short: got %v", err)
	}
	_, err = DetectFile("big.json", unknown)
	if want := "big.json:1: cannot tell the file's format from its top-level object"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("unknown: got %v", err)
	}
}

// A large JSON file that starts with a byte order mark is told and read
// as one without.
func TestALargeFileWithAByteOrderMarkIsTold(t *testing.T) {
	b := append(bytes.Clone(bom), ghosteryOf(5000, "")...)
	f, err := DetectFile("bom.json", openRereader(t, b))
	if err != nil || f != FormatGhostery {
		t.Fatalf("told %q, %v", f, err)
	}
	if vs, _, err := Read(f, "bom.json", iotest.OneByteReader(bytes.NewReader(b))); err != nil || len(vs) != 5000 {
		t.Errorf("%d vendors, %v", len(vs), err)
	}
}
