package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrNoChange is what an Edit's function returns when it changed nothing:
// the copy is dropped, the catalogue is left untouched, and Edit returns
// nil.
var ErrNoChange = errors.New("nothing to change")

// Edit changes the catalogue at path without ever locking readers out:
// fn works on a private copy of the file (seeded from the embedded
// catalogue if need be), which then replaces the file with one rename.
// Readers that opened the old file keep answering from it; new readers see
// the new one. Writers take turns through a lock file beside the catalogue
// (path + ".lock"); one that cannot get it within the lock timeout says
// which file is busy. If fn or anything else fails, the catalogue is left
// byte-for-byte as it was. The copy is compacted before the rename when a
// quarter of it is free space, so the file does not only grow. When ctx is
// cancelled (Ctrl-C) before the rename, Edit drops the copy and returns
// ctx's error: the catalogue is as it was.
func Edit(ctx context.Context, path string, fn func(s *Store) error) error {
	return edit(ctx, path, fn, nil)
}

// edit is Edit seeding, if need be, from cat (nil: decoded when needed).
func edit(ctx context.Context, path string, fn func(s *Store) error, cat *embedded) error {
	// A linked catalogue is changed where the link points: the rename
	// happens in the target's folder and the link stays a link.
	target, err := data.ResolveLinks(path)
	if err != nil {
		return fmt.Errorf("open catalogue %s: %w; %s", path, err, elsewhere)
	}
	fi, exists, err := statCatalogue(target, path)
	if err != nil {
		return err
	}
	if exists && fi.Mode().Perm()&0o200 == 0 {
		// Someone made it read-only; a rename would replace it anyway.
		return fmt.Errorf("change catalogue %s: the file is read-only (mode %v); make it writable (chmod u+w %s), or %s", path, fi.Mode().Perm(), path, elsewhere)
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return placeError("create catalogue", path, err)
	}
	unlock, err := lockWriters(target, path)
	if err != nil {
		return err
	}
	defer unlock()
	removeStaleCopies(target)

	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".edit-*")
	if err != nil {
		return placeError("change catalogue", path, err)
	}
	tmpPath := tmp.Name()
	done := false
	defer func() {
		if !done {
			os.Remove(tmpPath)
			os.Remove(tmpPath + ".compact")
		}
	}()
	n, err := copyInto(tmp, target)
	if err != nil {
		tmp.Close()
		return fmt.Errorf("change catalogue %s: copy: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return placeError("change catalogue", path, err)
	}
	if n > 0 {
		// Refuse a damaged or newer file with its own name, before
		// building on it: a page of junk copied now would be renamed over
		// the catalogue with everything else.
		if err := checkCopy(tmpPath, path); err != nil {
			return err
		}
	}

	if err := ctx.Err(); err != nil {
		return err
	}
	// The copy is nobody's until the rename: a crash before it leaves a
	// copy the next writer removes, so only the last state needs to reach
	// the disk, not each commit before it (a first run's schema and seed,
	// each of fn's: an import of many files makes one a file).
	s, err := openCatalogueRW(tmpPath, Options{shown: path, private: true}, cat)
	if err != nil {
		return err
	}
	err = fn(s)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		s.Close()
		if errors.Is(err, ErrNoChange) {
			return nil
		}
		return err
	}
	if s.FreeRatio() >= 0.25 {
		if _, _, err := s.Compact(0.25); err != nil {
			s.Close()
			return err
		}
	}
	if err := s.Close(); err != nil {
		return placeError("change catalogue", path, err)
	}
	// fsync, not bbolt's fdatasync: the copy grew without syncing (see
	// Options.private), so its size must reach the disk with its pages.
	if err := syncFile(tmpPath); err != nil {
		return placeError("change catalogue", path, err)
	}
	mode := os.FileMode(0o644) // what a fresh bbolt file gets
	if exists {
		mode = fi.Mode().Perm()
	}
	if err := os.Chmod(tmpPath, mode); err != nil {
		return placeError("change catalogue", path, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.Rename(tmpPath, target); err != nil {
		return placeError("change catalogue", path, err)
	}
	done = true
	if d, err := os.Open(dir); err == nil {
		d.Sync() // make the rename durable
		d.Close()
	}
	return nil
}

// checkCopy opens a writer's private copy read-only and walks every page of
// it, naming the catalogue shown in any complaint.
func checkCopy(tmpPath, shown string) error {
	c, err := Open(tmpPath, Options{ReadOnly: true, shown: shown})
	if err != nil {
		return err
	}
	defer c.Close()
	return c.Check()
}

// removeStaleCopies deletes the private copies that writers killed before
// they finished (Ctrl-C, a crash) left beside the catalogue: each is as
// large as the catalogue, and only a writer holding the lock makes them,
// so with the lock held none is in use.
func removeStaleCopies(path string) {
	dir, prefix := filepath.Dir(path), "."+filepath.Base(path)+".edit-"
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && !e.IsDir() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// copyInto copies the file at path (if there is one) into dst and syncs it,
// and says how many bytes it copied.
func copyInto(dst *os.File, path string) (int64, error) {
	src, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer src.Close()
	n, err := io.Copy(dst, src)
	if err != nil {
		return n, err
	}
	return n, dst.Sync()
}

// lockWriters takes the writers' lock for the catalogue at path: an
// exclusive bbolt lock on path + ".lock", which works on every platform
// bbolt supports and never blocks readers of the catalogue itself. The lock
// file holds nothing: one that is not a bbolt file (cut short, overwritten)
// is emptied and taken again, which is safe because the lock is on the
// file, not on what it says.
func lockWriters(path, shown string) (func(), error) {
	lockPath := path + ".lock"
	if fi, err := os.Lstat(lockPath); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("lock catalogue %s: %s is %s, not a lock file; remove it", shown, lockPath, kindOrDir(fi.Mode()))
	}
	db, err := openLock(lockPath)
	if isDamage(err) {
		if terr := os.Truncate(lockPath, 0); terr == nil {
			db, err = openLock(lockPath)
		}
	}
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("%w: another vendex is changing %s (an import, a forget or a reseed); try again when it is done", ErrLocked, shown)
	case isDamage(err):
		return nil, fmt.Errorf("lock catalogue %s: the lock file %s is damaged (%v); remove it, it holds nothing", shown, lockPath, err)
	case err != nil:
		return nil, placeError("lock catalogue", shown, err)
	}
	return func() { db.Close() }, nil
}

func openLock(lockPath string) (db *bolt.DB, err error) {
	defer func() {
		// bbolt panics on some damage; the lock file is then damaged.
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("%w: %v", bolterrors.ErrInvalid, r)
		}
	}()
	return bolt.Open(lockPath, 0o644, &bolt.Options{Timeout: DefaultTimeout})
}

func isDamage(err error) bool {
	return errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrVersionMismatch) || errors.Is(err, bolterrors.ErrChecksum)
}

func kindOrDir(m fs.FileMode) string {
	if m.IsDir() {
		return "a directory"
	}
	if m&fs.ModeSymlink != 0 {
		return "a symbolic link"
	}
	return kindOf(m)
}
