package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vendex/vendex/data"
)

func addAcme(s *Store) error {
	return s.PutLayer(LayerInfo{Name: "user:acme", Kind: KindUser}, []data.Vendor{{ID: "acme", Name: "Acme"}})
}

// within fails the test when fn has not returned in a few seconds: a FIFO
// used to hang every command.
func within(t *testing.T, fn func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("hung")
		return nil
	}
}

func TestANamedPipeGivenAsTheDatabaseIsRefusedAtOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "v.db")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	for name, open := range map[string]func() error{
		"reader": func() error { _, err := OpenCatalogue(path, true); return err },
		"writer": func() error { return Edit(context.Background(), path, addAcme) },
	} {
		err := within(t, open)
		if err == nil || !strings.Contains(err.Error(), "named pipe") || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "--db") {
			t.Errorf("%s: %v; want a refusal naming %s as a named pipe, and --db", name, err, path)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".edit-") {
			t.Errorf("a private copy was left behind: %s", e.Name())
		}
	}
}

func TestALinkedDatabaseIsWrittenWhereTheLinkPoints(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "real"), 0o755)
	target := filepath.Join(dir, "real", "catalogue.db")
	link := filepath.Join(dir, "v.db")
	os.Symlink(filepath.Join("real", "catalogue.db"), link)

	// The first run creates the target; an import then changes it.
	for range 2 {
		if err := Edit(context.Background(), link, addAcme); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a plain file (%v)", err)
	}
	s, err := OpenCatalogue(target, true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Get("acme"); err != nil {
		t.Errorf("the link's target does not hold the import: %v", err)
	}
}

func TestAnEmptyDatabaseFileIsAFirstRunForEveryCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	os.WriteFile(path, nil, 0o644)
	s, err := OpenCatalogue(path, true)
	if err != nil {
		t.Fatalf("a reader of an empty file: %v", err)
	}
	if _, err := s.Get("twilio"); err != nil {
		t.Errorf("the first run did not seed the catalogue: %v", err)
	}
	s.Close()

	os.WriteFile(path, nil, 0o644)
	if err := Edit(context.Background(), path, addAcme); err != nil {
		t.Fatalf("a writer of an empty file: %v", err)
	}
}

func TestADamagedLockFileIsTakenAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	os.WriteFile(path+".lock", bytes.Repeat([]byte("junk"), 3000), 0o644)
	if err := within(t, func() error { return Edit(context.Background(), path, addAcme) }); err != nil {
		t.Fatalf("a damaged lock file blocked the writer: %v", err)
	}

	os.Remove(path + ".lock")
	os.Mkdir(path+".lock", 0o755)
	err := Edit(context.Background(), path, addAcme)
	if err == nil || !strings.Contains(err.Error(), path+".lock is a directory") || !strings.Contains(err.Error(), "remove it") {
		t.Errorf("a directory in the lock's place: %v; want it named, with what to remove", err)
	}
}

func TestAReadOnlyDatabaseIsRefusedByItsOwnName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	if err := Edit(context.Background(), path, addAcme); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o444)
	before, _ := os.ReadFile(path)
	err := Edit(context.Background(), path, addAcme)
	if err == nil || strings.Contains(err.Error(), ".edit-") || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("import into a read-only database: %v; want it named (not its private copy) and called read-only", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the read-only database was changed")
	}
}

func TestAnUnwritableFolderIsNamedWithTheWayToChooseAnother(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	for _, path := range []string{filepath.Join(dir, "v.db"), filepath.Join(dir, "sub", "v.db")} {
		_, err := OpenCatalogue(path, true)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "VENDEX_DB") || !errors.Is(err, os.ErrPermission) {
			t.Errorf("first run in an unwritable folder: %v; want the database named, permission, and VENDEX_DB", err)
		}
	}
}
