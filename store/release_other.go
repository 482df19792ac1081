//go:build !linux

package store

// releasePages does nothing here: see release_linux.go.
func (s *Store) releasePages(int64) {}
