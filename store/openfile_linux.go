package store

import (
	"os"
	"syscall"
)

// openRegular opens a database file as os.OpenFile does, but as a file Go's
// poller never sees: os.OpenFile offers every file to epoll, which refuses
// a regular file only after the process has made its epoll instance (five
// system calls), and then switches the descriptor in and out of
// non-blocking mode whenever bbolt asks for it. A lookup of one host paid
// that once for each of its two opens.
func openRegular(name string, flag int, perm os.FileMode) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, flag|syscall.O_CLOEXEC, uint32(perm.Perm()))
		switch err {
		case nil:
			return os.NewFile(uintptr(fd), name), nil
		case syscall.EINTR:
			continue
		}
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
}
