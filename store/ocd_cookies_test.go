package store

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenCookieDatabaseNamesFindTheirVendor: of the Open Cookie
// Database's exact cookie names, at least 70% must be answered first by the
// card their platform belongs to (testdata/cookie-yardstick/ocd-platforms.tsv),
// or by a product card of the same owner (Google's Funding Choices, Bing's
// ads). Names of platforms without a card count as misses.
func TestOpenCookieDatabaseNamesFindTheirVendor(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(datasetsDir, "open-cookie-database", "open-cookie-database.json"))
	if err != nil {
		t.Skipf("the Open Cookie Database is not here (%v)", err)
	}
	var ocd map[string][]struct {
		Cookie   string `json:"cookie"`
		Wildcard string `json:"wildcardMatch"`
	}
	if err := json.Unmarshal(b, &ocd); err != nil {
		t.Fatal(err)
	}
	platforms := readOCDPlatforms(t)
	s := embeddedStore(t)
	owner := func(id string) string {
		v, err := s.Get(id)
		if err != nil {
			t.Fatalf("ocd-platforms.tsv names %s: %v", id, err)
		}
		return v.Owner
	}
	rows, exact, family := 0, 0, 0
	for p, rs := range ocd {
		for _, r := range rs {
			if r.Wildcard == "1" {
				continue
			}
			rows++
			want, ok := platforms[p]
			if !ok {
				continue
			}
			ms, err := s.ByCookie(r.Cookie)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case len(ms) == 0:
			case ms[0].VendorID == want:
				exact++
				family++
			case owner(ms[0].VendorID) == owner(want):
				family++
			}
		}
	}
	t.Logf("OCD exact names: %d of %d answered first by their platform's card, %d by it or a sibling product card", exact, rows, family)
	if family*10 < rows*7 {
		t.Errorf("only %d of %d OCD exact names find their vendor; the goal is 70%%", family, rows)
	}
}

// readOCDPlatforms reads testdata/cookie-yardstick/ocd-platforms.tsv: which
// vendex card each Open Cookie Database platform belongs to.
func readOCDPlatforms(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "cookie-yardstick", "ocd-platforms.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	platforms := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			p, id, _ := strings.Cut(l, "\t")
			platforms[p] = id
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return platforms
}
