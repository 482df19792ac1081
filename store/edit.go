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
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("open catalogue %s: is a directory, not a database file", path)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create catalogue directory: %w", err)
	}
	unlock, err := lockWriters(path)
	if err != nil {
		return err
	}
	defer unlock()
	removeStaleCopies(path)

	// Refuse a damaged or newer file before copying it, with its own name
	// in the message.
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		probe, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			return err
		}
		probe.Close()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".edit-*")
	if err != nil {
		return fmt.Errorf("edit catalogue %s: %w", path, err)
	}
	tmpPath := tmp.Name()
	done := false
	defer func() {
		if !done {
			os.Remove(tmpPath)
			os.Remove(tmpPath + ".compact")
		}
	}()
	if err := copyInto(tmp, path); err != nil {
		tmp.Close()
		return fmt.Errorf("edit catalogue %s: copy: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("edit catalogue %s: %w", path, err)
	}
	mode := os.FileMode(0o644) // what a fresh bbolt file gets
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := os.Chmod(tmpPath, mode); err != nil {
		return fmt.Errorf("edit catalogue %s: %w", path, err)
	}

	if err := ctx.Err(); err != nil {
		return err
	}
	s, err := OpenCatalogue(tmpPath, false)
	if err != nil {
		return err
	}
	s.shown = path
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
		return fmt.Errorf("edit catalogue %s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return fmt.Errorf("edit catalogue %s: %w", path, err)
	}
	done = true
	if d, err := os.Open(dir); err == nil {
		d.Sync() // make the rename durable
		d.Close()
	}
	return nil
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

// copyInto copies the file at path (if there is one) into dst and syncs it.
func copyInto(dst *os.File, path string) error {
	src, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer src.Close()
	if _, err := io.Copy(dst, src); err != nil {
		return err
	}
	return dst.Sync()
}

// lockWriters takes the writers' lock for the catalogue at path: an
// exclusive bbolt lock on path + ".lock", which works on every platform
// bbolt supports and never blocks readers of the catalogue itself.
func lockWriters(path string) (func(), error) {
	lockPath := path + ".lock"
	db, err := bolt.Open(lockPath, 0o644, &bolt.Options{Timeout: DefaultTimeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("%w: another vendex is changing %s (an import, a forget or a reseed); try again when it is done", ErrLocked, path)
	}
	if err != nil {
		return nil, fmt.Errorf("lock catalogue %s: %w", path, err)
	}
	return func() { db.Close() }, nil
}
