package store

import "os"

// Changed reports whether the file at the store's path is no longer the
// one it opened: a writer (import, forget) renames its finished copy over
// the path, so a reader that keeps its handle keeps answering from the
// catalogue as it was. A path that cannot be read now is no news.
func (s *Store) Changed() bool {
	if s.opened == nil {
		return false
	}
	fi, err := os.Stat(s.path)
	return err == nil && !os.SameFile(fi, s.opened)
}
