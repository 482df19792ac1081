package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixturePath(name string) string { return filepath.Join("..", "..", "testdata", "import", name) }

func TestImportAddsVendorsThatLookupThenFinds(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "import", fixturePath("third-party-web.json"))
	if r.code != 0 || !strings.Contains(r.stdout, "imported 3 records") || !strings.Contains(r.stdout, "Contoso Ads (contoso-ads)") {
		t.Fatalf("import: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "lookup", "cdn.contoso-ads.example")
	if r.code != 0 || !strings.Contains(r.stdout, "Contoso Ads (contoso-ads)") {
		t.Errorf("lookup: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "import", fixturePath("third-party-web.json"))
	if r.code != 0 || !strings.Contains(r.stdout, "already imported") {
		t.Errorf("second import: %q", r.stdout)
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "import", "--dry-run", fixturePath("ghostery.json"))
	if r.code != 0 || !strings.Contains(r.stdout, "dry run, nothing written") || !strings.Contains(r.stdout, "Wingtip Analytics") {
		t.Fatalf("dry run: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "sources")
	if strings.Contains(r.stdout, "ghostery") {
		t.Errorf("a dry run left a source:\n%s", r.stdout)
	}
}

func TestImportRefusesAMalformedFileAndNamesTheLine(t *testing.T) {
	db, before := seededDB(t)
	// The bad file is read while the good one before it is imported.
	r := vendex(t, db, "", "import", fixturePath("ocd.csv"), fixturePath("third-party-web.json"), fixturePath("bad/ocd-columns.csv"))
	if r.code != 1 || !strings.Contains(r.stderr, "ocd-columns.csv:3: wrong number of fields; nothing was imported") {
		t.Fatalf("got %d %q", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("a refused import changed the database")
	}
	if copies, _ := filepath.Glob(filepath.Join(filepath.Dir(db), ".*.edit-*")); len(copies) > 0 {
		t.Errorf("a refused import left its private copy: %v", copies)
	}
	// The good files before it were not imported either.
	r = vendex(t, db, "", "sources")
	if strings.Contains(r.stdout, "ocd-csv") {
		t.Errorf("sources after a failed import:\n%s", r.stdout)
	}
}

func TestImportOfAnUnknownFormatNamesTheFormats(t *testing.T) {
	r := vendex(t, tempDB(t), "", "import", "cli.go")
	if r.code != 1 || !strings.Contains(r.stderr, "--format") || !strings.Contains(r.stderr, "iab-disclosure") {
		t.Errorf("got %d %q", r.code, r.stderr)
	}
	r = vendex(t, tempDB(t), "", "import", "--format", "csv", fixturePath("ocd.csv"))
	if r.code != 2 || !strings.Contains(r.stderr, "ocd-csv") {
		t.Errorf("bad --format: %d %q", r.code, r.stderr)
	}
}

func TestSourcesListsImportsAndForgetRemovesOne(t *testing.T) {
	db := tempDB(t)
	vendex(t, db, "", "import", fixturePath("ocd.csv"), fixturePath("vendex-user.json"))
	r := vendex(t, db, "", "sources")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "user:vendex:") || !strings.HasPrefix(lines[2], "embedded") || !strings.HasPrefix(lines[3], "import:ocd-csv:") {
		t.Fatalf("sources:\n%s", r.stdout)
	}
	if !strings.Contains(lines[3], "ocd.csv") {
		t.Errorf("sources should name the file: %s", lines[3])
	}
	r = vendex(t, db, "", "forget", "ocd.csv")
	// The counts and their nouns agree: one domain, two records.
	if r.code != 0 || !strings.Contains(r.stdout, "forgot import:ocd-csv:") || !strings.Contains(r.stdout, ": 2 vendor records, 1 domain, 5 storage items\n") {
		t.Fatalf("forget: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "show", "Fabrikam Pixel")
	if r.code == 0 {
		t.Errorf("Fabrikam Pixel is still there after forgetting its import")
	}
	r = vendex(t, db, "", "show", "acme widgets")
	if r.code != 0 {
		t.Errorf("the user's vendor went with it: %q", r.stderr)
	}
	r = vendex(t, db, "", "forget", "nothing-like-it")
	if r.code != 1 || !strings.Contains(r.stderr, "vendex sources") {
		t.Errorf("forget of an unknown source is a miss (exit 1) that says where to look: %d %q", r.code, r.stderr)
	}
}

func TestImportingTheSameFileAgainLeavesTheDatabaseUntouched(t *testing.T) {
	db := tempDB(t)
	file := filepath.Join("..", "..", "testdata", "import", "third-party-web.json")
	if r := vendex(t, db, "", "import", file); r.code != 0 {
		t.Fatalf("first import: %+v", r)
	}
	before, _ := os.ReadFile(db)
	r := vendex(t, db, "", "import", file)
	if r.code != 0 || !strings.Contains(r.stdout, "already imported") {
		t.Fatalf("second import: %+v", r)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("a second import of the same file rewrote the database")
	}
	if r := vendex(t, db, "", "import", "--dry-run", file); r.code != 0 {
		t.Errorf("dry run of an imported file: %+v", r)
	}
	abs, _ := filepath.Abs(file)
	if r := vendex(t, db, "", "forget", abs); r.code != 0 || !strings.Contains(r.stdout, "forgot") {
		t.Errorf("forget by the path it was imported from: %+v", r)
	}
}

// A file that holds no records (a CSV header alone, an empty list) is
// refused rather than kept as an empty source.
func TestImportOfAFileWithNoRecordsIsRefused(t *testing.T) {
	dir := t.TempDir()
	header := filepath.Join(dir, "header.csv")
	os.WriteFile(header, []byte(ocdHeader), 0o644)
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, []byte("[]"), 0o644)
	db := tempDB(t)
	for _, c := range [][]string{{header}, {"--format", "third-party-web", empty}} {
		r := vendex(t, db, "", append([]string{"import"}, c...)...)
		if r.code != 1 || !strings.Contains(r.stderr, "no vendor records") || !strings.Contains(r.stderr, "nothing was imported") {
			t.Errorf("import %v: %d %q", c, r.code, r.stderr)
		}
	}
	if r := vendex(t, db, "", "sources"); strings.Contains(r.stdout, "import:") {
		t.Errorf("an empty file left a source:\n%s", r.stdout)
	}
}

// A file's warnings come with its report, and not again when a second
// import of it changes nothing.
func TestImportWarningsAreNotRepeatedWhenNothingChanges(t *testing.T) {
	f := filepath.Join(t.TempDir(), "warn.csv")
	os.WriteFile(f, []byte(ocdHeader+
		"a1,Acme,Analytics,_a,acme.example,Keeps an id,1 day,Acme,https://acme.example/p,0\n"+
		"a2,,Analytics,_b,,No platform,1 day,,,0\n"), 0o644)
	db := tempDB(t)
	r := vendex(t, db, "", "import", f)
	if r.code != 0 || !strings.Contains(r.stderr, "warn.csv:3: skipped a row with no platform") {
		t.Fatalf("first import: %d %q", r.code, r.stderr)
	}
	r = vendex(t, db, "", "import", f)
	if r.code != 0 || !strings.Contains(r.stdout, "already imported") || r.stderr != "" {
		t.Errorf("second import: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

// Of two user files that describe one vendor, the later import wins, and
// sources lists the layers in the order they win: the winner first.
func TestSourcesListsTheLayerWhoseDataShowDisplaysFirst(t *testing.T) {
	dir := t.TempDir()
	card := func(name, summary string) string {
		f := filepath.Join(dir, name)
		os.WriteFile(f, []byte(`[{"id": "acme-widgets", "name": "Acme Widgets", "summary": "`+summary+`", "category": "functional",
		  "domains": [{"host": "acme-widgets.example"}], "sets_cookies": "no", "compliance": {},
		  "consent_required": {"value": "no", "reason": "Runs only after the visitor opens the chat."},
		  "block_before_consent": {"value": "no", "reason": "Sets nothing until used."}}]`), 0o644)
		return f
	}
	db := tempDB(t)
	for _, f := range []string{card("a.json", "The chat widget, as a.json has it."), card("b.json", "The chat widget, as b.json has it.")} {
		if r := vendex(t, db, "", "import", f); r.code != 0 {
			t.Fatalf("import %s: %+v", f, r)
		}
	}
	r := vendex(t, db, "", "show", "acme widgets")
	if r.code != 0 || !strings.Contains(r.stdout, "as b.json has it") || strings.Contains(r.stdout, "as a.json has it") {
		t.Fatalf("show should display b.json's summary:\n%s%s", r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(vendex(t, db, "", "sources").stdout), "\n")
	if len(lines) != 4 || !strings.Contains(lines[1], "b.json") || !strings.Contains(lines[2], "a.json") || !strings.HasPrefix(lines[3], "embedded") {
		t.Errorf("sources should list b.json, then a.json, then the catalogue:\n%s", strings.Join(lines, "\n"))
	}
}

func TestAnInterruptedImportLeavesTheCatalogueAsItWas(t *testing.T) {
	db, before := seededDB(t)
	// What Ctrl-C does: the command's context is cancelled mid-way.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range [][]string{
		{"import", fixturePath("third-party-web.json")},
		{"forget", "third-party-web.json"},
	} {
		var out, errb bytes.Buffer
		code := exitCode(run(ctx, append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb), &errb)
		if code != 130 || !strings.Contains(errb.String(), args[0]+" interrupted; the catalogue is as it was") {
			t.Errorf("vendex %s, interrupted: exit %d, stderr %q", args[0], code, errb.String())
		}
		after, _ := os.ReadFile(db)
		if !bytes.Equal(before, after) {
			t.Errorf("vendex %s, interrupted, changed the database", args[0])
		}
	}
	if r := vendex(t, db, "", "lookup", "cdn.contoso-ads.example"); r.code != 1 {
		t.Errorf("the interrupted import's vendor is findable: %+v", r)
	}
}

// Re-importing an updated dataset names the import it sits beside and how
// to drop it; the same content under another name says where it came from.
func TestReimportNamesTheEarlierImport(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	b, err := os.ReadFile(fixturePath("ocd.csv"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	r := vendex(t, db, "", "import", write("ocd.csv", b))
	layer := strings.Fields(strings.SplitN(r.stdout, " as ", 2)[1])[0]
	newer := append(append([]byte(nil), b...), "x9,Newcomer,Analytics,nc_id,newcomer.example,Keeps an id,1 day,Newcomer Ltd,https://newcomer.example/privacy,0\n"...)
	r = vendex(t, db, "", "import", write("ocd.csv", newer))
	if r.code != 0 || !strings.Contains(r.stdout, "note: an earlier ocd.csv was imported on") || !strings.Contains(r.stdout, "'vendex forget "+layer+"' drops it") {
		t.Errorf("updated file, layer %s:\n%s", layer, r.stdout)
	}
	r = vendex(t, db, "", "import", write("renamed.csv", b))
	if r.code != 0 || !strings.Contains(r.stdout, "renamed.csv: already imported as "+layer+" (from ocd.csv, the same content)") {
		t.Errorf("same content, new name:\n%s", r.stdout)
	}
}

// A card of a person's own file is held to the rules the shipped
// catalogue is: a placeholder where a cookie's name belongs (acme_NNN, as
// documentation writes the varying part) is refused, naming the file, the
// vendor and the field, and the database stays as it was.
func TestImportRefusesACardTheCatalogueWouldRefuse(t *testing.T) {
	db, before := seededDB(t)
	r := vendex(t, db, "", "import", "--user", fixturePath("bad/vendex-placeholder.json"))
	want := `vendex-placeholder.json: vendor "acme-analytics": storage[0].name: "acme_NNN" holds a placeholder no browser sets (NNN, XXX, <id>): write the varying part as '*'; nothing was imported`
	if r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Fatalf("got %d %q, want %q", r.code, r.stderr, want)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("a refused import changed the database")
	}
	if r := vendex(t, db, "", "lookup", "acme-widgets.example"); strings.Contains(r.stdout, "Acme Widgets") {
		t.Errorf("the file's good card was imported: %q", r.stdout)
	}
}

// Several files are each opened and told apart by format before any is
// read: a file of no known format, or one that is missing, at the end of
// the list is refused before a malformed row in the first is ever reached,
// and nothing is imported.
func TestAMultiFileImportChecksEveryFilesFormatFirst(t *testing.T) {
	db, before := seededDB(t)
	r := vendex(t, db, "", "import", fixturePath("bad/ocd-columns.csv"), fixturePath("ocd.csv"), "cli.go")
	if r.code != 1 || !strings.Contains(r.stderr, "cli.go:1: cannot tell the file's format") || strings.Contains(r.stderr, "ocd-columns.csv") ||
		!strings.Contains(r.stderr, "none of the 3 files was imported") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("a list ending in a file of no known format: exit %d, stderr %q", r.code, r.stderr)
	}
	r = vendex(t, db, "", "import", fixturePath("bad/ocd-columns.csv"), fixturePath("no-such-file.json"))
	if r.code != 1 || !strings.Contains(r.stderr, "no-such-file.json") || strings.Contains(r.stderr, "ocd-columns.csv") {
		t.Errorf("a list ending in a missing file: exit %d, stderr %q", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("a refused import changed the database")
	}
}

// A user who exports a card, weakens its verdict and imports it back is
// told so, as a category change is told, before anything is written.
func TestImportListsAVerdictTheUsersFileChanges(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "export", "--format", "json", "facebook-pixel")
	if r.code != 0 {
		t.Fatalf("export: %d %q", r.code, r.stderr)
	}
	var card map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &card); err != nil {
		t.Fatal(err)
	}
	card["block_before_consent"].(map[string]any)["value"] = "conditional"
	edited, _ := json.Marshal(card)
	file := filepath.Join(t.TempDir(), "fbp.json")
	if err := os.WriteFile(file, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	want := `facebook-pixel's verdict "block before consent" changes from yes to conditional`
	for _, args := range [][]string{{"import", "--dry-run", file}, {"import", "--dry-run", "-v", file}} {
		if r := vendex(t, db, "", args...); r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("%v: %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	// The card as exported, unedited, changes no verdict and says none.
	plain := filepath.Join(t.TempDir(), "same.json")
	if err := os.WriteFile(plain, []byte(vendex(t, db, "", "export", "--format", "json", "facebook-pixel").stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := vendex(t, db, "", "import", "--dry-run", plain); strings.Contains(r.stdout, "verdict") {
		t.Errorf("an unedited card reported a verdict change:\n%s", r.stdout)
	}
}

// A user edits an export by hand, writing what show prints: the category,
// a party and lifetimes as words are taken ("first party", "1 year"), a
// bare number that looks like days is warned about, and a new vendor with
// no category is told what it lacks.
func TestAHandWrittenCardMayUseTheWordsShowPrints(t *testing.T) {
	db, dir := tempDB(t), t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	words := write("words.json", `[{"id": "tally-ho", "name": "Tally Ho", "category": "Strictly necessary",
  "storage": [{"kind": "cookie", "name": "th_year", "lifetime": "1 year", "party": "First party", "purpose": "x"},
              {"kind": "cookie", "name": "th_months", "lifetime": "13 months", "purpose": "x"},
              {"kind": "cookie", "name": "th_days", "lifetime": 365, "purpose": "x"}]}]`)
	r := vendex(t, db, "", "import", words)
	if r.code != 0 {
		t.Fatalf("import: %d %q", r.code, r.stderr)
	}
	if want := `[0].storage[2].lifetime: 365 is read as seconds (about 6 minutes); if it is days, write "365d"`; !strings.Contains(r.stderr, want) {
		t.Errorf("no warning about a bare 365: %q", r.stderr)
	}
	if strings.Count(r.stderr, "warning") != 1 {
		t.Errorf("want one warning: %q", r.stderr)
	}
	r = vendex(t, db, "", "show", "tally-ho")
	// It lists cookies and says nothing of sets_cookies: it sets cookies.
	for _, want := range []string{"Consent category: Strictly necessary", "th_year", "first party", "1 year", "13 months", "Sets HTTP cookies: Yes"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("show lacks %q:\n%s", want, r.stdout)
		}
	}
	r = vendex(t, db, "", "import", write("nocat.json", `[{"id": "t-c", "name": "T C"}]`))
	if want := `("T C"): a vendor the catalogue does not have needs a category; add "category": one of strictly-necessary`; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("a new vendor with no category: %d %q", r.code, r.stderr)
	}
	// A card that only adds to a vendor the catalogue has needs none.
	if r := vendex(t, db, "", "import", write("owner.json", `[{"id": "hotjar", "owner": "Hotjar Ltd"}]`)); r.code != 0 {
		t.Errorf("a card adding an owner: %d %q", r.code, r.stderr)
	}
}

// The layer's name shows the start of its hash: four of its digits are
// enough to forget it, and fewer are refused with the minimum said.
func TestForgetTakesFourDigitsOfTheHashAndSaysSo(t *testing.T) {
	db := tempDB(t)
	if r := vendex(t, db, "", "import", fixturePath("third-party-web.json")); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	r := vendex(t, db, "", "sources")
	_, after, ok := strings.Cut(r.stdout, "import:third-party-web:")
	if !ok || len(after) < 4 {
		t.Fatalf("sources:\n%s", r.stdout)
	}
	// Too short a hash is a usage error (exit 2), and the layer stays.
	if r := vendex(t, db, "", "forget", after[:3]); r.code != 2 || !strings.Contains(r.stderr, "needs at least 4 hex digits") {
		t.Errorf("forget %s: %d %q", after[:3], r.code, r.stderr)
	}
	if r := vendex(t, db, "", "forget", after[:4]); r.code != 0 || !strings.Contains(r.stdout, "forgot import:third-party-web:"+after[:4]) {
		t.Errorf("forget %s: %d %q %q", after[:4], r.code, r.stdout, r.stderr)
	}
}

// A user who reads 'vendex sources' forgets a layer by what it shows:
// the kind or format column, or the layer's name up to its hash. A kind
// or format two layers share is refused naming both; a name no layer has
// lists those there are.
func TestForgetTakesTheFormatSourcesShows(t *testing.T) {
	db := tempDB(t)
	if r := vendex(t, db, "", "import", fixturePath("third-party-web.json"), fixturePath("ocd.csv"), fixturePath("ocd.json")); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	if r := vendex(t, db, "", "forget", "tracker-radar-entity"); r.code != 1 || !strings.Contains(r.stderr, "there are import:third-party-web:") {
		t.Errorf("forget of a format no layer has: %d %q", r.code, r.stderr)
	}
	if r := vendex(t, db, "", "forget", "third-party-web"); r.code != 0 || !strings.Contains(r.stdout, "forgot import:third-party-web:") {
		t.Errorf("forget third-party-web: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := vendex(t, db, "", "forget", "import:ocd-csv"); r.code != 0 || !strings.Contains(r.stdout, "forgot import:ocd-csv:") {
		t.Errorf("forget import:ocd-csv: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// Two layers of one format: the format is refused, naming both.
	other := filepath.Join(t.TempDir(), "more.json")
	b, err := os.ReadFile(fixturePath("ocd.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, append(b, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := vendex(t, db, "", "import", other); r.code != 0 {
		t.Fatalf("import of a second OCD JSON: %+v", r)
	}
	if r := vendex(t, db, "", "forget", "OCD-JSON"); r.code != 1 || strings.Count(r.stderr, "import:ocd-json:") != 2 {
		t.Errorf("forget of a format two layers share: %d %q", r.code, r.stderr)
	}
	// The KIND column names a layer too: refused while it names several,
	// taken when it names one.
	if r := vendex(t, db, "", "forget", "import"); r.code != 1 || strings.Count(r.stderr, "import:ocd-json:") != 2 {
		t.Errorf("forget import, of two imports: %d %q", r.code, r.stderr)
	}
	if r := vendex(t, db, "", "forget", "more.json"); r.code != 0 {
		t.Errorf("forget more.json: %d %q", r.code, r.stderr)
	}
	user := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(user, []byte(`[{"id":"mytest","name":"My Test","category":"analytics","summary":"A test vendor.","domains":[{"host":"mytest.example"}],"sources":[{"name":"me"}]}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := vendex(t, db, "", "import", "--user", user); r.code != 0 {
		t.Fatalf("import --user: %+v", r)
	}
	if r := vendex(t, db, "", "forget", "import"); r.code != 0 || !strings.Contains(r.stdout, "forgot import:ocd-json:") {
		t.Errorf("forget import, of one: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := vendex(t, db, "", "forget", "user"); r.code != 0 || !strings.Contains(r.stdout, "forgot user:vendex:") {
		t.Errorf("forget user: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

// seededDB is a database after its first run, and its bytes: what a
// refused import must leave as it was.
func seededDB(t *testing.T) (string, []byte) {
	t.Helper()
	db := tempDB(t)
	if r := vendex(t, db, "", "stats"); r.code != 0 {
		t.Fatalf("first run: %+v", r)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	return db, before
}

// Several files given as pipes (a shell's <(...), /dev/fd/N) are read
// once each: the formats are told as they are read, not by a check that
// would use the pipe up first ("the file is empty").
func TestSeveralPipedFilesImport(t *testing.T) {
	var paths []string
	for _, name := range []string{"ocd.csv", "ghostery.json"} {
		b, err := os.ReadFile(fixturePath(name))
		if err != nil {
			t.Fatal(err)
		}
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		paths = append(paths, fmt.Sprintf("/dev/fd/%d", r.Fd()))
		go func() {
			w.Write(b)
			w.Close()
		}()
	}
	if _, err := os.Stat(paths[0]); err != nil {
		t.Skip("no /dev/fd here:", err)
	}
	db := tempDB(t)
	r := vendex(t, db, "", append([]string{"import"}, paths...)...)
	if r.code != 0 || strings.Contains(r.stderr, "empty") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The layers say where they came from as a user would know it: a
	// pipe, not the descriptor's number.
	if src := vendex(t, db, "", "sources").stdout; strings.Count(src, " pipe ") != 2 {
		t.Errorf("sources after two piped imports:\n%s", src)
	}
}

// A TCF device storage disclosure's purpose 1 says only that its storage
// needs consent, not what for (the IAB's spec): a "web" item declaring it
// alone takes its vendor's category (Ogury's marketing), not
// "Functional"; "web" storage is said to be of a kind the disclosure does
// not name, and the import report does not call it a cookie.
func TestADisclosuresPurposeOneAloneTakesTheVendorsCategory(t *testing.T) {
	db := tempDB(t)
	f := writeFile(t, "ogury.json", `{"disclosures": [{"identifier": "ogy_web", "type": "web", "maxAgeSeconds": null, "domains": ["*.ogury.io"], "purposes": [1]}],
 "domains": [{"domain": "*.ogury.io", "use": "ads"}]}`)
	r := vendex(t, db, "", "import", "--dry-run", "-v", f)
	if r.code != 0 || !strings.Contains(r.stdout, "new cookie or storage key: ogy_web (ogury)") {
		t.Fatalf("dry run: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	vendex(t, db, "", "import", f)
	r = vendex(t, db, "", "cookie", "--json", "ogy_web")
	var a cookieAnswer
	if err := json.Unmarshal([]byte(strings.TrimSpace(r.stdout)), &a); err != nil || a.VendorID != "ogury" {
		t.Fatalf("cookie ogy_web: %v\n%s", err, r.stdout)
	}
	if a.Category != "marketing" || a.Kind != "localStorage" || !strings.Contains(a.Purpose, "Web storage of a kind the disclosure does not name") {
		t.Errorf("Ogury's web storage item reads as %+v", a)
	}
}

// A file whose name holds an escape sequence and a newline is named in the
// import's report quoted, on one line: nothing of its name reaches the
// terminal as a command or starts a line of its own.
func TestAHostileFileNameIsQuotedInTheImportReport(t *testing.T) {
	b, err := os.ReadFile(fixturePath("vendex-user.json"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "ev\x1b[31mil\nname.json")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	r := vendex(t, tempDB(t), "", "import", p)
	first, _, _ := strings.Cut(r.stdout, "\n")
	if r.code != 0 || strings.Contains(r.stdout, "\x1b") || !strings.Contains(first, `"ev\x1b[31mil\nname.json": imported`) {
		t.Errorf("exit %d, report:\n%q", r.code, r.stdout)
	}
}
