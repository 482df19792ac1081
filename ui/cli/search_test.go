package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/store"
	"github.com/vendex/vendex/ui"
)

// Typing twi in the browser and running `vendex search twi` show the same
// first five vendors, in the same order: both rank with ui/search.
func TestSearchAndTheBrowserShowTheSameFirstFive(t *testing.T) {
	db := tempDB(t)
	for _, q := range []string{"twi", "analytics", "goo", "a"} {
		r := vendex(t, db, "", "search", "--limit", "5", "--json", q)
		hits := jsonLines[struct{ Name string }](t, r.stdout)
		if len(hits) != 5 {
			t.Fatalf("search %s: want five hits, got %d:\n%s", q, len(hits), r.stdout)
		}
		s, err := store.OpenCatalogue(db, true)
		if err != nil {
			t.Fatal(err)
		}
		rows := browserRows(t, s, q, 80, 24)
		s.Close()
		for i, h := range hits {
			// The row starts with the name, cut short with an ellipsis
			// when it is longer than the column.
			same := strings.HasPrefix(rows[i], h.Name+" ")
			if start, _, ok := strings.Cut(rows[i], "… "); ok && !same {
				same = len(start) > 20 && strings.HasPrefix(h.Name, start)
			}
			if !same {
				t.Errorf("%s: vendex search's %d-th is %q, the browser's row is %q", q, i+1, h.Name, rows[i])
			}
		}
	}
}

// "vendex search analytics" listed eGain (by analytics-egain.com) and
// Yahoo (by analytics.yahoo.com) above Adobe Analytics: vendors named for
// analytics now list first, in the browser too, and a vendor's own domain
// still finds it as its name does ("google" -> Google, by google.be).
func TestSearchListsVendorsNamedForTheQueryBeforeHostMatches(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "search", "--limit", "0", "--json", "analytics")
	hits := jsonLines[struct{ ID, Matched string }](t, r.stdout)
	place := map[string]int{}
	for i, h := range hits {
		place[h.ID] = i
	}
	for _, named := range []string{"adobe-analytics", "fathom", "simple-analytics"} {
		for _, byHost := range []string{"egain", "yahoo-advertising"} {
			n, okN := place[named]
			h, okH := place[byHost]
			if !okN || !okH || n > h {
				t.Errorf("search analytics lists %s at %d, %s (found by a host) at %d; want the named vendor first", named, n+1, byHost, h+1)
			}
		}
	}
	if h := hits[place["egain"]]; h.Matched != "analytics-egain.com" {
		t.Errorf("eGain is found by %q, want its host analytics-egain.com", h.Matched)
	}
	s, err := store.OpenCatalogue(db, true)
	if err != nil {
		t.Fatal(err)
	}
	rows := browserRows(t, s, "analytics", 80, 24)
	s.Close()
	for _, row := range rows[:8] {
		if strings.HasPrefix(row, "eGain ") || strings.HasPrefix(row, "Yahoo ") {
			t.Errorf("the browser shows %q among the first eight rows for analytics:\n%s", row, strings.Join(rows, "\n"))
		}
	}
	r = vendex(t, db, "", "search", "--limit", "1", "--json", "google")
	if g := jsonLines[struct{ ID, Matched string }](t, r.stdout); len(g) != 1 || g[0].ID != "google" || g[0].Matched != "google.be" {
		t.Errorf("search google does not find Google first by its own domain:\n%s", r.stdout)
	}
}

// browserRows opens the browser on cat with query typed, at w x h, and
// returns the list's rows, the cursor's mark taken off, once every
// background load and search has finished.
func browserRows(t *testing.T, cat ui.Catalog, query string, w, h int) []string {
	t.Helper()
	var m tea.Model = ui.New(cat, query)
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	queue := []tea.Cmd{m.Init()}
	for len(queue) > 0 {
		cmd := queue[0]
		queue = queue[1:]
		if cmd == nil {
			continue
		}
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, batch...)
			continue
		}
		var next tea.Cmd
		m, next = m.Update(msg)
		queue = append(queue, next)
	}
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	// a title, the search field, then the rows
	if len(lines) < 8 || !strings.HasPrefix(lines[1], "Search: "+query) {
		t.Fatalf("the browser shows:\n%s", strings.Join(lines, "\n"))
	}
	var rows []string
	for _, l := range lines[2:] {
		rows = append(rows, strings.TrimPrefix(strings.TrimPrefix(l, "› "), "  "))
	}
	return rows
}

// A Japanese vendor name is two cells a character: vendex search cuts it to
// its column by cells and the columns after it still line up on screen.
func TestSearchKeepsColumnsAlignedForCJKNames(t *testing.T) {
	db := tempDB(t)
	file := filepath.Join(t.TempDir(), "vendors.json")
	vendors := `[
	  {"id": "acme-nihon", "name": "アクメ広告株式会社アクメ広告株式会社アクメ広告株式会社", "aliases": ["Acme Nihon"],
	   "category": "marketing", "domains": [{"host": "acme-nihon.example"}]},
	  {"id": "acme-kr", "name": "애크미", "aliases": ["Acme Korea"], "category": "analytics", "domains": [{"host": "acme.kr.example"}]},
	  {"id": "acme-widgets", "name": "Acme Widgets", "category": "functional", "domains": [{"host": "acme-widgets.example"}]}
	]`
	if err := os.WriteFile(file, []byte(vendors), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := vendex(t, db, "", "import", file); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	r := vendex(t, db, "", "search", "--limit", "5", "acme")
	if r.code != 0 {
		t.Fatalf("search: %+v", r)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	want := columnStarts(lines[0])
	if len(want) != 3 {
		t.Fatalf("want four column titles:\n%s", r.stdout)
	}
	seen := map[string]bool{}
	for _, line := range lines[1:] {
		if got := columnStarts(line); !slices.Equal(got, want) {
			t.Errorf("columns start at cells %v, under titles at %v:\n%s", got, want, r.stdout)
		}
		cols := columnGap.Split(line, -1)
		if w := ansi.StringWidth(cols[0]); w > 40 {
			t.Errorf("the name %q is %d cells wide, more than its column's 40", cols[0], w)
		}
		if len(cols) > 2 {
			seen[cols[2]] = true
		}
	}
	if !seen["acme-nihon"] || !seen["acme-kr"] {
		t.Errorf("the CJK-named vendors are not in the results:\n%s", r.stdout)
	}
}

// columnGap separates the columns of vendex's tables.
var columnGap = regexp.MustCompile(`\s{2,}`)

// columnStarts is where the user sees each column of line start after the
// first: the cell after each gap of two or more spaces.
func columnStarts(line string) []int {
	var starts []int
	for _, g := range columnGap.FindAllStringIndex(line, -1) {
		starts = append(starts, ansi.StringWidth(line[:g[1]]))
	}
	return starts
}

// `vendex search google` lists Google's most loaded products first (Google
// Analytics was 17th, after "Google Pay" and "google cse": trial6), as
// the browser does.
func TestSearchACompanyNameListsItsMostLoadedProductsFirst(t *testing.T) {
	r := vendex(t, tempDB(t), "", "search", "--limit", "6", "google")
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
		f := regexp.MustCompile(`\s{2,}`).Split(l, -1)
		ids = append(ids, f[2])
	}
	if r.code != 0 || len(ids) != 6 || ids[0] != "google" || !slices.Contains(ids, "google-analytics") || !slices.Contains(ids, "google-tag-manager") || !slices.Contains(ids, "google-fonts") || slices.Contains(ids, "google-pay") {
		t.Errorf("search google: exit %d, first six %q:\n%s", r.code, ids, r.stdout)
	}
}
