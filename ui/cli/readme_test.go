package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
)

// The README's examples are run as written: every `$ vendex ...` line of a
// fenced block, on a fresh database, must print what the README shows
// under it (stdout, then stderr), so the README cannot drift from the
// program. `$ echo $?` checks the exit status; `printf '...' | vendex`
// feeds stdin; a line ending in a backslash goes on; an output ending in
// "..." shows only the start of what is printed. Paths under testdata/ are
// the repository's; those under ../shared/datasets are skipped where the
// datasets are absent.
func TestTheREADMEExamplesPrintWhatTheREADMEShows(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	db := tempDB(t)
	for _, ex := range readmeExamples(string(readme)) {
		t.Run(ex.cmd, func(t *testing.T) {
			args, stdin, ok := exampleArgs(t, ex.cmd)
			if !ok {
				return
			}
			var out, errb bytes.Buffer
			code := Main(append([]string{"--db", db}, args...), strings.NewReader(stdin), &out, &errb)
			got := normalizeExample(out.String() + errb.String())
			if ex.status != "" {
				got += "$ echo $?\n" + strconv.Itoa(code) + "\n"
			}
			want := normalizeExample(ex.output)
			// An example that ends in "..." shows the start of the output.
			if head, cut := strings.CutSuffix(want, "...\n"); cut {
				if !strings.HasPrefix(got, head) {
					t.Errorf("the README shows the start:\n%s\nvendex prints:\n%s", head, got)
				}
				return
			}
			if got != want {
				t.Errorf("the README shows:\n%s\nvendex prints:\n%s", want, got)
			}
		})
	}
}

type readmeExample struct {
	cmd, output string
	status      string // the `$ echo $?` line and its answer, if any
}

// readmeExamples are the `$ vendex` commands of the README's fenced
// blocks, each with the lines under it.
func readmeExamples(readme string) []readmeExample {
	var out []readmeExample
	fence := regexp.MustCompile("(?s)```[a-z]*\n(.*?)```")
	for _, m := range fence.FindAllStringSubmatch(readme, -1) {
		var cur *readmeExample
		continued := false
		for _, line := range strings.SplitAfter(m[1], "\n") {
			switch {
			case continued:
				// A command line ending in a backslash goes on.
				cur.cmd += " " + strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line), "\\"))
				continued = strings.HasSuffix(strings.TrimSpace(line), "\\")
			case strings.HasPrefix(line, "$ echo $?") && cur != nil:
				cur.status = "set"
				cur.output += line
			case strings.HasPrefix(line, "$ "):
				cmd := strings.TrimSpace(line[2:])
				continued = strings.HasSuffix(cmd, "\\")
				out = append(out, readmeExample{cmd: strings.TrimSpace(strings.TrimSuffix(cmd, "\\"))})
				cur = &out[len(out)-1]
			case cur != nil:
				cur.output += line
			}
		}
	}
	return out
}

// exampleArgs splits an example's command line into vendex's arguments
// and its stdin; ok is false (the test skipped) when it needs a dataset
// that is not here.
func exampleArgs(t *testing.T, cmd string) (args []string, stdin string, ok bool) {
	if before, after, piped := strings.Cut(cmd, " | "); piped {
		s, err := strconv.Unquote(`"` + strings.Trim(strings.TrimPrefix(before, "printf "), "'") + `"`)
		if err != nil {
			t.Fatalf("stdin of %q: %v", cmd, err)
		}
		stdin, cmd = s, after
	}
	fields := strings.Fields(strings.TrimPrefix(cmd, "vendex "))
	for i, f := range fields {
		if strings.HasPrefix(f, "testdata/") {
			fields[i] = filepath.Join("..", "..", f)
		}
		if strings.HasPrefix(f, "../shared/") {
			fields[i] = filepath.Join("..", "..", f)
			if _, err := os.Stat(fields[i]); err != nil {
				t.Skipf("%s is not here", f)
				return nil, "", false
			}
		}
	}
	return fields, stdin, true
}

// normalizeExample drops what differs from machine to machine: trailing
// spaces, the database's path and size, vendex's own version.
func normalizeExample(s string) string {
	s = regexp.MustCompile(`(?m)^Database:.*$`).ReplaceAllString(s, "Database: ...")
	s = regexp.MustCompile(`, vendex [^)]*\)`).ReplaceAllString(s, ", vendex ...)")
	s = regexp.MustCompile(`(?m)[ \t]+$`).ReplaceAllString(s, "")
	return strings.TrimRight(s, "\n") + "\n"
}

// The README's example of a file of your own vendors imports as written,
// and its vendor then answers for its domain and its cookie.
func TestTheREADMEsOwnVendorFileImports(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```json\n(.*?)```").FindStringSubmatch(string(readme))
	if m == nil {
		t.Fatal("the README shows no ```json file of your own vendors")
	}
	file := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(file, []byte(m[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	db := tempDB(t)
	for _, args := range [][]string{{"import", file}, {"lookup", "widgets.acme.example"}, {"cookie", "acme_chat"}} {
		var out, errb bytes.Buffer
		if code := Main(append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb); code != 0 || !strings.Contains(out.String(), "Acme Widgets") {
			t.Errorf("vendex %s: exit %d, printed:\n%s%s", strings.Join(args, " "), code, out.String(), errb.String())
		}
	}
}

// The README's prose says how many vendors ship in the binary; it drifted
// once (1090 when the catalogue held 1140), so it is held here.
func TestTheREADMEsCatalogueSizeIsTheCatalogues(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	vs, err := data.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`The catalogue \((\d+) vendors\)`).FindSubmatch(readme)
	if m == nil {
		t.Fatal(`the README no longer says "The catalogue (N vendors)"`)
	}
	if n, _ := strconv.Atoi(string(m[1])); n != len(vs) {
		t.Errorf("the README says the catalogue holds %d vendors; it holds %d", n, len(vs))
	}
}

// The sizes the README gives a new user's database (in its stats example
// and its table of measures) are those of a database that first run makes,
// to a tenth: the trial of a fresh clone found 16.0 and 3.7 MiB said where
// the file was 5.0.
func TestTheREADMEsDatabaseSizesAreAFreshOnes(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	db := tempDB(t)
	r := vendex(t, db, "", "stats")
	fi, err := os.Stat(db)
	if r.code != 0 || err != nil {
		t.Fatalf("stats: %+v, %v", r, err)
	}
	fresh := float64(fi.Size()) / (1 << 20)
	said := regexp.MustCompile(`(?m)^Database: .*\((\d+\.\d) MiB\)$|first run \(seeding\) \|[^|]*a (\d+\.\d) MiB file`).FindAllStringSubmatch(string(readme), -1)
	if len(said) != 2 {
		t.Fatalf("the README gives %d sizes of a fresh database, want 2 (stats, and the table of measures)", len(said))
	}
	for _, m := range said {
		var mib float64
		fmt.Sscan(m[1]+m[2], &mib)
		if mib < fresh*0.9 || mib > fresh*1.1 {
			t.Errorf("the README says %q; a fresh database is %.1f MiB", m[0], fresh)
		}
	}
}

// The README's shortened gcm block says which vendors Consent Mode holds
// back and which it does not: those comment lines are the ones banner
// writes for the recorded capture the README names.
func TestTheREADMEsConsentModeCommentsAreBannersOwn(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	rec := filepath.Join("..", "..", "testdata", "scan", "real", "recorded")
	r := vendex(t, tempDB(t), "", "banner", "--format", "gcm",
		filepath.Join(rec, "before-consent-tracking.har"), filepath.Join(rec, "before-consent-tracking.storagestate.json"))
	if r.code != 0 {
		t.Fatalf("banner: %d %q", r.code, r.stderr)
	}
	n := 0
	for _, l := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(l, "// Of this site's vendors") || strings.HasPrefix(l, "// Consent Mode does not hold these back") {
			n++
			if !strings.Contains(r.stdout, l+"\n") {
				t.Errorf("the README says\n%s\nbut banner writes:\n%s", l, r.stdout)
			}
		}
	}
	if n != 2 {
		t.Errorf("found %d of the README's two Consent Mode comment lines", n)
	}
}

// The prose's coverage figures are the examples' (trial8: the prose said
// 93.07% and 91.04% while the coverage examples, which the test above
// runs, printed 93.05% and 91.01%): every "attributes N%" of the README is
// the Weighted line of one of its coverage examples.
func TestTheREADMEsCoverageFiguresAreItsExamples(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	weighted := map[string]bool{}
	for _, ex := range readmeExamples(string(readme)) {
		if m := regexp.MustCompile(`(?m)^Weighted:\s+([0-9.]+%)`).FindStringSubmatch(ex.output); strings.HasPrefix(ex.cmd, "vendex coverage") && m != nil {
			weighted[m[1]] = true
		}
	}
	prose := strings.Join(strings.Fields(string(readme)), " ")
	said := regexp.MustCompile(`attributes ([0-9.]+%)`).FindAllStringSubmatch(prose, -1)
	if len(weighted) < 2 || len(said) < 2 {
		t.Fatalf("the README shows %d coverage examples and says %d figures; want both datasets' (HTTP Archive, Tracker Radar)", len(weighted), len(said))
	}
	for _, m := range said {
		if !weighted[m[1]] {
			t.Errorf("the README says it attributes %s, which no coverage example prints (%v)", m[1], weighted)
		}
	}
}
