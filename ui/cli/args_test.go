package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A command that takes only options refuses a stray argument, and every
// usage error points to the help of the command it was made in.
func TestAStrayArgumentIsAUsageErrorPointingToTheCommandsHelp(t *testing.T) {
	db := tempDB(t)
	for name, cmd := range commands {
		if !cmd.noArgs {
			continue
		}
		r := vendex(t, db, "", name, "extra")
		if r.code != 2 || !strings.Contains(r.stderr, `"extra"`) || !strings.Contains(r.stderr, "Run 'vendex "+name+" --help' for usage.") {
			t.Errorf("vendex %s extra: exit %d, stderr %q", name, r.code, r.stderr)
		}
	}
	if r := vendex(t, db, "", "lookup", "--bogus", "x.com"); r.code != 2 || !strings.Contains(r.stderr, "Run 'vendex lookup --help' for usage.") {
		t.Errorf("lookup --bogus: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := vendex(t, db, "", "nosuch"); r.code != 2 || !strings.Contains(r.stderr, "Run 'vendex --help' for usage.") {
		t.Errorf("an unknown command: exit %d, stderr %q", r.code, r.stderr)
	}
	for _, name := range []string{"stats", "sources", "man", "__ids"} {
		if !commands[name].noArgs {
			t.Errorf("%s takes no arguments but accepts them", name)
		}
	}
}

// cookie takes several names as lookup takes several hosts: a line each,
// the unknown ones named on stderr with exit status 1.
func TestCookieAnswersSeveralNamesALineEach(t *testing.T) {
	r := vendex(t, tempDB(t), "", "cookie", "_ga", "_hjSessionUser_123", "no_such_cookie")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 1 || len(lines) != 4 || !strings.HasPrefix(lines[0], "INPUT") ||
		!strings.Contains(lines[1], "google-analytics") || !strings.Contains(lines[2], "hotjar") || !strings.Contains(lines[3], "no vendor known") {
		t.Fatalf("cookie with three names: exit %d\n%s\nstderr %q", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, `"no_such_cookie"`) {
		t.Errorf("the unknown name is not named on stderr: %q", r.stderr)
	}
	if r := vendex(t, tempDB(t), "", "cookie", "_ga", "-"); r.code != 2 {
		t.Errorf("cookie with names and -: exit %d, want 2", r.code)
	}
}

// A --db or VENDEX_DB in a folder that does not exist is a typo to report,
// not a place to make a new database.
func TestADatabaseInAMissingFolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no-such-dir", "v.db")
	r := vendex(t, missing, "", "stats")
	if r.code != 1 || !strings.Contains(r.stderr, "does not exist") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("--db in a missing folder: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Errorf("--db in a missing folder made the folder")
	}
	t.Setenv("VENDEX_DB", missing)
	var c cli
	if _, err := c.dbFile(); err == nil || !strings.Contains(err.Error(), "VENDEX_DB") {
		t.Errorf("VENDEX_DB in a missing folder: %v", err)
	}
	if r := vendex(t, filepath.Join(dir, "v.db"), "", "stats"); r.code != 0 {
		t.Errorf("--db in a folder that exists: exit %d, stderr %q", r.code, r.stderr)
	}
}

// A database cut short says so, and what to do, once.
func TestATruncatedDatabaseGivesItsAdviceOnce(t *testing.T) {
	db := tempDB(t)
	if r := vendex(t, db, "", "stats"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if err := os.Truncate(db, 100000); err != nil {
		t.Fatal(err)
	}
	r := vendex(t, db, "", "stats")
	if r.code != 1 || strings.Count(r.stderr, "move") != 1 || strings.Count(r.stderr, "create a new one") != 1 || !strings.Contains(r.stderr, "truncated") {
		t.Errorf("a truncated database: exit %d, stderr %q", r.code, r.stderr)
	}
}
