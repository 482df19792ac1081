package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// elsewhere is the advice that ends every message about a place vendex
// cannot use: the user named it, through --db or VENDEX_DB, or took the
// default, and either names another.
const elsewhere = "use --db or VENDEX_DB to choose another file"

// statCatalogue says what is at path, following links: a regular file (fi),
// nothing yet (exists false, a first run), or an error naming shown for
// anything else. A FIFO would hang every open and a device is nobody's
// catalogue, so only regular files pass.
func statCatalogue(path, shown string) (fi fs.FileInfo, exists bool, err error) {
	fi, err = os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("open catalogue %s: %w; %s", shown, err, elsewhere)
	case fi.IsDir():
		return nil, false, fmt.Errorf("open catalogue %s: is a directory, not a database file; %s", shown, elsewhere)
	case !fi.Mode().IsRegular():
		return nil, false, fmt.Errorf("open catalogue %s: is %s, not a database file; %s", shown, kindOf(fi.Mode()), elsewhere)
	case !boltFile(path):
		// A mistyped --db (README.md) is somebody's file, not a damaged
		// catalogue: say so before anything, a writer's lock file included,
		// is made beside it, and never advise deleting it.
		return nil, false, fmt.Errorf("open catalogue %s: %w (it is not a bbolt file); vendex has left it as it was: check the path, or %s", shown, ErrNotOurs, elsewhere)
	}
	return fi, true, nil
}

// boltMagic opens each of a bbolt file's two meta pages, 16 bytes in.
const boltMagic = 0xED0CDAED

// boltFile reports whether the file at path can be a bbolt database: an
// empty file (a first run killed early), one too short for the magic that
// starts as a meta page does, or one where either meta page carries bbolt's
// magic. Damage rarely reaches both metas; a file with neither is not a
// catalogue vendex wrote.
func boltFile(path string) bool {
	f, err := openRegular(path, os.O_RDONLY, 0)
	if err != nil {
		return true // the open that follows says why it cannot read it
	}
	defer f.Close()
	var b [4]byte
	for i, off := range []int64{0, 4096, 8192, 16384, 32768, 65536} {
		if n, _ := f.ReadAt(b[:], off+16); n < len(b) {
			if i > 0 {
				return false // no meta page left to try
			}
			// Too short for the magic: meta page 0 starts with its page id,
			// eight zero bytes, which no text file does.
			var id [8]byte
			m, _ := f.ReadAt(id[:], 0)
			return bytes.Count(id[:m], []byte{0}) == m
		}
		if m := binary.LittleEndian.Uint32(b[:]); m == boltMagic || binary.BigEndian.Uint32(b[:]) == boltMagic {
			return true
		}
	}
	return false
}

// pageSize is the page size of a file vendex creates (an existing file
// keeps its own): with 16 KiB pages instead of the OS's 4 KiB a first run
// spent some 3.5 ms (7%) less CPU and made a smaller file (4.0 MiB, not
// 4.3); reads and imports measured the same.
const pageSize = 16 << 10

// maxPageSize bounds the page size of a file metaPageSize trusts.
const maxPageSize = 64 << 10

// metaPageSize is the page size the first meta page of the bbolt file at
// path gives, or the OS's when that page does not say.
func metaPageSize(path string) int {
	f, err := openRegular(path, os.O_RDONLY, 0)
	if err != nil {
		return os.Getpagesize()
	}
	defer f.Close()
	var b [12]byte // magic, version, page size
	if n, _ := f.ReadAt(b[:], 16); n == len(b) && binary.LittleEndian.Uint32(b[:]) == boltMagic {
		if size := int(binary.LittleEndian.Uint32(b[8:])); size >= 1<<10 && size <= maxPageSize && size&(size-1) == 0 {
			return size
		}
	}
	return os.Getpagesize()
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// placeError is a failure to create or write in the folder of the catalogue
// shown (permission denied, a read-only file system, a missing parent).
func placeError(what, shown string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && filepath.Dir(pe.Path) == filepath.Dir(shown) && filepath.Base(pe.Path) != filepath.Base(shown) {
		// The raw error names a private copy the user never made: name
		// the folder instead.
		err = fmt.Errorf("folder %s: %w", filepath.Dir(shown), pe.Err)
	}
	return fmt.Errorf("%s %s: %w; %s", what, shown, err, elsewhere)
}

// syncFile makes the file at path durable, its size and other metadata
// included.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
