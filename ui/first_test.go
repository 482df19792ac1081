package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
	"github.com/vendex/vendex/ui/internal/synth"
)

// slowCatalog lists the first screen's vendors at once (EachBrief) and the
// whole catalogue (Briefs) only once release is closed.
type slowCatalog struct {
	Catalog
	release chan struct{}
}

func (s slowCatalog) Briefs() ([]data.Brief, error) {
	<-s.release
	return s.Catalog.Briefs()
}

// manyVendors is a catalogue larger than the first screen's share of it,
// half of it imported, and last in the list an unclassified vendor.
func manyVendors() []data.Vendor {
	names := synth.Names(3 * firstRows)
	vs := make([]data.Vendor, 0, len(names)+1)
	for i, n := range names {
		v := data.Vendor{ID: fmt.Sprintf("v%04d", i), Name: n, Category: data.Categories[i%len(data.Categories)],
			Domains: []data.Domain{{Host: fmt.Sprintf("v%04d.example", i)}}}
		if i%2 == 1 {
			v.Provenance = []data.Provenance{{Field: "name", Value: n, Source: "import:tracker-radar-entity:entities.json"}}
		}
		vs = append(vs, v)
	}
	return append(vs, data.Vendor{ID: "zzyzx", Name: "Zzyzx Ads", Domains: []data.Domain{{Host: "zzyzx.example"}},
		Provenance: []data.Provenance{{Field: "name", Value: "Zzyzx Ads", Source: "import:tracker-radar-entity:entities.json"}}})
}

// The browser draws its first screen before it has read the whole
// catalogue, and that screen is the one the whole catalogue gives: the same
// rows, the same count. Keys pressed before the rest is read wait for it
// and then act on every vendor: a category filter offers the Unclassified
// that only the last vendor has, and a search finds that vendor.
func TestTheFirstScreenComesBeforeTheRest(t *testing.T) {
	vs := manyVendors()
	count := fmt.Sprintf("%d of %d", len(vs), len(vs))
	release := make(chan struct{})
	s, first := firstScreen(t, 80, 24, fakeCatalog{vendors: vs}, release, count)
	for range 6 {
		s.press(tea.KeyTab)
	}
	s.typeText("zzy")
	if now := s.snap(); now.view != first.view {
		t.Fatalf("keys pressed before the rest is read changed the screen to\n%s", now.view)
	}
	close(release)
	v := s.waitText("Zzyzx Ads")
	if !strings.Contains(line(v, 0), "Unclassified · 1 of "+fmt.Sprint(len(vs))) || !strings.Contains(line(v, 1), "zzy") {
		t.Fatalf("the keys pressed before the rest was read gave\n%s", v)
	}
}

// firstScreen starts the browser over cat at w x h with the whole
// catalogue held back until release is closed, and returns the first
// screen, which shows count, after checking that it is drawn before the
// rest is read and is the screen the whole catalogue gives.
func firstScreen(t *testing.T, w, h int, cat Catalog, release chan struct{}, count string) (*session, snapshot) {
	t.Helper()
	want := start(t, w, h, cat, "").waitText(count)
	s := start(t, w, h, slowCatalog{cat, release}, "")
	var first snapshot
	for end := time.Now().Add(5 * time.Second); !strings.Contains(first.view, count); time.Sleep(time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("no first screen; the screen is:\n%s", first.view)
		}
		first = s.snap()
	}
	if !first.busy || first.view != want {
		t.Fatalf("the first screen, drawn before the rest is read (%v), is\n%s\nthe whole catalogue's is\n%s", first.busy, first.view, want)
	}
	return s, first
}

// Over the embedded catalogue in a real store, the first screen, read from
// the store's encoded briefs in id order, is the whole list's.
func TestTheFirstScreenOfTheEmbeddedCatalogue(t *testing.T) {
	st, err := store.OpenCatalogue(filepath.Join(t.TempDir(), "vendex.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bs, err := st.Briefs()
	if err != nil || len(bs) <= firstRows {
		t.Fatalf("the embedded catalogue holds %d vendors (%v): the first screen would hold it all", len(bs), err)
	}
	release := make(chan struct{})
	defer close(release)
	firstScreen(t, 80, 24, st, release, fmt.Sprintf("%d of %d", len(bs), len(bs)))
}

// On a terminal wide enough for the card beside the list, the first
// screen shows the selected vendor's card at once, its related vendors
// named, as the whole catalogue's screen does: it waited for the whole
// list (review8).
func TestTheFirstScreenOfAWideTerminalPreviewsTheCard(t *testing.T) {
	st, err := store.OpenCatalogue(filepath.Join(t.TempDir(), "vendex.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bs, err := st.Briefs()
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	defer close(release)
	_, first := firstScreen(t, 130, 30, st, release, fmt.Sprintf("%d of %d", len(bs), len(bs)))
	if !strings.Contains(first.view, "Block before consent") && !strings.Contains(first.view, "block before consent") {
		t.Fatalf("no card beside the first screen's list:\n%s", first.view)
	}
}

// unreadCatalog reads nothing until release is closed.
type unreadCatalog struct {
	Catalog
	release chan struct{}
}

func (u unreadCatalog) EachBrief(skip func([]byte) bool, fn func(data.Brief)) error {
	<-u.release
	return u.Catalog.EachBrief(skip, fn)
}

func (u unreadCatalog) Briefs() ([]data.Brief, error) {
	<-u.release
	return u.Catalog.Briefs()
}

// Keys typed before even the first screen is up wait for the whole
// catalogue too, and search all of it.
func TestKeysBeforeTheFirstScreenSearchEveryVendor(t *testing.T) {
	vs := manyVendors()
	release := make(chan struct{})
	s := start(t, 80, 24, unreadCatalog{fakeCatalog{vendors: vs}, release}, "")
	s.typeText("zzy")
	s.snap()
	close(release)
	v := s.waitText("Zzyzx Ads")
	if !strings.Contains(line(v, 0), fmt.Sprintf("1 of %d", len(vs))) || !strings.Contains(line(v, 1), "zzy") {
		t.Fatalf("typing zzy before the first screen gave\n%s", v)
	}
}
