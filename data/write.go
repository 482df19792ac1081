package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned by WriteFileAtomic when the file is there already
// and overwriting was not asked for.
var ErrExists = errors.New("file exists")

// WriteFileAtomic writes b to path through a temporary file in the same
// directory and a rename, so a reader never sees half a file and a failed
// write leaves the old file (if any) as it was. Without overwrite an
// existing file is never replaced, even one that appears while writing.
//
// That is for a regular file. A symbolic link is written through to the
// file it points at (the link stays a link, as the store does for --db);
// a name that is already something else to write to, a device or a named
// pipe (-o /dev/stderr, a FIFO), is opened and written in place, with or
// without overwrite: renaming over it would put a plain file where the
// device was. A directory is refused.
func WriteFileAtomic(path string, b []byte, overwrite bool) error {
	shown := ShownName(path) // the messages' name for it
	target, err := ResolveLinks(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", shown, plainErr(err))
	}
	if fi, err := os.Stat(target); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory: give a file name", shown)
	} else if err == nil && !fi.Mode().IsRegular() {
		return writeInPlace(target, shown, b)
	}
	path = target
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
		return fmt.Errorf("write %s: the folder %s does not exist", shown, ShownName(filepath.Dir(path)))
	}
	if !overwrite {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w (use --force to overwrite it, or -o to pick another name)", shown, ErrExists)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", shown, plainErr(err))
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", shown, plainErr(err))
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", shown, plainErr(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", shown, plainErr(err))
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", shown, plainErr(err))
	}
	if overwrite {
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("write %s: %w", shown, plainErr(err))
		}
		return nil
	}
	// Link fails if path exists, so a file created meanwhile is kept.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w (use --force to overwrite it, or -o to pick another name)", shown, ErrExists)
		}
		return fmt.Errorf("write %s: %w", shown, plainErr(err))
	}
	return nil
}

// writeInPlace writes b into the device or named pipe at path, which
// is kept as it is.
func writeInPlace(path, shown string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", shown, plainErr(err))
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", shown, plainErr(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", shown, plainErr(err))
	}
	return nil
}

// ResolveLinks follows path through symbolic links to the file a write
// must replace, so that a linked file is written where the link points,
// not turned into a plain file beside it. The target need not exist yet
// (a first write through a link creates it).
func ResolveLinks(path string) (string, error) {
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

// plainErr drops the file names from an *os.PathError or *os.LinkError,
// which name the temporary file rather than the one the user asked for.
func plainErr(err error) error {
	var pe *os.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

// FreeName returns path if nothing is there, else the first of
// "name-2.ext", "name-3.ext"... up to "name-1000.ext" that is free. Any
// answer but "nothing there" (a name too long, a folder it may not read)
// stops it: the same answer would come for every number.
func FreeName(path string) (string, error) {
	ext := filepath.Ext(path)
	base := path[:len(path)-len(ext)]
	for i := 1; i <= 1000; i++ {
		p := path
		if i > 1 {
			p = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		_, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return p, nil
		case err != nil:
			return "", fmt.Errorf("%s: %w", p, plainErr(err))
		}
	}
	return "", fmt.Errorf("%s and its next 999 numbered names are all taken", ShownName(filepath.Base(path)))
}
