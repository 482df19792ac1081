package cli

import (
	"encoding/json"
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
		var hits []struct{ Name string }
		if err := json.Unmarshal([]byte(r.stdout), &hits); err != nil || len(hits) != 5 {
			t.Fatalf("search %s: want five hits, got %d (%v):\n%s", q, len(hits), err, r.stdout)
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
