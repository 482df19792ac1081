package store

import (
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// FreeRatio is the share of the file that bbolt holds as free pages: space
// an import's rebuild released and that the file, which never shrinks,
// keeps.
func (s *Store) FreeRatio() float64 {
	size := s.Size()
	if size == 0 {
		return 0
	}
	st := s.db.Stats()
	return float64(int64(st.FreePageN+st.PendingPageN)*int64(s.db.Info().PageSize)) / float64(size)
}

// Compact rewrites the file without its free pages when they make up at
// least minFree of it, by copying it into a temporary file beside it and
// renaming that over it; the store stays open on the new file. It reports
// the sizes before and after (equal when it did nothing). A failure before
// the rename leaves the file as it was.
func (s *Store) Compact(minFree float64) (before, after int64, err error) {
	before = s.Size()
	if s.readOnly {
		return before, before, ErrReadOnly
	}
	if s.FreeRatio() < minFree {
		return before, before, nil
	}
	tmp := s.path + ".compact"
	_ = os.Remove(tmp)
	// The same initial mapping as every read-write open: without it,
	// bbolt remaps the growing copy again and again.
	// The copy keeps the file's page size, which may not be pageSize
	// (a file an older vendex made).
	dst, err := bolt.Open(tmp, 0o644, &bolt.Options{Timeout: DefaultTimeout, InitialMmapSize: initialMmapSize, PageSize: s.db.Info().PageSize})
	if err != nil {
		return before, before, fmt.Errorf("compact %s: %w", s.Path(), err)
	}
	// The copy is written in a few large commits: no slack past its pages.
	dst.AllocSize = dst.Info().PageSize
	if err := bolt.Compact(dst, s.db, 64<<20); err != nil {
		dst.Close()
		os.Remove(tmp)
		return before, before, fmt.Errorf("compact %s: %w", s.Path(), err)
	}
	if err := dst.Close(); err != nil {
		os.Remove(tmp)
		return before, before, fmt.Errorf("compact %s: %w", s.Path(), err)
	}
	// Rename while still holding the old file's lock, so no other vendex
	// writes to it in between; then reopen the new file.
	if err := os.Rename(tmp, s.path); err != nil {
		os.Remove(tmp)
		return before, before, fmt.Errorf("compact %s: %w", s.Path(), err)
	}
	s.db.Close()
	db, err := bolt.Open(s.path, 0o644, &bolt.Options{Timeout: DefaultTimeout, InitialMmapSize: initialMmapSize})
	if err != nil {
		return before, s.Size(), openError(s.path, err)
	}
	tuneGrowth(db)
	s.db = db
	return before, s.Size(), nil
}

// initialMmapSize is the address space a read-write open reserves up
// front: when a big import grows the file mid-commit, bbolt remaps and
// copies every dirty node out of the old mapping.
const initialMmapSize = 1 << 30

// growthStep is how much a write grows the file past what its pages need.
// bbolt's own step, 16 MiB once the mapping passes it (which the initial
// mapping always does), made the embedded catalogue's file 16 MiB for
// 2.7 MB of pages.
const growthStep = 1 << 20

// tuneGrowth sets a read-write database's growth step.
func tuneGrowth(db *bolt.DB) { db.AllocSize = growthStep }
