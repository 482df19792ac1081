package cli

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// -o naming a named pipe writes into the pipe, whatever its name, with or
// without --force, in every command that has -o: the pipe is still a pipe
// afterwards and its reader gets the whole output. (review9: the writer
// renamed a temporary file over it, so the pipe became a plain file, and
// -o /dev/stdout --force as root replaced /dev/stdout.)
func TestOutputToANamedPipeIsWrittenInPlace(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	pipe := filepath.Join(dir, "p")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	for _, args := range [][]string{
		{"declare", "--vendors", "hotjar", "--format", "csv", "-o", pipe, "--force"},
		{"declare", "--vendors", "hotjar", "--format", "csv", "-o", pipe},
		{"banner", "--vendors", "hotjar", "--format", "klaro", "-o", pipe},
		{"export", "hotjar", "--format", "json", "-o", pipe, "--force"},
	} {
		got := make(chan string)
		go func() {
			f, err := os.Open(pipe)
			if err != nil {
				got <- err.Error()
				return
			}
			b, _ := io.ReadAll(f)
			f.Close()
			got <- string(b)
		}()
		r := vendex(t, db, "", args...)
		if fi, err := os.Lstat(pipe); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
			t.Fatalf("%q: %s is no longer a named pipe (%v)", args, pipe, fi.Mode())
		}
		// A writer that never came would leave the reader waiting.
		if w, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		read := <-got
		if r.code != 0 || !strings.Contains(strings.ToLower(read), "hotjar") {
			t.Errorf("%q: exit %d, stderr %q; the pipe's reader got %d bytes", args, r.code, r.stderr, len(read))
		}
	}
}

// -o naming a symbolic link writes through to the file it points at: the
// link stays a link (the store does the same for --db), an existing target
// still wants --force, and a directory is refused.
func TestOutputThroughASymlinkWritesItsTarget(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	target, link := filepath.Join(dir, "real.md"), filepath.Join(dir, "link.md")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.md", link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if r := vendex(t, db, "", "declare", "--vendors", "hotjar", "-o", link); r.code == 0 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("an existing target without --force: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := vendex(t, db, "", "declare", "--vendors", "hotjar", "-o", link, "--force"); r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("%s is no longer a symbolic link", link)
	}
	if b, _ := os.ReadFile(target); !strings.Contains(string(b), "Hotjar") {
		t.Errorf("the link's target holds %q, not the declaration", b)
	}
	if r := vendex(t, db, "", "declare", "--vendors", "hotjar", "-o", dir); r.code == 0 || !strings.Contains(r.stderr, "is a directory") {
		t.Errorf("-o a directory: exit %d, stderr %q", r.code, r.stderr)
	}
}

// -o naming a character device writes to it, whatever its name, and leaves
// it a device: the test makes its own node of the null device (1, 3), never
// touching /dev, and skips where it may not make one.
func TestOutputToADeviceLeavesTheDevice(t *testing.T) {
	dev := filepath.Join(t.TempDir(), "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(1<<8|3)); err != nil {
		t.Skipf("may not make a device node here: %v", err)
	}
	for _, args := range [][]string{
		{"declare", "--vendors", "hotjar", "--format", "csv", "-o", dev, "--force"},
		{"export", "hotjar", "-o", dev},
	} {
		r := vendex(t, tempDB(t), "", args...)
		fi, err := os.Lstat(dev)
		if r.code != 0 || err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("%q: exit %d %q; %s is now %v", args, r.code, r.stderr, dev, fi.Mode())
		}
	}
}

// -o naming a folder that is not there (a trailing slash) suggests a file
// in it named for what is written, not a hidden ".md" (verify10: export
// stripe -o newdir/ suggested "newdir/.md"), and writes nothing.
func TestOutputToAMissingFolderSuggestsAFileInIt(t *testing.T) {
	db := tempDB(t)
	dir := filepath.Join(t.TempDir(), "newdir") + "/"
	r := vendex(t, db, "", "export", "stripe", "-o", dir)
	if r.code != 2 || !strings.Contains(r.stderr, `"`+dir+`stripe.md"`) || strings.Contains(r.stderr, `/.md"`) {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("%s was made", dir)
	}
}
