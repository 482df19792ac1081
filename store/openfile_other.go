//go:build !linux

package store

import "os"

// openRegular is os.OpenFile: see openfile_linux.go.
func openRegular(name string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag, perm)
}
