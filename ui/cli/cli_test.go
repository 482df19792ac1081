package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
	"github.com/vendex/vendex/store"
	"github.com/vendex/vendex/ui/search"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// vendex runs the CLI as a user would, on a fresh database, and returns
// what it printed and its exit status.
type result struct {
	stdout, stderr string
	code           int
}

func vendex(t *testing.T, db string, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(stdin), &out, &errb)
	code := exitCode(err, &errb)
	return result{out.String(), errb.String(), code}
}

func tempDB(t *testing.T) string { return filepath.Join(t.TempDir(), "vendex.db") }

func TestLookupNamesTheVendorCategoryAndVerdict(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "lookup", "https://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "INPUT") {
		t.Fatalf("want a header and one row:\n%s", r.stdout)
	}
	cols := regexp.MustCompile(`\s{2,}`).Split(lines[1], -1)
	want := []string{"https://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js", "Twilio (twilio)", "Functional", "no", "media.twiliocdn.com/sdk/js/client/"}
	if strings.Join(cols, "|") != strings.Join(want, "|") {
		t.Errorf("lookup row = %q, want %q", cols, want)
	}
}

// An internationalised host is two cells a CJK character: the rows after
// it still line up under the titles.
func TestLookupKeepsColumnsAlignedForCJKHosts(t *testing.T) {
	r := vendex(t, tempDB(t), "", "lookup", "例え.jp", "twilio.com", "https://例え.テスト/広告.js")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("want a header and three rows:\n%s", r.stdout)
	}
	want := columnStarts(lines[0])
	for _, line := range lines[1:] {
		if got := columnStarts(line); !slices.Equal(got, want) {
			t.Errorf("columns start at cells %v, under titles at %v:\n%s", got, want, r.stdout)
		}
	}
}

func TestLookupExitStatusAndMissesOnStderr(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "lookup", "TWILIO.COM.", "no-such-vendor.example")
	if r.code != 1 {
		t.Errorf("one miss: exit %d, want 1", r.code)
	}
	if !strings.Contains(r.stderr, "no-such-vendor.example") {
		t.Errorf("the miss is not named on stderr: %q", r.stderr)
	}
	if !strings.Contains(r.stdout, "Twilio") {
		t.Errorf("the hit is missing from stdout: %q", r.stdout)
	}
	if r := vendex(t, db, "", "lookup"); r.code != 2 {
		t.Errorf("no arguments: exit %d, want 2 (usage)", r.code)
	}
	if r := vendex(t, db, "", "lookup", "--bogus", "x.com"); r.code != 2 || !strings.Contains(r.stderr, "bogus") {
		t.Errorf("unknown flag: exit %d, stderr %q", r.code, r.stderr)
	}
	r = vendex(t, db, "", "lookup", "not a host")
	if r.code != 1 || !strings.Contains(r.stderr, "not a host") || !strings.Contains(r.stdout, "contains spaces") {
		t.Errorf("malformed input should say what is wrong: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// "vendex lookup 300.1.1.1" was taken as an unknown host name: an address
// that is not one is refused as other malformed hosts are, saying why,
// whether bare or in a URL; a real address is still looked up.
func TestLookupRefusesAnAddressThatIsNotOne(t *testing.T) {
	db := tempDB(t)
	for _, in := range []string{"300.1.1.1", "http://1.2.3.256/x.js", "1.2.3", "example.0x10", "01.2.3.4"} {
		r := vendex(t, db, "", "lookup", in)
		if r.code != 1 || !strings.Contains(r.stderr, "is not a host or URL") || !strings.Contains(r.stdout, "not an IP address") {
			t.Errorf("lookup %s: exit %d\n%s%s", in, r.code, r.stdout, r.stderr)
		}
	}
	r := vendex(t, db, "", "lookup", "1.2.3.4")
	if r.code != 1 || !strings.Contains(r.stderr, "matched no vendor") || strings.Contains(r.stdout, "not an IP address") {
		t.Errorf("lookup 1.2.3.4: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestLookupJSONFromStdin(t *testing.T) {
	db := tempDB(t)
	in := "twilio.com\n\n# a comment\nhttps://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js\nunknown.invalid\n"
	r := vendex(t, db, in, "lookup", "--json", "-")
	if r.code != 1 {
		t.Errorf("exit %d, want 1 for the unknown host", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one JSON object per input line (3), got %d:\n%s", len(lines), r.stdout)
	}
	var got []lookupResult
	for _, l := range lines {
		var lr lookupResult
		if err := json.Unmarshal([]byte(l), &lr); err != nil {
			t.Fatalf("not JSON: %q: %v", l, err)
		}
		got = append(got, lr)
	}
	if !got[0].Found || got[0].VendorID != "twilio" || got[0].Category != data.Functional || got[0].Matched != "twilio.com" {
		t.Errorf("first line: %+v", got[0])
	}
	if got[1].Matched != "media.twiliocdn.com/sdk/js/client/" {
		t.Errorf("the path-prefixed source should win: %+v", got[1])
	}
	if got[2].Found || got[2].Input != "unknown.invalid" {
		t.Errorf("the miss: %+v", got[2])
	}
}

func TestLookupBatchOfManyHostsInOneProcess(t *testing.T) {
	db := tempDB(t)
	var in strings.Builder
	const n = 100000
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&in, "h%d.twilio.com\n", i)
		} else {
			fmt.Fprintf(&in, "https://h%d.unknown-%d.example/x\n", i, i)
		}
	}
	r := vendex(t, db, in.String(), "lookup", "--json", "-")
	if got := strings.Count(r.stdout, "\n"); got != n {
		t.Fatalf("%d output lines for %d inputs", got, n)
	}
	if r.code != 1 || !strings.Contains(r.stderr, "50000 inputs matched no vendor") || !strings.Contains(r.stderr, "and 49980 more") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestShowFindsByNameOrAliasAndSuggestsOnAMiss(t *testing.T) {
	db := tempDB(t)
	for _, q := range []string{"twilio", "TWILIO", "Twilio WebRTC", "twilio browser calling"} {
		r := vendex(t, db, "", "show", q)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "Twilio\n") {
			t.Errorf("show %q: exit %d, output starts %q", q, r.code, firstLine(r.stdout))
		}
	}
	r := vendex(t, db, "", "show", "twillio")
	if r.code != 1 {
		t.Errorf("unknown vendor: exit %d, want 1", r.code)
	}
	if !strings.Contains(r.stderr, `no vendor "twillio"`) || !strings.Contains(r.stderr, "Twilio") {
		t.Errorf("the miss should name the closest vendors: %q", r.stderr)
	}
	far := vendex(t, db, "", "show", "nosuchvendorxyz")
	if far.code != 1 || strings.Contains(far.stderr, "closest") || !strings.Contains(far.stderr, `try vendex search "nosuchvendorxyz"`) {
		t.Errorf("a name like no vendor's should get no suggestions, only the search hint: exit %d, %q", far.code, far.stderr)
	}
	if r := vendex(t, db, "", "show", "hotjr"); !strings.Contains(r.stderr, "closest: Hotjar") {
		t.Errorf("one letter missing should still suggest the vendor: %q", r.stderr)
	}
	piped := vendex(t, db, "", "show", "twilio")
	if strings.Contains(piped.stdout, "\x1b") {
		t.Error("show wrote escape sequences to a pipe")
	}
	for _, want := range []string{"Functional", "microphone", "camera", "Sets HTTP cookies: No"} {
		if !strings.Contains(piped.stdout, want) {
			t.Errorf("Twilio's card lacks %q", want)
		}
	}
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }

func TestSearchRanksNamesAndAliases(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "search", "twilio webrtc")
	if lines := strings.Split(r.stdout, "\n"); r.code != 0 || len(lines) < 2 || !strings.HasPrefix(lines[1], "Twilio ") || !strings.HasSuffix(lines[1], "twilio webrtc") {
		t.Errorf("search by alias should rank Twilio first and say which alias matched: exit %d:\n%s", r.code, r.stdout)
	}
	r = vendex(t, db, "", "search", "--limit", "2", "--json", "twi")
	hits := jsonLines[struct{ ID string }](t, r.stdout)
	if len(hits) == 0 || len(hits) > 2 || hits[0].ID != "twilio" {
		t.Errorf("--limit 2 twi: %+v", hits)
	}
	if r := vendex(t, db, "", "search", "zzqqxxjj"); r.code != 1 {
		t.Errorf("no match: exit %d", r.code)
	}
	if r := vendex(t, db, "", "search", "--limit", "-1", "x"); r.code != 2 {
		t.Errorf("negative limit: exit %d", r.code)
	}
}

func TestExportFormatsMatchGoldens(t *testing.T) {
	db := tempDB(t)
	for _, f := range []string{"md", "json", "txt"} {
		r := vendex(t, db, "", "export", "twilio", "--format", f)
		if r.code != 0 {
			t.Fatalf("export %s: exit %d %s", f, r.code, r.stderr)
		}
		golden := filepath.Join("..", "..", "testdata", "export", "twilio."+f+".golden")
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			os.WriteFile(golden, []byte(r.stdout), 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if r.stdout != string(want) {
			t.Errorf("export --format %s differs from %s (go test -update rewrites it; read the diff)", f, golden)
		}
	}
}

func TestExportJSONReadsBackAsTheSameVendor(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "export", "--format", "json", "twilio")
	vs, err := data.DecodeVendors(strings.NewReader(r.stdout))
	if err != nil || len(vs) != 1 {
		t.Fatalf("export JSON does not decode strictly: %v", err)
	}
	s, err := store.OpenCatalogue(db, true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	orig, _ := s.Get("twilio")
	a, _ := json.Marshal(data.Traced(orig, data.EmbeddedSource))
	b, _ := json.Marshal(vs[0])
	if !bytes.Equal(a, b) || len(vs[0].Provenance) == 0 {
		t.Error("the exported JSON is not the whole record with each fact's source")
	}
}

func TestExportMarkdownKeepsThePageOrder(t *testing.T) {
	db := tempDB(t)
	md := vendex(t, db, "", "export", "twilio").stdout
	last := -1
	for _, sec := range []string{"# Twilio", "## " + card.SecOverview.Title(), "## " + card.SecWhatItDoes.Title(), "## " + card.SecStorage.Title(),
		"## " + card.SecPermissions.Title(), "## " + card.SecCompliance.Title(), "## " + card.SecBlock.Title(), "## " + card.SecDetails.Title(),
		"## " + card.SecDomains.Title(), "## " + card.SecFAQ.Title(), "## " + card.SecRelated.Title(), "## " + card.SecSources.Title()} {
		i := strings.Index(md, sec)
		if i < 0 {
			t.Errorf("Markdown lacks section %q", sec)
			continue
		}
		if i < last {
			t.Errorf("section %q is out of order", sec)
		}
		last = i
	}
}

func TestExportToFileIsAtomicAndNeverOverwritesWithoutForce(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "twilio.md")
	if r := vendex(t, db, "", "export", "twilio", "-o", out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	first, _ := os.ReadFile(out)
	if !bytes.HasPrefix(first, []byte("# Twilio")) {
		t.Fatalf("file holds %q", first[:min(40, len(first))])
	}
	os.WriteFile(out, []byte("my notes"), 0o644)
	r := vendex(t, db, "", "export", "twilio", "-o", out)
	if r.code != 1 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("existing file: exit %d, stderr %q", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "my notes" {
		t.Error("an existing file was overwritten without --force")
	}
	if r := vendex(t, db, "", "export", "twilio", "-o", out, "--force"); r.code != 0 {
		t.Errorf("--force: exit %d %s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, first) {
		t.Error("--force did not write the card")
	}
	if r := vendex(t, db, "", "export", "twilio", "-o", filepath.Join(dir, "missing", "x.md")); r.code != 1 {
		t.Errorf("unwritable path: exit %d", r.code)
	}
	if r := vendex(t, db, "", "export", "twilio", "--format", "pdf"); r.code != 2 || !strings.Contains(r.stderr, "md, json or txt") {
		t.Errorf("bad format: exit %d %q", r.code, r.stderr)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

func TestCookieHonoursPatterns(t *testing.T) {
	db := tempDB(t)
	s, err := store.OpenCatalogue(db, false)
	if err != nil {
		t.Fatal(err)
	}
	mine := data.Vendor{ID: "acme-replay", Name: "Acme Replay", Category: data.Analytics, Summary: "s", SetsCookies: data.Yes,
		Storage: []data.StorageItem{{Kind: data.Cookie, Name: "_acmeSession_*", Lifetime: data.Lifetime{Seconds: 1800}, Purpose: "Holds the session."}}}
	if err := s.PutLayer(store.LayerInfo{Name: "user:test", Kind: store.KindUser, File: "test"}, []data.Vendor{mine}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	r := vendex(t, db, "", "cookie", "_acmeSession_123")
	if r.code != 0 || !strings.Contains(r.stdout, "Acme Replay") || !strings.Contains(r.stdout, "30 minutes") || !strings.Contains(r.stdout, "Holds the session.") {
		t.Errorf("pattern cookie: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := vendex(t, db, "", "cookie", "no_such_cookie_xyz"); r.code != 1 || !strings.Contains(r.stderr, "no_such_cookie_xyz") {
		t.Errorf("unknown cookie: exit %d %q", r.code, r.stderr)
	}
}

func TestStatsCountsTheCatalogue(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "stats", "--json")
	var st struct {
		Database string
		Vendors  int
		Domains  int
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatal(err)
	}
	all, _ := data.Catalogue()
	if st.Vendors != len(all) || st.Database != db || st.Domains == 0 {
		t.Errorf("stats: %+v, catalogue has %d vendors", st, len(all))
	}
	if r := vendex(t, db, "", "stats"); !strings.Contains(r.stdout, "Marketing") || !strings.Contains(r.stdout, db) {
		t.Errorf("stats text:\n%s", r.stdout)
	}
}

func TestHelpAndVersion(t *testing.T) {
	db := tempDB(t)
	if r := vendex(t, db, "", "--version"); r.code != 0 || !strings.HasPrefix(r.stdout, "vendex ") {
		t.Errorf("--version: %+v", r)
	}
	if r := vendex(t, db, "", "--help"); r.code != 0 || !strings.Contains(r.stdout, "lookup HOST|URL") {
		t.Errorf("--help: %+v", r)
	}
	for name := range commands {
		r := vendex(t, db, "", name, "--help")
		if r.code != 0 || !strings.Contains(r.stdout, "Usage: vendex "+name) || !strings.Contains(r.stdout, "Example:") {
			t.Errorf("%s --help: exit %d\n%s", name, r.code, r.stdout)
		}
	}
	if r := vendex(t, db, "", "frobnicate"); r.code != 2 || !strings.Contains(r.stderr, "frobnicate") {
		t.Errorf("unknown command: %+v", r)
	}
}

func TestBrowseRefusesWithoutATerminal(t *testing.T) {
	r := vendex(t, tempDB(t), "", "browse")
	if r.code != 1 || !strings.Contains(r.stderr, "vendex search") || !strings.Contains(r.stderr, "vendex lookup") {
		t.Errorf("browse on a pipe: %+v", r)
	}
}

func TestStoreErrorsAreOneClearMessage(t *testing.T) {
	dir := t.TempDir()
	damaged := filepath.Join(dir, "vendex.db")
	junk := bytes.Repeat([]byte("garbage!"), 4096)
	copy(junk[16:], []byte{0xed, 0xda, 0x0c, 0xed}) // bbolt's magic: a catalogue, damaged
	if err := os.WriteFile(damaged, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"--db", damaged, "lookup", "twilio.com"}, strings.NewReader(""), io.Discard, &stderr)
	if !errors.Is(err, store.ErrCorrupt) {
		t.Errorf("a damaged database: the error %v does not wrap store.ErrCorrupt", err)
	}
	// One line that names the file, says what is wrong and what to do.
	code := exitCode(err, &stderr)
	msg := stderr.String()
	if code != 1 || strings.Count(msg, "\n") != 1 || !strings.Contains(msg, damaged) ||
		!strings.Contains(msg, store.ErrCorrupt.Error()) || !strings.Contains(msg, "move it aside or delete it") {
		t.Errorf("a damaged database: exit %d, stderr %q", code, msg)
	}
	if r := vendex(t, dir, "", "lookup", "twilio.com"); r.code != 1 || !strings.Contains(r.stderr, "is a directory") {
		t.Errorf("a directory as --db: %+v", r)
	}
}

func TestCoverageReportsWeightedAndUnweighted(t *testing.T) {
	db := tempDB(t)
	in := "twilio.com 300\nmedia.twiliocdn.com 100\nunknown.example 100\n# comment\n\nother.invalid\n"
	r := vendex(t, db, in, "coverage", "--json", "-")
	var rep store.CoverageReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s%s", err, r.stdout, r.stderr)
	}
	if rep.Hosts != 4 || rep.HostsFound != 2 || rep.Occurrences != 501 {
		t.Errorf("counts: %+v", rep)
	}
	if want := 100 * 400.0 / 501; rep.Weighted < want-0.01 || rep.Weighted > want+0.01 {
		t.Errorf("weighted %.3f, want %.3f", rep.Weighted, want)
	}
	if rep.Unweighted != 50 {
		t.Errorf("unweighted %.2f, want 50", rep.Unweighted)
	}
	if len(rep.Missing) != 2 || rep.Missing[0].Host != "unknown.example" {
		t.Errorf("heaviest miss first: %+v", rep.Missing)
	}
	if r := vendex(t, db, "host 12 extra\n", "coverage", "-"); r.code != 1 || !strings.Contains(r.stderr, "line 1") {
		t.Errorf("malformed line: %+v", r)
	}
	if r := vendex(t, db, `[{"domain": 5}]`, "coverage", "-"); r.code != 1 || !strings.Contains(r.stderr, "JSON") {
		t.Errorf("malformed JSON: %+v", r)
	}
	if r := vendex(t, db, `{"a": 1}`, "coverage", "-"); r.code != 1 || !strings.Contains(r.stderr, "JSON object") {
		t.Errorf("a JSON object is not a host list: %+v", r)
	}
}

func TestEmptyArgumentsAreUsageErrors(t *testing.T) {
	db := tempDB(t)
	for _, args := range [][]string{{"show", ""}, {"export", " "}, {"--db", "", "lookup", "x.com"}, {"lookup", "--db", "", "x.com"}} {
		var out, errb bytes.Buffer
		err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
		if code := exitCode(err, &errb); code != 2 {
			t.Errorf("vendex %q: exit %d (%s), want 2", args, code, errb.String())
		}
	}
	if r := vendex(t, db, "", "lookup", "-"); r.code != 2 || !strings.Contains(r.stderr, "stdin") {
		t.Errorf("lookup - with nothing on stdin: %+v", r)
	}
}

func TestExportInfersTheFormatFromTheFileName(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "twilio.json")
	if r := vendex(t, db, "", "export", "twilio", "-o", out); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	b, _ := os.ReadFile(out)
	if _, err := data.DecodeVendors(bytes.NewReader(b)); err != nil {
		t.Errorf("-o twilio.json wrote something vendex cannot import: %v", err)
	}
	// An extension that is no format export writes is refused, not
	// filled with Markdown; --format says what the user means.
	for _, name := range []string{"twilio.html", "twilio.csv"} {
		r := vendex(t, db, "", "export", "twilio", "-o", filepath.Join(dir, name))
		if _, err := os.Stat(filepath.Join(dir, name)); r.code != 2 || !strings.Contains(r.stderr, "is not a format export writes; name the file .md, .json or .txt") || err == nil {
			t.Errorf("-o %s: %+v", name, r)
		}
	}
	// --format does not make a Markdown file .html either: the name says
	// what is in the file, and the message names the file that would.
	r := vendex(t, db, "", "export", "twilio", "--format", "md", "-o", filepath.Join(dir, "twilio.html"))
	if _, err := os.Stat(filepath.Join(dir, "twilio.html")); r.code != 2 || !strings.Contains(r.stderr, `--format md writes a .md file, not .html; name it "`+filepath.Join(dir, "twilio.md")+`"`) || err == nil {
		t.Errorf("--format md -o twilio.html: %+v", r)
	}
	if r := vendex(t, db, "", "export", "twilio", "--format", "text", "-o", filepath.Join(dir, "twilio.txt")); r.code != 0 || !strings.Contains(r.stderr, "text") {
		t.Errorf("--format text -o twilio.txt: %+v", r)
	}
	if r := vendex(t, db, "", "export", "twilio", "-o", dir); r.code != 1 || !strings.Contains(r.stderr, "is a directory") {
		t.Errorf("-o DIR: %+v", r)
	}
	if r := vendex(t, db, "", "export", "twilio", "-o", dir, "--force"); r.code != 1 || !strings.Contains(r.stderr, "is a directory") {
		t.Errorf("-o DIR --force: %+v", r)
	}
	r = vendex(t, db, "", "export", "twilio", "-o", filepath.Join(dir, "no", "such", "x.md"))
	if r.code != 1 || strings.Contains(r.stderr, ".tmp") {
		t.Errorf("a missing directory should not leak the temporary file's name: %+v", r)
	}
}

func TestLookupSurvivesAnOverlongLine(t *testing.T) {
	db := tempDB(t)
	in := "twilio.com\n" + strings.Repeat("x", 10<<20) + "\nhotjar.com\n"
	r := vendex(t, db, in, "lookup", "-")
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (one bad line)", r.code)
	}
	if !strings.Contains(r.stdout, "Twilio") || !strings.Contains(r.stdout, "Hotjar") {
		t.Errorf("the good lines around an over-long one were lost:\n%.500s", r.stdout)
	}
	if len(r.stdout) > 2000 || len(r.stderr) > 2000 {
		t.Errorf("an over-long input should be shown cut short: %d bytes out, %d bytes err", len(r.stdout), len(r.stderr))
	}
}

// vendex search ranks as the browser does: a name or alias with a word
// starting with the query first, the catalogue's before imported ones.
func TestSearchPutsAStrongImportedMatchBeforeALooseOne(t *testing.T) {
	imported := data.Vendor{ID: "adara-media", Name: "ADARA MEDIA UNLIMITED",
		Provenance: []data.Provenance{{Field: "name", Source: "import:iab-gvl:ovk_vendorinfo.json"}}}
	vs := []data.Vendor{{ID: "adaptive", Name: "Adaptive Radar Analytics"}, imported, {ID: "rategain-adara", Name: "RateGain Adara"}}
	var got []string
	sc := search.NewScan("adara")
	for i := range vs {
		sc.Add(vs[i].Brief())
	}
	for _, h := range sc.Results() {
		got = append(got, h.Vendor.ID)
	}
	if strings.Join(got, " ") != "rategain-adara adara-media adaptive" {
		t.Errorf("search adara: %q", got)
	}
}

func TestVersionOfAPlainBuildNamesTheCommit(t *testing.T) {
	info := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "47b805e0123456789abcdef0123456789abcdef0"},
		{Key: "vcs.modified", Value: "true"},
	}}
	if got := buildVersion(info); got != "dev-47b805e01234+dirty" {
		t.Errorf("plain go build: %q", got)
	}
	info.Main.Version = "v1.4.0"
	if got := buildVersion(info); got != "v1.4.0" {
		t.Errorf("go install module@v1.4.0: %q", got)
	}
	if got := buildVersion(&debug.BuildInfo{}); got != "dev" {
		t.Errorf("no build information: %q", got)
	}
}

// A mistyped --db that names somebody's file (the README) is not a
// damaged catalogue: the message says it is not a vendex database, never
// advises deleting it, and neither a reader nor a writer leaves a lock
// file beside it or changes it.
func TestAFileThatIsNotADatabaseIsNotCalledDamaged(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "README.md")
	if err := os.WriteFile(db, readme, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"lookup", "hotjar.com"}, {"import", filepath.Join("..", "..", "testdata", "import", "ghostery.json")}} {
		r := vendex(t, db, "", args...)
		if r.code != 1 || !strings.Contains(r.stderr, db+": not a vendex database") || strings.Contains(r.stderr, "delete") || strings.Contains(r.stderr, "damaged") {
			t.Errorf("%s: exit %d, stderr %q", args[0], r.code, r.stderr)
		}
		if _, err := os.Stat(db + ".lock"); err == nil {
			t.Errorf("%s left %s.lock beside a file it never opened as its own", args[0], filepath.Base(db))
		}
		if now, _ := os.ReadFile(db); !bytes.Equal(now, readme) {
			t.Errorf("%s changed the file", args[0])
		}
	}
}

// A file shape coverage does not read (Tracker Radar's domain index CSV)
// gets one message saying so and naming the shapes it reads, not a
// complaint about a count on line 3.
func TestCoverageNamesTheShapesItReads(t *testing.T) {
	csv := "domain,owner,displayName,categories,regions,max_prevalence,prevalence_GB,prevalence_US,fingerprinting_max,cookies_max,sites_max,storage_permission_apis_seen\n" +
		".org,,,,US,2.05e-05,,2.05e-05,0,0.0,3,\n" +
		"02d917pe-firstalert-prod-slotb.vercel.app,,,,US,1.37e-05,,1.37e-05,2,1.37e-05,2,Document.cookie getter|Document.cookie setter|window.localStorage\n"
	r := vendex(t, tempDB(t), csv, "coverage", "-")
	msg := strings.TrimSpace(r.stderr)
	if r.code != 1 || strings.Contains(msg, "\n") || !strings.Contains(msg, "line 1 is not a host") || !strings.Contains(msg, "CSV") ||
		!strings.Contains(msg, "Tracker Radar domain records") || !strings.Contains(msg, `"totalOccurrences"`) || !strings.Contains(msg, `lines of "host" or "host count"`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}
