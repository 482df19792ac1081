package ui

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/vendex/vendex/data"
)

// googles is the fixture and four more Google vendors, so that "goo"
// ranks a list to move down in.
func googles() []data.Vendor {
	vs := fixture()
	for _, n := range []string{"Google Ads", "Google APIs", "Google Fonts", "Google Tag Manager"} {
		vs = append(vs, data.Vendor{ID: strings.ToLower(strings.ReplaceAll(n, " ", "-")), Name: n, Category: data.Marketing})
	}
	return vs
}

// selectedName is the name on the list's row under the cursor.
func selectedName(t *testing.T, v string) string {
	t.Helper()
	for _, l := range strings.Split(v, "\n") {
		if rest, ok := strings.CutPrefix(l, "› "); ok {
			name, _, _ := strings.Cut(rest, "  ")
			return name
		}
	}
	t.Fatalf("no row is selected:\n%s", v)
	return ""
}

// With "goo" typed and the cursor moved down a few rows, a forget landing
// from another terminal leaves the same vendor selected and the query and
// the category filter as they were: enter opens the vendor the user
// picked, not the one that moved under the cursor.
func TestAReloadKeepsTheSelectedVendor(t *testing.T) {
	defer func(d time.Duration) { watchEvery = d }(watchEvery)
	watchEvery = time.Hour // only the focus looks
	for _, c := range []struct {
		w, h, tabs, downs int
		header            string
	}{
		{80, 24, 0, 3, "All categories"},
		{40, 12, 0, 3, "All"},
		{80, 24, 4, 2, "Marketing"}, // tab, tab... to Marketing
	} {
		changed := &atomic.Bool{}
		before := googles()
		var after []data.Vendor
		reopen := func() (Catalog, error) { return fakeCatalog{vendors: after}, nil }
		s := start(t, c.w, c.h, changingCatalog{fakeCatalog{vendors: before}, changed}, "goo", WithReopen(reopen))
		s.waitText("Google")
		for range c.tabs {
			s.press(tea.KeyTab)
		}
		v := s.waitText(c.header)
		first := selectedName(t, v)
		for range c.downs {
			s.press(tea.KeyDown)
		}
		v = s.view()
		picked := selectedName(t, v)
		if picked == first {
			t.Fatalf("%dx%d: the cursor did not move:\n%s", c.w, c.h, v)
		}
		// The forget removes the first row, above the one picked.
		for _, v := range before {
			if v.Name != first {
				after = append(after, v)
			}
		}
		changed.Store(true)
		s.tm.Send(tea.FocusMsg{})
		v = s.waitFor("the reload", func(v string) bool {
			return strings.Contains(v, "Reloaded") && !strings.Contains(v, first)
		})
		if got := selectedName(t, v); got != picked {
			t.Errorf("%dx%d: after the reload %q is selected, not %q:\n%s", c.w, c.h, got, picked, v)
		}
		header, _, _ := strings.Cut(v, "\n")
		if !strings.Contains(v, "Search: goo") || !strings.Contains(header, c.header) {
			t.Errorf("%dx%d: the query or the filter %q is gone:\n%s", c.w, c.h, c.header, v)
		}
		s.press(tea.KeyEnter)
		v = s.waitFor("the card", func(v string) bool { return !strings.Contains(v, "Search:") })
		if !strings.Contains(v, strings.TrimSuffix(picked, "…")) {
			t.Errorf("%dx%d: enter opened another vendor than %q:\n%s", c.w, c.h, picked, v)
		}
	}
}

// A reload landing while the lookup prompt holds the status line is told
// once the prompt closes: the list under it changed.
func TestAReloadUnderTheLookupPromptIsToldWhenItCloses(t *testing.T) {
	defer func(d time.Duration) { watchEvery = d }(watchEvery)
	watchEvery = time.Hour // only the focus looks
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		changed := &atomic.Bool{}
		before := googles()
		reopen := func() (Catalog, error) { return fakeCatalog{vendors: before[1:]}, nil }
		s := start(t, size[0], size[1], changingCatalog{fakeCatalog{vendors: before}, changed}, "", WithReopen(reopen))
		s.waitText("Google")
		s.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlL})
		s.waitText("Host or URL")
		changed.Store(true)
		s.tm.Send(tea.FocusMsg{})
		// The header counts the vendors of the new catalogue.
		s.waitText(fmt.Sprintf("of %d", len(before)-1))
		s.press(tea.KeyEsc)
		v := s.waitFor("the prompt to close", func(v string) bool { return !strings.Contains(v, "Host or URL") })
		if !strings.Contains(v, reloadedText) {
			t.Errorf("%dx%d: closing the prompt does not say the catalogue was reloaded:\n%s", size[0], size[1], v)
		}
	}
}
