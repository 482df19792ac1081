package cli

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Help fits a terminal of 80 columns: scan's, declare's and banner's ran
// to 164 (trial6); a long row wraps under its own description.
func TestEveryHelpFitsEightyColumns(t *testing.T) {
	db := tempDB(t)
	helps := [][]string{{"--help"}}
	for name := range commands {
		helps = append(helps, []string{name, "--help"}, []string{"help", name})
	}
	for _, args := range helps {
		r := vendex(t, db, "", args...)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("%v: exit %d, %q", args, r.code, r.stderr)
		}
		for _, l := range strings.Split(r.stdout, "\n") {
			if w := utf8.RuneCountInString(l); w > 80 {
				t.Errorf("%v: a line of %d columns: %q", args, w, l)
			}
		}
	}
}
