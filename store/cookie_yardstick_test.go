package store

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCookieYardstick holds the catalogue to cookie names that real sites'
// cookie-policy pages list, each with the vendor the page names
// (testdata/cookie-yardstick/README.md says how the file was made). The
// first answer `vendex cookie` gives must be that vendor.
func TestCookieYardstick(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "testdata", "cookie-yardstick", "cookies.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := embeddedStore(t)
	rows, right := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("yardstick line %q: want name, vendors and page separated by tabs", line)
		}
		rows++
		want := strings.Split(cols[1], "|")
		ms, err := s.ByCookie(cols[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) > 0 && slices.Contains(want, ms[0].VendorID) {
			right++
			continue
		}
		got := "nobody"
		if len(ms) > 0 {
			got = ms[0].VendorID
		}
		t.Errorf("%s (listed by %s): want %s, vendex answers %s", cols[0], cols[2], cols[1], got)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("cookie yardstick: %d of %d names answered with the vendor the page names", right, rows)
}
