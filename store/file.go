package store

import (
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
	}
	return fi, true, nil
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

// resolveLinks follows path through symbolic links to the file a write
// must replace, so that a linked catalogue is written where the link
// points, not turned into a plain file beside it. The target need not exist
// yet (a first run through a link creates it).
func resolveLinks(path string) (string, error) {
	for hops := 0; ; hops++ {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		if hops == 40 {
			return "", errors.New("too many levels of symbolic links")
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
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
