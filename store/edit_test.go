package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vendex/vendex/data"
)

func TestReadersKeepAnsweringWhileAWriterEdits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	if s, err := OpenCatalogue(path, true); err != nil {
		t.Fatal(err)
	} else {
		s.Close()
	}
	mine := data.Vendor{ID: "acme", Name: "Acme", Category: data.Analytics, Summary: "s", Domains: []data.Domain{{Host: "acme.example"}}}
	err := Edit(context.Background(), path, func(w *Store) error {
		if err := w.PutLayer(LayerInfo{Name: "user:acme", Kind: KindUser, File: "acme.json"}, []data.Vendor{mine}); err != nil {
			return err
		}
		// Mid-edit, a reader opens the catalogue and gets the old answers.
		r, err := OpenCatalogue(path, true)
		if err != nil {
			t.Errorf("a reader was locked out during an edit: %v", err)
			return nil
		}
		defer r.Close()
		if _, err := r.Get("twilio"); err != nil {
			t.Errorf("reader during an edit: %v", err)
		}
		if _, err := r.Get("acme"); !errors.Is(err, ErrNotFound) {
			t.Errorf("a reader saw the edit before it was done: %v", err)
		}
		// A second writer is told the file is busy, and does not hang.
		done := make(chan error, 1)
		go func() { done <- Edit(context.Background(), path, func(*Store) error { return nil }) }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
				t.Errorf("second writer: %v; want ErrLocked naming %s", err, path)
			}
		case <-time.After(10 * time.Second):
			t.Error("a second writer hung")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := OpenCatalogue(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if v, err := r.Get("acme"); err != nil || v.Name != "Acme" {
		t.Errorf("after the edit: %v", err)
	}
	if r.Path() != path {
		t.Errorf("Path() = %s, want %s", r.Path(), path)
	}
}

func TestAFailedEditLeavesTheFileAsItWas(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "v.db")
	if s, err := OpenCatalogue(path, true); err != nil {
		t.Fatal(err)
	} else {
		s.Close()
	}
	before, _ := os.ReadFile(path)
	boom := errors.New("boom")
	err := Edit(context.Background(), path, func(w *Store) error {
		if err := w.PutLayer(LayerInfo{Name: "user:x", Kind: KindUser}, []data.Vendor{{ID: "x", Name: "X"}}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("a failed edit changed the catalogue")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".edit-") || strings.HasSuffix(e.Name(), ".compact") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

func TestEditRefusesADamagedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	junk := bytes.Repeat([]byte("not bbolt"), 8000)
	binary.LittleEndian.PutUint32(junk[16:], boltMagic) // a meta page's start survives
	os.WriteFile(path, junk, 0o644)
	err := Edit(context.Background(), path, func(*Store) error { return nil })
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v; want ErrCorrupt naming %s", err, path)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, junk) {
		t.Error("the damaged file was changed")
	}
}

func TestAnImportNeverTakesAHostFromTheCatalogue(t *testing.T) {
	s := openSeeded(t)
	rec := data.Vendor{Name: "Interloper", Domains: []data.Domain{
		{Host: "sharedcdn.net"},  // shared by two catalogue vendors
		{Host: "api.twilio.com"}, // under a catalogue domain
		{Host: "www.google.com"}, // a host the catalogue splits by path
		{Host: "fresh.example"},  // nobody's
	}}
	rep, err := s.Import(RecordsOf([]data.Vendor{rec}), ImportOptions{Format: "third-party-web", File: "x.json", Hash: "0123456789abcdef"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) != 3 {
		t.Errorf("want the three covered hosts reported as conflicts, got %q", rep.Conflicts)
	}
	for host, want := range map[string]string{
		"a.sharedcdn.net":   "cdn-a",
		"api.twilio.com":    "twilio",
		"www.google.com":    "google",
		"x.fresh.example":   "interloper",
		"media.twilio.com":  "twilio",
		"b.sharedcdn.net":   "cdn-b",
		"www.recaptcha.net": "recaptcha",
	} {
		h, err := s.LookupHost(data.Target{Host: host})
		if err != nil || h.ID != want {
			t.Errorf("lookup %s = %q, %v; want %s", host, h.ID, err, want)
		}
	}
}

func TestCuratedClaimsBeatLongerImportedOnes(t *testing.T) {
	s := openSeeded(t)
	// A user file is curated too: it may claim a subdomain for itself.
	mine := data.Vendor{ID: "edge-widget", Name: "Edge Widget", Category: data.Functional, Summary: "s",
		Domains: []data.Domain{{Host: "edge.hotjar.com"}}}
	if err := s.PutLayer(LayerInfo{Name: "user:w", Kind: KindUser, File: "w.json"}, []data.Vendor{mine}); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.LookupHost(data.Target{Host: "x.edge.hotjar.com"}); h.ID != "edge-widget" {
		t.Errorf("the user's more specific claim should win: %s", h.ID)
	}
	// An import layer written directly (as an old file might hold it) with a
	// longer claim under a catalogue domain does not win the lookup.
	rogue := data.Vendor{ID: "rogue", Name: "Rogue", Domains: []data.Domain{{Host: "static.hotjar.com"}}}
	if err := s.PutLayer(LayerInfo{Name: "import:rogue", Kind: KindImport}, []data.Vendor{rogue}); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.LookupHost(data.Target{Host: "static.hotjar.com"}); h.ID != "hotjar" {
		t.Errorf("an imported claim beat the catalogue: %s", h.ID)
	}
	// The same vendor known more precisely through an import keeps the
	// precise match.
	more := data.Vendor{ID: "hotjar", Name: "Hotjar", Domains: []data.Domain{{Host: "insights.hotjar.com"}}}
	if err := s.PutLayer(LayerInfo{Name: "import:more", Kind: KindImport}, []data.Vendor{more}); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.LookupHost(data.Target{Host: "a.insights.hotjar.com"}); h.ID != "hotjar" || h.Matched != "insights.hotjar.com" {
		t.Errorf("same vendor via an import: %+v", h)
	}
}

func TestEditKeepsTheFilesPermissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	if err := Edit(context.Background(), path, func(*Store) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("a new catalogue is %v, want -rw-r--r--", fi.Mode().Perm())
	}
	os.Chmod(path, 0o600)
	if err := Edit(context.Background(), path, func(*Store) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("an edit changed the file's mode to %v", fi.Mode().Perm())
	}
}

func TestScriptPathsMayHoldWildcards(t *testing.T) {
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for in, want := range map[string]string{
		"https://connect.facebook.net/en_US/fbevents.js":      "facebook-pixel",
		"https://connect.facebook.net/fr_FR/fbevents.js":      "facebook-pixel",
		"https://connect.facebook.net/signals/config/123?v=1": "facebook-pixel",
		"https://connect.facebook.net/de_DE/sdk.js":           "facebook",
	} {
		tg, _ := data.ParseTarget(in)
		if h, err := s.LookupHost(tg); err != nil || h.ID != want || !h.Source {
			t.Errorf("lookup %s = %s (%s), %v; want %s through a script path", in, h.ID, h.Matched, err, want)
		}
	}
}

// A writer killed mid-edit leaves its private copy behind; the next edit
// removes it, and nothing else.
func TestAnEditRemovesCopiesKilledWritersLeft(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "v.db")
	stale := filepath.Join(dir, ".v.db.edit-12345")
	other := filepath.Join(dir, ".w.db.edit-12345")
	for _, f := range []string{stale, other} {
		if err := os.WriteFile(f, []byte("left by a killed import"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Edit(context.Background(), path, func(s *Store) error { return ErrNoChange }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale copy is still there: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another catalogue's file went: %v", err)
	}
}
