package store

import (
	"bytes"
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
	err := Edit(path, func(w *Store) error {
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
		go func() { done <- Edit(path, func(*Store) error { return nil }) }()
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
	err := Edit(path, func(w *Store) error {
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
	os.WriteFile(path, junk, 0o644)
	err := Edit(path, func(*Store) error { return nil })
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v; want ErrCorrupt naming %s", err, path)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, junk) {
		t.Error("the damaged file was changed")
	}
}
