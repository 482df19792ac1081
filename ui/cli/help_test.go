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

// An example command wider than the help is continued with a backslash,
// so it is still one command to copy (verify10: coverage's example was
// split over two lines, the second a bare path).
func TestAWideExampleIsOneCommandToCopy(t *testing.T) {
	r := vendex(t, tempDB(t), "", "coverage", "--help")
	want := "Example:\n  vendex coverage \\\n    ../shared/datasets/third-party-web/2025-04-01-observed-domains.json\n"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("coverage --help lacks %q:\n%s", want, r.stdout)
	}
}

// A command's help says what each of its options does, the same whether
// asked as 'vendex help X' or 'vendex X --help' (trial7: scan's --strict,
// --md and --site, declare's --lang were described only in the README).
func TestACommandsHelpDescribesItsOptions(t *testing.T) {
	db := tempDB(t)
	for cmd, want := range map[string][]string{
		"scan":    {"--strict", "count hosts and third-party cookies nobody claims", "--site VALUE"},
		"declare": {"--lang VALUE", "-o VALUE", "write to this file instead of stdout"},
		"search":  {"--limit N", "(default 10)"},
	} {
		asked := vendex(t, db, "", cmd, "--help")
		help := vendex(t, db, "", "help", cmd)
		if asked.stdout != help.stdout || help.code != 0 {
			t.Errorf("%s: 'help %s' (exit %d) differs from '%s --help'", cmd, cmd, help.code, cmd)
		}
		for _, w := range want {
			if !strings.Contains(asked.stdout, w) {
				t.Errorf("%s --help lacks %q:\n%s", cmd, w, asked.stdout)
			}
		}
		if strings.Contains(asked.stdout, "--db") {
			t.Errorf("%s --help lists --db, which vendex --help describes once", cmd)
		}
	}
}
