package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file whose name holds a newline is named in one line of stderr,
// quoted with the newline written out, whether it cannot be opened, is
// not a dataset, or is where an export would go.
func TestAFileNameWithANewlineStaysOnItsLine(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad\nname.json")
	if err := os.WriteFile(bad, []byte("garbage{"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"import", filepath.Join(dir, "gone\nname.json")},
		{"import", bad},
		{"export", "twilio", "-o", filepath.Join(dir, "no\nfolder", "x.md")},
	} {
		r := vendex(t, db, "", args...)
		if r.code == 0 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, `\n`) {
			t.Errorf("%q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}
