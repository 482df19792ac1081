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
	f.Fuzz(func(t *testing.T, which byte, b []byte) {
		format := fuzzFormats[int(which)%len(fuzzFormats)]
		vs, warns, err := ReadBytes(format, "fuzz.in", b)
		if streams(format) { // read as it streams, a byte at a time, the same
			vs2, warns2, err2 := Read(format, "fuzz.in", iotest.OneByteReader(bytes.NewReader(b)))
			if x, y := fmt.Sprint(vs, warns, err), fmt.Sprint(vs2, warns2, err2); x != y {
				t.Errorf("%s: its bytes read as %s, streamed as %s", format, x, y)
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
