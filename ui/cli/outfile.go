package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
)

// outKind is one format a command writes with -o: its name as --format
// gives it, and the extensions a file of it is named with, the usual
// one first.
type outKind struct {
	name string
	exts []string
}

// outFormat is the one rule every -o follows: a file's extension says
// what is in it. Without --format (given == "") the extension picks the
// format; with it, the extension must be one of that format's. An
// extension no format of cmd writes, one that belies --format, or none
// at all (trial8: banner -o out/consent wrote a file help said would be
// named for its format) is a usage error before anything is written,
// naming the file that would do. Stdout, and a name that is already a
// directory, a device or a named pipe (/dev/stderr, a FIFO, or a link to
// one), whatever its extension, take the format as given: the device is
// written in place (data.WriteFileAtomic) and a directory is refused
// there. A name ending in a slash is a folder not yet made: the error
// names a file in it, stem plus the format's extension (verify10: export
// stripe -o newdir/ suggested "newdir/.md", a hidden file). The answer is ""
// when the extension fits several formats and --format was not given.
func outFormat(cmd, path, given, stem string, kinds []outKind) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if path == "" || path == "-" {
		return given, nil
	}
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
			var names []string
			for _, k := range kinds {
				if n := data.Quote(path + stem + k.exts[0]); (given == "" || k.name == given) && !slices.Contains(names, n) {
					names = append(names, n)
				}
			}
			return "", usagef("%s -o %s names a folder, and there is none; make it, then name a file in it: %s", cmd, data.Quote(path), data.JoinOr(names))
		}
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return given, nil
	}
	if ext == "" {
		var names []string
		for _, k := range kinds {
			if n := data.Quote(path + k.exts[0]); (given == "" || k.name == given) && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		return "", usagef("%s -o %s: the file's extension says what is in it, and this name has none; name it %s", cmd, data.Quote(path), data.JoinOr(names))
	}
	if given != "" {
		for _, k := range kinds {
			if k.name != given || slices.Contains(k.exts, ext) {
				continue
			}
			return "", usagef("%s -o %s: --format %s writes a %s file, not %s; name it %s",
				cmd, data.Quote(path), given, k.exts[0], ext, data.Quote(strings.TrimSuffix(path, filepath.Ext(path))+k.exts[0]))
		}
		return given, nil
	}
	var fits, usual []string
	for _, k := range kinds {
		if slices.Contains(k.exts, ext) {
			fits = append(fits, k.name)
		}
		if !slices.Contains(usual, k.exts[0]) {
			usual = append(usual, k.exts[0])
		}
	}
	switch len(fits) {
	case 0:
		return "", usagef("%s -o %s: %s is not a format %s writes; name the file %s",
			cmd, data.Quote(path), data.Quote(ext), cmd, data.JoinOr(usual))
	case 1:
		return fits[0], nil
	}
	return "", nil
}

// kindsOf is a list of formats as outFormat takes them.
func kindsOf[F interface {
	~string
	Extensions() []string
}](l data.NamedList[F]) []outKind {
	kinds := make([]outKind, len(l))
	for i, n := range l {
		kinds[i] = outKind{string(n.Format), n.Format.Extensions()}
	}
	return kinds
}
