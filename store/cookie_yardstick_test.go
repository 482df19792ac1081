package store

import (
	"bufio"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// yardstickFloor is how many rows of cookies.tsv the embedded catalogue must
// answer with the vendor the page names; it is what the catalogue reaches,
// so a card that loses a name fails the test. It was 205 until
// cookieconsent_status went to Osano first: two Shopify stores' pages name
// Consentmo, which reuses the name, but it is the default of Osano's
// open-source cookieconsent library, which sites of every kind host
// themselves; a scan still gives it to Consentmo where the page reached
// consentmo-geo.com.
const yardstickFloor = 203

// yardstickRow is one line of testdata/cookie-yardstick/cookies.tsv: a name
// a site's cookie-policy page lists, the vendor ids that rightly answer it,
// the page, the day it was read and a note (empty, or where the page is
// wrong, what it says and why it is not followed).
type yardstickRow struct {
	name string
	want []string
	page string
}

func readYardstick(t *testing.T) []yardstickRow {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "cookie-yardstick", "cookies.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []yardstickRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 || cols[0] == "" || cols[1] == "" || !strings.HasPrefix(cols[2], "http") || len(cols[3]) != len("2006-01-02") {
			t.Fatalf("yardstick line %q: want name, vendors, page, date read and a note (may be empty) separated by tabs", line)
		}
		rows = append(rows, yardstickRow{name: cols[0], want: strings.Split(cols[1], "|"), page: cols[2]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestCookieYardstick holds the catalogue to cookie names that real sites'
// cookie-policy pages list, each with the vendor the page names
// (testdata/cookie-yardstick/README.md says how the file was made). A row is
// right when the first answer `vendex cookie` gives is that vendor. Beside
// it the test prints what the Open Cookie Database alone would answer, when
// the dataset is here.
func TestCookieYardstick(t *testing.T) {
	rows := readYardstick(t)
	s := embeddedStore(t)
	right := 0
	var misses []string
	for _, r := range rows {
		ms, err := s.ByCookie(r.name)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) > 0 && slices.Contains(r.want, ms[0].VendorID) {
			right++
			continue
		}
		got := "nobody"
		if len(ms) > 0 {
			got = ms[0].VendorID
		}
		misses = append(misses, r.name+" (listed by "+r.page+"): want "+strings.Join(r.want, "|")+", vendex answers "+got)
	}
	t.Logf("cookie yardstick: vendex answers %d of %d names with the vendor the page names", right, len(rows))
	if ocd, ok := ocdYardstick(t, rows); ok {
		t.Logf("cookie yardstick: the Open Cookie Database alone answers %d of %d", ocd, len(rows))
	}
	if right < yardstickFloor {
		t.Errorf("vendex answers %d of %d yardstick names rightly, under the floor of %d; misses:\n%s", right, len(rows), yardstickFloor, strings.Join(misses, "\n"))
	}
}

// ocdYardstick counts the rows the Open Cookie Database alone answers with a
// platform that maps (ocd-platforms.tsv) to a vendor the page names. Its
// answer for a name is the first row of its CSV with that exact name, else
// the wildcard row with the longest prefix of the name.
func ocdYardstick(t *testing.T, rows []yardstickRow) (int, bool) {
	f, err := os.Open(filepath.Join(datasetsDir, "open-cookie-database", "open-cookie-database.csv"))
	if err != nil {
		t.Logf("the Open Cookie Database is not here (%v); its figure is left out", err)
		return 0, false
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("reading the Open Cookie Database CSV: %v", err)
	}
	exact := map[string]string{}
	wild := map[string]string{}
	for _, r := range recs[1:] {
		if len(r) < 10 {
			continue
		}
		name, platform := r[3], r[1]
		m := exact
		if r[9] == "1" {
			m = wild
		}
		if _, seen := m[name]; !seen {
			m[name] = platform
		}
	}
	platforms := readOCDPlatforms(t)
	right := 0
	for _, r := range rows {
		p, ok := exact[r.name]
		if !ok {
			best := ""
			for prefix, q := range wild {
				if strings.HasPrefix(r.name, prefix) && len(prefix) > len(best) {
					best, p = prefix, q
				}
			}
		}
		if id, ok := platforms[p]; ok && slices.Contains(r.want, id) {
			right++
		}
	}
	return right, true
}
