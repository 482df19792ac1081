package dataset

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/vendex/vendex/data"
)

var fuzzFormats = []Format{FormatVendex, FormatOCDCSV, FormatOCDJSON, FormatThirdPartyWeb, FormatTREntity,
	FormatTRDomain, FormatTDS, FormatDisconnect, FormatGhostery, FormatGVL, FormatIABDisclosure}

// FuzzReaders: every reader, given any bytes, answers without a panic; what
// it accepts reaches the store clean (no control or bidi character in any
// record) with valid ids, and what it refuses it refuses in a message that
// carries no control character either.
func FuzzReaders(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "import", "*"))
	bad, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "import", "bad", "*"))
	for _, p := range append(files, bad...) {
		b, err := os.ReadFile(p)
		if err != nil || len(b) > 64<<10 {
			continue
		}
		format, err := DetectFormat(p, b)
		if err != nil {
			format = FormatVendex
		}
		for i, ff := range fuzzFormats {
			if ff == format {
				f.Add(byte(i), b)
			}
		}
	}
	f.Add(byte(0), []byte(`{"id":"a","name":"A","category":"analytics","summary":"s"} {"id":`))
	f.Add(byte(1), []byte("Platform,Cookie / Data Key name,\x1b]0;x\x07\n"))
	// A list where an object is due, its first member a key: the streamed
	// reader once placed the colon's fault a line early when the list came
	// a byte at a time.
	f.Add(byte(10), []byte("[\"disclosures\": [\n  [\"identifier\": \"_fbk\"]]]"))
	f.Add(byte(8), []byte("\"\"\"\x1b"))
	f.Add(byte(8), []byte("{\"organizations\": {}, \"patterns\": {\"a b\": {\"name\": \"x\u00e9\", \"domains\": [\"a.example\"]}}\n, \"x\": [,x]}"))
	f.Fuzz(func(t *testing.T, which byte, b []byte) {
		format := fuzzFormats[int(which)%len(fuzzFormats)]
		vs, warns, err := ReadBytes(format, "fuzz.in", b)
		if streams(format) { // read as it streams, a byte at a time, the same
			vs2, warns2, err2 := Read(format, "fuzz.in", iotest.OneByteReader(bytes.NewReader(b)))
			if x, y := fmt.Sprint(vs, warns, err), fmt.Sprint(vs2, warns2, err2); x != y {
				t.Errorf("%s: its bytes read as %s, streamed as %s", format, x, y)
			}
		} else if format != FormatVendex {
			// A JSON format read a record at a time: the same records from
			// its bytes and streamed in any parts, and refused by each if
			// by one (which fault a file of several is refused for depends
			// on how far it was read when the first was met).
			vs2, warns2, err2 := Read(format, "fuzz.in", bytes.NewReader(b))
			vs3, warns3, err3 := Read(format, "fuzz.in", iotest.OneByteReader(bytes.NewReader(b)))
			if (err == nil) != (err2 == nil) || (err2 == nil) != (err3 == nil) {
				t.Errorf("%s: its bytes read with %v, streamed whole %v, a byte at a time %v", format, err, err2, err3)
			}
			if err == nil {
				x := fmt.Sprint(vs, warns)
				if y, z := fmt.Sprint(vs2, warns2, err2), fmt.Sprint(vs3, warns3, err3); x+" <nil>" != y || y != z {
					t.Errorf("%s: its bytes read as %s, streamed as %s, a byte at a time %s", format, x, y, z)
				}
			}
		}
		if err != nil {
			if msg := err.Error(); data.EscapeControls(msg) != msg {
				t.Errorf("%s: the refusal carries a control character: %q", format, msg)
			}
			return
		}
		for _, w := range warns {
			if msg := fmt.Sprint(w); data.EscapeControls(msg) != msg {
				t.Errorf("%s: a warning carries a control character: %q", format, msg)
			}
		}
		for _, v := range vs {
			if v.ID != "" && !data.ValidID(v.ID) {
				t.Errorf("%s: accepted the id %q", format, v.ID)
			}
			if s := fmt.Sprintf("%+v", v); data.EscapeControls(strings.ReplaceAll(s, "\n", "")) != strings.ReplaceAll(s, "\n", "") {
				t.Errorf("%s: a record carries a control or bidi character: %q", format, s)
			}
		}
	})
}
