package ui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
)

// The browser's lookup answers as vendex lookup does: a name under a
// hosting domain that no vendor claims is said to be hosted there, its
// owner unknown, not "owned by nobody"; under a hosting suffix of the
// Public Suffix List that no card names (gitlab.io) too.
func TestLookupOfANameUnderAHostingDomainSaysWhoseHostingItIs(t *testing.T) {
	st, err := store.OpenCatalogue(filepath.Join(t.TempDir(), "vendex.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, host := range []string{"someone.github.io", "someone.gitlab.io"} {
		h, err := st.LookupHost(data.Target{Host: host})
		if h.Matched == "" || err == nil {
			t.Fatalf("vendex lookup's answer for %s: %+v, %v; want a miss under a hosting domain", host, h, err)
		}
		want := data.HostedMiss(h.Matched, h.HostedOn)
		// The answer wraps to the screen: every word of it is there at 80
		// and 40 columns too, none cut off by the edge.
		joined := func(v string) string { return strings.Join(strings.Fields(v), " ") }
		for _, size := range [][2]int{{160, 24}, {80, 24}, {40, 12}} {
			s := start(t, size[0], size[1], st, "")
			s.waitText(" of ")
			s.press(tea.KeyCtrlL)
			s.typeText(host)
			s.press(tea.KeyEnter)
			v := s.waitText("owner unknown")
			if !strings.Contains(joined(v), joined(host+": "+want)) || strings.Contains(v, "No vendor in the catalogue owns") {
				t.Fatalf("%dx%d: the browser's lookup of %s does not say %q:\n%s", size[0], size[1], host, want, v)
			}
		}
	}
}

// The browser's lookup of a hosting suffix itself says what it is, as
// vendex lookup does (verify10).
func TestLookupOfAHostingSuffixItselfSaysWhatItIs(t *testing.T) {
	st, err := store.OpenCatalogue(filepath.Join(t.TempDir(), "vendex.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want := "gitlab.io: " + data.SuffixMiss("gitlab.io")
	joined := func(v string) string { return strings.Join(strings.Fields(v), " ") }
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		s := start(t, size[0], size[1], st, "")
		s.waitText(" of ")
		s.press(tea.KeyCtrlL)
		s.typeText("gitlab.io")
		s.press(tea.KeyEnter)
		v := s.waitText("owner unknown")
		if !strings.Contains(joined(v), joined(want)) {
			t.Fatalf("%dx%d: the lookup of gitlab.io does not say %q:\n%s", size[0], size[1], want, v)
		}
	}
}

// A lookup that opens a card moves the list's highlight to its vendor, so
// the wide screen's list and card agree (verify10: at 130x30 the card
// showed YouTube thumbnails while the highlight stayed on 2GIS), and it
// stays there on esc.
func TestALookupMovesTheListsHighlightToItsVendor(t *testing.T) {
	st, err := store.OpenCatalogue(filepath.Join(t.TempDir(), "vendex.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := start(t, 130, 30, st, "")
	s.waitText(" of ")
	s.press(tea.KeyCtrlL)
	s.typeText("i.ytimg.com")
	s.press(tea.KeyEnter)
	v := s.waitText("Found YouTube thumbnail images")
	if !strings.Contains(v, "› YouTube thumbnail images") || strings.Contains(v, "› 2GIS") {
		t.Fatalf("the list's highlight is not on the card's vendor:\n%s", v)
	}
	s.press(tea.KeyEsc)
	if v = s.waitText("› YouTube thumbnail images"); !strings.Contains(v, "Search:") {
		t.Fatalf("after esc:\n%s", v)
	}
}
