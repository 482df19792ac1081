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
func WriteFileAtomic(path string, b []byte, overwrite bool) error {
	shown := ShownName(path) // the messages' name for it
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory: give a file name", shown)
	}
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
