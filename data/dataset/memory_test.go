package dataset

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

// A one-million-element list, or a million-member object, in any format's
// list position is refused having allocated less than the file, not
// hundreds of megabytes (issue 14: 344 MB for a 2 MB file): the scan
// refuses a list or an object over MaxList, a top-level list its first
// record of the wrong type.
func TestAMillionElementListIsRefusedInLittleMemory(t *testing.T) {
	zeros := "[" + strings.Repeat("0,", 999_999) + "0]"
	var members strings.Builder
	members.WriteString("{")
	for i := range 1_000_000 {
		fmt.Fprintf(&members, `"k%d":0,`, i)
	}
	object := strings.TrimSuffix(members.String(), ",") + "}"
	for f, shape := range memoryArrayShapes {
		for _, file := range [][]byte{fmt.Appendf(nil, shape, zeros), fmt.Appendf(nil, shape, object)} {
			refusedSmall(t, f, file)
		}
	}
	// A map of records with a million members: decoded whole, 0.3 to 1.9
	// GB, and the vendor list's was read as a million vendors.
	objects := strings.ReplaceAll(object, ":0", ":{}")
	for f, shape := range map[Format]string{
		FormatTDS:        `{"trackers":%s,"entities":{}}`,
		FormatGhostery:   `{"organizations":{},"patterns":%s}`,
		FormatOCDJSON:    `%s`,
		FormatGVL:        `{"vendors":%s}`,
		FormatDisconnect: `{"categories":{"Advertising":[%s]}}`,
	} {
		refusedSmall(t, f, fmt.Appendf(nil, shape, objects))
	}
}

// refusedSmall checks that file, of format f, is refused having allocated
// less than its size.
func refusedSmall(t *testing.T, f Format, file []byte) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := ReadBytes(f, "list.json", file)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Errorf("%s: %.20s... of a million was read", f, file)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(file)) {
		t.Errorf("%s: refusing a %d-byte file allocated %d bytes", f, len(file), alloc)
	}
}

// rowSource streams an Open Cookie Database CSV of n bytes of rows, eight
// platforms' same cookies over and over, and notes the largest heap it
// sees each time it hands out a megabyte: the reader must hold a few
// chunks, never the file.
type rowSource struct {
	left, sinceCheck int
	pending          string
	row              int
	maxHeap          uint64
}

func (s *rowSource) Read(p []byte) (int, error) {
	if s.left <= 0 && s.pending == "" {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) {
		if s.pending == "" {
			if s.left <= 0 {
				break
			}
			s.pending = fmt.Sprintf("id-%d,Platform %d,Marketing,cookie_%d,tracker%d.example,Keeps the visitor's id,1 year,Owner,https://owner.example/privacy,0\n", s.row, s.row%8, s.row%64, s.row%8)
			s.row++
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

func TestAnOCDCSVIsReadWithoutHoldingIt(t *testing.T) {
	const size = 128 << 20
	src := &rowSource{left: size, pending: "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n"}
	vs, _, err := Read(FormatOCDCSV, "big.csv", src)
	if err != nil || len(vs) != 8 {
		t.Fatalf("%d vendors, %v", len(vs), err)
	}
	if src.maxHeap > 48<<20 {
		t.Errorf("the heap reached %d bytes reading a %d-byte file", src.maxHeap, size)
	}
	t.Logf("%d MiB of rows read with the heap at most %.1f MiB", size>>20, float64(src.maxHeap)/(1<<20))
}
