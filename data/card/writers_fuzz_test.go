package card

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
)

// FuzzCardWriters: whatever a vendor's fields say, the text and Markdown
// cards are written without a panic, carry no control or bidi character,
// and the text card keeps to its width.
func FuzzCardWriters(f *testing.F) {
	for _, s := range []string{"plain", "a\x1b[2Jb", "\u009b31m", "evil\u202eexe.txt", "\u2066x\u2069", "wide 漢字 ✓",
		"\t\ttabs", "line\nbreaks\n\n", strings.Repeat("long ", 100), "\xff\xfe", "combining e\u0301"} {
		f.Add(s, uint8(80))
	}
	f.Fuzz(func(t *testing.T, s string, width uint8) {
		w := 20 + int(width)%120
		c := Build(cardWith(s), nil)
		for name, out := range map[string]string{"text": Text(c, w), "markdown": Markdown(c)} {
			if bad := unsafeRune(out); bad != "" {
				t.Errorf("the %s card of %q carries %s", name, s, bad)
			}
		}
		for _, line := range strings.Split(Text(c, w), "\n") {
			if n := ansi.StringWidth(line); n > w {
				t.Errorf("a line of the text card of %q is %d cells wide, over %d: %q", s, n, w, line)
			}
		}
	})
}

// unsafeRune names the first character a terminal would act on or reorder
// by, or "" when there is none.
func unsafeRune(s string) string {
	if esc := data.EscapeControls(s); esc != s {
		for i := range s {
			if data.EscapeControls(s[i:i+1]) != s[i:i+1] || data.EscapeControls(string([]rune(s[i:])[0])) != string([]rune(s[i:])[0]) {
				return fmt.Sprintf("%q at byte %d", []rune(s[i:])[0], i)
			}
		}
		return "a control character"
	}
	return ""
}
