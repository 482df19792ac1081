package dataset

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// lineSource streams n bytes of lines, each made by row(i), noting the
// largest heap it sees each time it hands out a megabyte: a streaming
// reader holds a record, or a chunk of rows, never the file.
type lineSource struct {
	left, sinceCheck int
	pending          string
	i                int
	row              func(i int) string
	maxHeap          uint64
}

func (s *lineSource) Read(p []byte) (int, error) {
	if s.left <= 0 && s.pending == "" {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) {
		if s.pending == "" {
			if s.left <= 0 {
				break
			}
			s.pending = s.row(s.i)
			s.i++
			s.left -= len(s.pending)
		}
		c := copy(p[n:], s.pending)
		s.pending, n = s.pending[c:], n+c
	}
	if s.sinceCheck += n; s.sinceCheck >= 1<<20 {
		s.sinceCheck = 0
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		s.maxHeap = max(s.maxHeap, ms.HeapAlloc)
	}
	return n, nil
}

// Tracker Radar's domain files, as JSON lines or as the domain index CSV,
// are read a line or a chunk of rows at a time: 96 MiB of either, eight
// owners' domains over and over, are read with the heap a small part of it.
func TestATrackerRadarDomainFileIsReadWithoutHoldingIt(t *testing.T) {
	const size = 96 << 20
	pad := strings.Repeat("x", 400) // what a real line carries that vendex does not read
	for name, row := range map[string]func(int) string{
		"domains.jsonl": func(i int) string {
			return fmt.Sprintf(`{"domain":"t%d.example","owner":{"name":"Owner %d"},"categories":["Advertising"],"resources":[{"rule":"%s","firstPartyCookies":{"c%d":{"ttl":86400}}}]}`+"\n", i%64, i%8, pad, i%16)
		},
		"domain-index.csv": func(i int) string {
			if i == 0 {
				return "domain,owner,displayName,categories,regions,rule\n"
			}
			return fmt.Sprintf("t%d.example,Owner %d,Owner %d,Advertising|Analytics,US,%s\n", i%64, i%8, i%8, pad)
		},
	} {
		runtime.GC()
		src := &lineSource{left: size, row: row}
		vs, _, err := Read(FormatTRDomain, name, src)
		if err != nil || len(vs) != 8 {
			t.Fatalf("%s: %d vendors, %v", name, len(vs), err)
		}
		if src.maxHeap > 40<<20 {
			t.Errorf("%s: the heap reached %d bytes reading a %d-byte file", name, src.maxHeap, size)
		}
		t.Logf("%s: %d MiB read with the heap at most %.1f MiB", name, size>>20, float64(src.maxHeap)/(1<<20))
	}
}

// A line of JSON lines longer than MaxRecord (a file that is not JSON
// lines, or one damaged) is refused at its line having read little past
// MaxRecord, not the whole of it.
func TestALineLongerThanMaxRecordIsRefusedAtItsLine(t *testing.T) {
	long := `{"domain":"a.example","owner":{"name":"A"},"resources":[{"rule":"` + strings.Repeat("y", 4000) + `"}]}`
	src := io.MultiReader(strings.NewReader(`{"domain":"b.example","owner":{"name":"B"}}`+"\n"),
		&lineSource{left: 3 * MaxRecord, row: func(int) string { return long[:len(long)-4] }})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := Read(FormatTRDomain, "long.jsonl", src)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrRecordTooLong) || !strings.HasPrefix(err.Error(), "long.jsonl:2: ") {
		t.Fatalf("got %v, want a refusal of line 2 as too long", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 3*MaxRecord {
		t.Errorf("refusing a %d-byte line allocated %d bytes", 3*MaxRecord, alloc)
	}
}

// jsonScan fed a file in parts split anywhere finds what one scan of the
// whole finds, at the same line: an escape sequence, a field over MaxField
// or a list over MaxList split across two parts is still found.
func TestTheJSONScanFindsTheSameSplitAnywhere(t *testing.T) {
	for _, in := range []string{
		"{\"a\":\"x\\u001b[2J\"}\n",
		"{\"a\":[\"\xc2\x9b\"]}",
		"{\"a\":\"\x1b\"}",
		"{\"a\":\"" + strings.Repeat("é", MaxField/2+1) + "\"}",
		"{\"a\":[" + strings.Repeat("1,", MaxList) + "1]}",
		"{\"a\":\"\\\\u001b\",\n\"b\":\"\\u00\"}",
		"{\"ok\":\"\\u00e9\\\"\\\\\"}\n{\"b\":\"\\u009b\"}",
	} {
		want := fmt.Sprint((&reader{file: "f"}).scanJSONText([]byte(in), true))
		for cut := 0; cut <= len(in); cut += max(1, len(in)/300) {
			s := (&reader{file: "f"}).newJSONScan(true)
			err := s.feed([]byte(in[:cut]), false)
			if err == nil {
				err = s.feed([]byte(in[cut:]), true)
			}
			if got := fmt.Sprint(err); got != want {
				t.Fatalf("%.40q cut at %d: got %s, want %s", in, cut, got, want)
			}
		}
	}
}

// FuzzJSONScanSplit: scanning any bytes in two parts, split anywhere, finds
// what scanning them whole finds.
func FuzzJSONScanSplit(f *testing.F) {
	f.Add([]byte("{\"a\":\"x\\u001b\"}\n{\"b\":[1,2]}"), uint16(9), true)
	f.Add([]byte("[\"\xc2\x9b\"]"), uint16(3), false)
	f.Fuzz(func(t *testing.T, b []byte, cut uint16, strict bool) {
		c := int(cut) % (len(b) + 1)
		want := fmt.Sprint((&reader{file: "f"}).scanJSONText(b, strict))
		s := (&reader{file: "f"}).newJSONScan(strict)
		err := s.feed(b[:c], false)
		if err == nil {
			err = s.feed(b[c:], true)
		}
		if got := fmt.Sprint(err); got != want {
			t.Errorf("cut at %d: got %s, want %s", c, got, want)
		}
	})
}

// DetectHead, when it answers from a file's first megabyte, answers as
// DetectFormat of the whole file does, for every dataset here and for
// JSON lines whose first line does not fit in the head.
func TestDetectHeadAgreesWithTheWholeFile(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "datasets", "*", "*.json*"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "import", "*.json"))
	answered := 0
	for _, p := range append(files, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, ok := DetectHead(b[:min(len(b), 1<<20)])
		if !ok {
			continue
		}
		answered++
		if want, err := DetectFormat(p, b); f != want || err != nil {
			t.Errorf("%s: DetectHead says %s, DetectFormat %s (%v)", p, f, want, err)
		}
	}
	if len(files) > 0 && answered == 0 {
		t.Error("DetectHead settled no dataset")
	}
	long := `{"domain":"a.example","owner":{"name":"A"},"resources":[` + strings.Repeat(`{"rule":"r"},`, 100_000) + `{}]}` + "\n"
	if f, ok := DetectHead([]byte(long[:1<<20])); ok {
		t.Errorf("a first line cut by the head settled %s", f)
	}
	if f, ok := DetectHead([]byte(long + long)); !ok || f != FormatTRDomain {
		t.Errorf("JSON lines: %s %v", f, ok)
	}
}

// Reading a streamed format from a reader that hands out a byte at a time
// gives what reading its bytes does.
func TestAStreamedFileReadsAsItsBytesDo(t *testing.T) {
	for _, in := range []string{
		"\xef\xbb\xbf{\"domain\":\"a.example\",\"owner\":{\"name\":\"A\"}}\n\n{\"domain\":\"b.example\",\"owner\":{\"name\":\"A\"}}",
		"{\n  \"domain\": \"a.example\",\n  \"owner\": {\"name\": \"A\"}\n}\n",
		"domain,owner,displayName,categories\na.example,A,A Inc,CDN\nb.example,,,\n\"c.example\",A,\"A, Inc\",x|y\n",
		"domain,owner,displayName\na.example,A\n",
		"{\"domain\":\"a.example\"}\n{\"domain\":\"b.example\",\"owner\":5}\n",
	} {
		vs, ws, err := ReadBytes(FormatTRDomain, "f", []byte(in))
		vs2, ws2, err2 := Read(FormatTRDomain, "f", iotest.OneByteReader(strings.NewReader(in)))
		a, b := fmt.Sprint(vs, ws, err), fmt.Sprint(vs2, ws2, err2)
		if a != b || (len(vs) == 0 && err == nil) {
			t.Errorf("%.30q:\nbytes  %s\nstream %s", in, a, b)
		}
	}
}

// genRereader is a generated file (lineSource's rows, then last) that
// Read can read again.
type genRereader struct {
	*lineSource
	size int
	row  func(int) string
	last string
	src  []*lineSource // every pass's rows
}

func newGenRereader(size int, row func(int) string, last string) *genRereader {
	g := &genRereader{size: size, row: row, last: last}
	g.lineSource = g.pass()
	return g
}

func (g *genRereader) pass() *lineSource {
	s := &lineSource{left: g.size, row: g.row}
	g.src = append(g.src, s)
	return s
}

func (g *genRereader) Read(p []byte) (int, error) { return readThen(g.lineSource, g.last, p) }
func (g *genRereader) Size() int64                { return int64(g.size + len(g.last)) }
func (g *genRereader) Reread() (io.Reader, error) {
	s := g.pass()
	return io.MultiReader(s, strings.NewReader(g.last)), nil
}

// readThen reads s, then last, which it hands out once s is done.
func readThen(s *lineSource, last string, p []byte) (int, error) {
	n, err := s.Read(p)
	if err == io.EOF && last != "" {
		n = copy(p, last)
		s.pending, s.left = last[n:], 0
		return n, nil
	}
	return n, err
}

// trIndexRow is a row of Tracker Radar's domain index whose domain has no
// owner: a vendor a row, the costliest records a file can make.
func trIndexRow(i int) string {
	if i == 0 {
		return "domain,owner,displayName,categories\n"
	}
	return fmt.Sprintf("d%d.example,,,Advertising\n", i)
}

// A CSV file over CheckFirstOver that can be read again, refused at its
// last row, is refused having checked its rows without building their
// records: 64 MiB of Tracker Radar's index, a vendor a row, would hold
// hundreds of megabytes of records.
func TestALargeCSVRefusedAtItsEndIsRefusedWithoutItsRecords(t *testing.T) {
	runtime.GC()
	g := newGenRereader(64<<20, trIndexRow, "last.example,Owner\n")
	_, _, err := Read(FormatTRDomain, "index.csv", g)
	if err == nil || !strings.Contains(err.Error(), "wrong number of fields") {
		t.Fatalf("got %v, want the last row refused", err)
	}
	if h := g.src[0].maxHeap; h > 40<<20 {
		t.Errorf("the heap reached %d bytes refusing a %d-byte file", h, g.Size())
	}
	if len(g.src) != 1 {
		t.Errorf("a refused file was read %d times", len(g.src))
	}
}

// A large CSV file read twice gives what one read of its bytes does.
func TestALargeCSVReadTwiceReadsAsItsBytesDo(t *testing.T) {
	row := func(i int) string {
		if i == 0 {
			return "domain,owner,displayName,categories\n"
		}
		return fmt.Sprintf("d%d.example,Owner %d,,Advertising\n", i, i%20_000)
	}
	g := newGenRereader(CheckFirstOver+1<<20, row, "")
	vs, ws, err := Read(FormatTRDomain, "index.csv", g)
	if len(g.src) != 2 {
		t.Fatalf("read %d times, want a check and a read", len(g.src))
	}
	b, _ := io.ReadAll(&lineSource{left: g.size, row: row})
	vs2, ws2, err2 := ReadBytes(FormatTRDomain, "index.csv", b)
	if err != nil || len(vs) != 20_000 || fmt.Sprint(vs, ws) != fmt.Sprint(vs2, ws2) || err2 != nil {
		t.Errorf("read twice: %d vendors, %v; its bytes: %d vendors, %v", len(vs), err, len(vs2), err2)
	}
}
