package scan

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode"

	"github.com/vendex/vendex/data"
)

// fuzzRead is every reader's fuzz target: whatever the input, Read
// returns evidence or one *data.LocationError naming the file, never
// panics, and keeps no control or bidi character.
func fuzzRead(f *testing.F, format Format, seeds ...string) {
	for _, s := range seeds {
		f.Add(fixture(f, s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ev, err := Read("fuzz", bytes.NewReader(b), format)
		if err != nil {
			var le *data.LocationError
			if !errors.As(err, &le) || le.File != "fuzz" {
				t.Fatalf("%v is not a *data.LocationError naming the file", err)
			}
			return
		}
		for _, s := range evidenceText(ev) {
			for _, r := range s {
				if unicode.IsControl(r) || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
					t.Fatalf("kept %q", s)
				}
			}
		}
	})
}

func evidenceText(ev *Evidence) []string {
	out := []string{ev.Site}
	for _, r := range ev.Requests {
		out = append(out, r.URL, r.Method, r.Type, r.Initiator)
	}
	for _, c := range ev.Cookies {
		out = append(out, c.Name, c.Value, c.Domain, c.Path, c.SetBy)
	}
	for _, s := range ev.Storage {
		out = append(out, s.Origin, s.Name, s.SetBy)
	}
	return out
}

func FuzzReadHAR(f *testing.F) {
	fuzzRead(f, FormatHAR, "chrome.har", "firefox.har", "sanitised.har", "empty.har", "truncated.har")
}
func FuzzReadWEC(f *testing.F) {
	fuzzRead(f, FormatWEC, "wec-inspection.json", "truncated-wec.json")
}
func FuzzReadStorageState(f *testing.F) { fuzzRead(f, FormatStorageState, "storage-state.json") }
func FuzzReadCookiesTxt(f *testing.F)   { fuzzRead(f, FormatCookiesTxt, "cookies.txt") }
func FuzzReadCookieJar(f *testing.F)    { fuzzRead(f, FormatCookieJar, "cookie-editor.json") }
func FuzzReadTRC(f *testing.F)          { fuzzRead(f, FormatTRC, "trc-crawl.json") }
func FuzzReadHTML(f *testing.F)         { fuzzRead(f, FormatHTML, "page.html") }
func FuzzReadURLs(f *testing.F)         { fuzzRead(f, FormatURLs, "urls.txt") }

// FuzzDetect: any head gives a format or an error, and a format Detect
// names reads without a panic.
func FuzzDetect(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "scan", "*"))
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		format, err := Detect("fuzz", b)
		if err != nil {
			return
		}
		_, _ = Read("fuzz", bytes.NewReader(b), format)
	})
}
