package store

import "syscall"

// releasePages tells the kernel that this process no longer needs the
// first size bytes of the file's mapping: the pages stay in the page cache
// and are mapped again when next read. After reading every brief, the
// browser would otherwise keep their pages (10 MB at 100,000 vendors) in
// its resident memory for as long as it runs.
func (s *Store) releasePages(size int64) {
	if size <= 0 {
		return
	}
	// The mapping is shared and read-only for readers, and private copies
	// are never written through it: dropping its pages loses nothing.
	syscall.Syscall(syscall.SYS_MADVISE, s.db.Info().Data, uintptr(size), syscall.MADV_DONTNEED)
}
