package dataset

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
)

func readFixture(t *testing.T, name string) (Format, []data.Vendor, []Warning) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := DetectFormat(name, b)
	if err != nil {
		t.Fatalf("detect %s: %v", name, err)
	}
	vs, ws, err := ReadBytes(f, name, b)
	if err != nil {
		t.Fatalf("read %s as %s: %v", name, f, err)
	}
	return f, vs, ws
}

func byName(vs []data.Vendor, name string) *data.Vendor {
	for i := range vs {
		if vs[i].Name == name {
			return &vs[i]
		}
	}
	return nil
}

func hosts(v *data.Vendor) string {
	var hs []string
	for _, d := range v.Domains {
		hs = append(hs, d.Host)
	}
	return strings.Join(hs, " ")
}

func TestEveryFixtureIsDetectedAndRead(t *testing.T) {
	want := map[string]Format{
		"vendex-user.json":               FormatVendex,
		"ocd.csv":                        FormatOCDCSV,
		"ocd.json":                       FormatOCDJSON,
		"third-party-web.json":           FormatThirdPartyWeb,
		"tracker-radar-entity.json":      FormatTREntity,
		"tracker-radar-entities.json":    FormatTREntity,
		"tracker-radar-domain.json":      FormatTRDomain,
		"tracker-radar-domains.jsonl":    FormatTRDomain,
		"tracker-radar-domain-index.csv": FormatTRDomain,
		"extension-tds.json":             FormatTDS,
		"disconnect-services.json":       FormatDisconnect,
		"disconnect-entities.json":       FormatDisconnect,
		"ghostery.json":                  FormatGhostery,
		"vendor-list.json":               FormatGVL,
		"disclosure.json":                FormatIABDisclosure,
	}
	for name, f := range want {
		got, vs, _ := readFixture(t, name)
		if got != f {
			t.Errorf("%s detected as %s, want %s", name, got, f)
		}
		if len(vs) == 0 {
			t.Errorf("%s gave no vendors", name)
		}
	}
}

func TestUnknownFormatNamesTheFormats(t *testing.T) {
	_, err := DetectFormat("notes.txt", []byte("hello\nworld\n"))
	if !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "ghostery") || !strings.Contains(err.Error(), "--format") {
		t.Fatalf("got %v, want ErrUnknownFormat naming --format and the formats", err)
	}
	if _, err := ParseFormat("nope"); err == nil || !strings.Contains(err.Error(), "ocd-csv") {
		t.Fatalf("ParseFormat(nope) = %v", err)
	}
}

func TestOpenCookieDatabaseRowsBecomeCookiesOfTheirPlatform(t *testing.T) {
	_, vs, _ := readFixture(t, "ocd.csv")
	fab := byName(vs, "Fabrikam Pixel")
	if fab == nil {
		t.Fatalf("no Fabrikam Pixel in %v", vs)
	}
	if fab.Owner != "Fabrikam Inc" || fab.PrivacyPolicy != "https://fabrikam.example/privacy" {
		t.Errorf("owner %q, privacy %q", fab.Owner, fab.PrivacyPolicy)
	}
	// Two marketing rows and one security row: marketing is the main one.
	if fab.Category != data.Marketing || len(fab.Categories) != 1 || fab.Categories[0] != data.StrictlyNecessary {
		t.Errorf("categories %q %v", fab.Category, fab.Categories)
	}
	if hosts(fab) != "fabrikam.example" {
		t.Errorf("domains %q", hosts(fab))
	}
	if len(fab.Storage) != 3 || fab.Storage[0].Lifetime.Code() != "13mo" || fab.Storage[2].Lifetime.IsZero() == false {
		t.Errorf("storage %+v", fab.Storage)
	}
	hj := byName(vs, "Hotjar")
	if hj.Storage[1].Name != "_hjSession_*" || !hj.Storage[0].Lifetime.Session {
		t.Errorf("wildcard row or session lifetime not read: %+v", hj.Storage)
	}
}

func TestOpenCookieDatabaseJSONKeepsUnknownCategoriesAsSeen(t *testing.T) {
	_, vs, _ := readFixture(t, "ocd.json")
	fab := byName(vs, "Fabrikam Pixel")
	if len(fab.SeenCategories) != 1 || fab.SeenCategories[0] != "Gizmos" {
		t.Errorf("seen categories %v, want [Gizmos]", fab.SeenCategories)
	}
	if fab.Storage[1].Name != "fbk_*" || fab.Storage[1].Lifetime.Code() != "2d" {
		t.Errorf("wildcard as number not read: %+v", fab.Storage[1])
	}
}

func TestThirdPartyWebPatternsBecomeHosts(t *testing.T) {
	_, vs, _ := readFixture(t, "third-party-web.json")
	hj := byName(vs, "Hotjar")
	if hosts(hj) != "hotjar.com hotjar.io hotjar-cdn.example" || hj.Category != data.Analytics || hj.Owner != "Contentsquare" {
		t.Errorf("hotjar: %q %q %q", hosts(hj), hj.Category, hj.Owner)
	}
	c := byName(vs, "Contoso Ads")
	if c.Category != data.Marketing || len(c.Aliases) != 1 || c.Aliases[0] != "Contoso Retarget" {
		t.Errorf("contoso: %q %v", c.Category, c.Aliases)
	}
	m := byName(vs, "Mystery Box")
	if m.Category != "" || len(m.SeenCategories) != 1 || m.SeenCategories[0] != "other" {
		t.Errorf("an unmapped category must be kept as seen: %q %v", m.Category, m.SeenCategories)
	}
}

func TestTrackerRadarEntitiesAndDomains(t *testing.T) {
	_, vs, _ := readFixture(t, "tracker-radar-entity.json")
	if vs[0].Name != "Contoso Ads" || vs[0].Aliases[0] != "Contoso Advertising Ltd." || hosts(&vs[0]) != "contoso-ads.example contoso-shop.example" {
		t.Errorf("entity: %+v", vs[0])
	}
	_, vs, _ = readFixture(t, "tracker-radar-domains.jsonl")
	nw := byName(vs, "Northwind")
	if nw == nil || hosts(nw) != "nwtrack.example" || nw.Category != data.Analytics || nw.SeenCategories[0] != "Obscure Ownership" {
		t.Fatalf("northwind: %+v", nw)
	}
	if len(nw.Storage) != 2 || nw.Storage[0].Name != "_nw_id" || nw.Storage[0].Lifetime.Code() != "1y" || nw.Storage[0].Party != data.FirstParty {
		t.Errorf("first-party cookies: %+v", nw.Storage)
	}
	if o := byName(vs, "orphan-tracker.example"); o == nil {
		t.Errorf("a domain with no owner should be a vendor named after it")
	}
	_, vs, _ = readFixture(t, "tracker-radar-domain-index.csv")
	if nw := byName(vs, "Northwind"); nw == nil || nw.Category != data.Analytics || nw.Aliases[0] != "Northwind Traders, Inc." {
		t.Errorf("domain index: %+v", vs)
	}
	if u := byName(vs, "unowned-pixel.example"); u == nil || u.Category != data.Marketing {
		t.Errorf("domain index, no owner: %+v", u)
	}
	_, vs, _ = readFixture(t, "tracker-radar-domain.json")
	if len(vs) != 1 || vs[0].Category != data.Analytics {
		t.Errorf("one pretty-printed domain file: %+v", vs)
	}
}

func TestTrackerBlocklistEntitiesTakeTheirTrackersCategories(t *testing.T) {
	_, vs, _ := readFixture(t, "extension-tds.json")
	c := byName(vs, "Contoso Ads")
	if c == nil || hosts(c) != "contoso-ads.example contoso-pixel.example" || c.Category != data.Marketing {
		t.Fatalf("contoso: %+v", c)
	}
	if l := byName(vs, "lonely.example"); l == nil || l.Category != data.Analytics {
		t.Errorf("ownerless tracker: %+v", l)
	}
}

func TestDisconnectServicesAndEntities(t *testing.T) {
	_, vs, _ := readFixture(t, "disconnect-services.json")
	ts := byName(vs, "Tailspin")
	if ts.Category != data.Analytics || ts.Website != "https://tailspin.example/" || hosts(ts) != "tailspin.example tailspin-mine.example" {
		t.Errorf("tailspin: %q %q %q", ts.Category, ts.Website, hosts(ts))
	}
	if len(ts.SeenCategories) != 1 || ts.SeenCategories[0] != "Cryptomining" {
		t.Errorf("seen %v", ts.SeenCategories)
	}
	_, vs, _ = readFixture(t, "disconnect-entities.json")
	if hosts(&vs[0]) != "tailspin.example tailspin-cdn.example" {
		t.Errorf("entities.json: %q", hosts(&vs[0]))
	}
}

func TestGhosteryPatternsAreVendorsOwnedByTheirOrganisation(t *testing.T) {
	_, vs, _ := readFixture(t, "ghostery.json")
	w := byName(vs, "Wingtip Analytics")
	if w == nil || w.Owner != "Wingtip Toys" || w.Category != data.Analytics || hosts(w) != "wingtip-stats.example wt-collect.example" || w.PrivacyPolicy != "https://wingtip.example/privacy" {
		t.Fatalf("wingtip: %+v", w)
	}
	if e := byName(vs, "Wingtip Extension"); e == nil || e.SeenCategories[0] != "extensions" {
		t.Errorf("extension: %+v", e)
	}
}

func TestGlobalVendorListMapsPurposesAndSkipsDeletedVendors(t *testing.T) {
	_, vs, ws := readFixture(t, "vendor-list.json")
	if len(vs) != 2 || byName(vs, "Gone Media") != nil {
		t.Fatalf("vendors %v", vs)
	}
	if len(ws) != 1 || !strings.Contains(ws[0].String(), "deleted") {
		t.Errorf("warnings %v", ws)
	}
	f := byName(vs, "Fabrikam Pixel")
	if f.Category != data.Marketing || f.SetsCookies != data.Yes || f.PrivacyPolicy != "https://fabrikam.example/privacy" {
		t.Errorf("fabrikam: %+v", f)
	}
	if len(f.Sources) != 1 || !strings.Contains(f.Sources[0].Note, "cookies live up to") || f.Sources[0].Name != "IAB TCF vendor 7" {
		t.Errorf("sources %+v", f.Sources)
	}
	if a := byName(vs, "Adatum Measurement"); a.Category != data.Analytics || a.SetsCookies != data.No {
		t.Errorf("adatum: %q %q", a.Category, a.SetsCookies)
	}
}

func TestDeviceStorageDisclosure(t *testing.T) {
	_, vs, ws := readFixture(t, "disclosure.json")
	v := vs[0]
	if v.Name != "fabrikam.example" || hosts(&v) != "fabrikam.example" {
		t.Errorf("vendor %q %q", v.Name, hosts(&v))
	}
	if len(v.Storage) != 2 || v.Storage[0].Kind != data.Cookie || v.Storage[0].Category != data.Marketing || v.Storage[1].Kind != data.LocalStorage {
		t.Errorf("storage %+v", v.Storage)
	}
	if !strings.Contains(v.Storage[0].Purpose, "personalised advertising") {
		t.Errorf("purpose %q", v.Storage[0].Purpose)
	}
	if len(ws) != 1 || !strings.Contains(ws[0].Message, "app storage") {
		t.Errorf("warnings %v", ws)
	}
}

func TestVendexJSONIsReadStrictly(t *testing.T) {
	_, vs, _ := readFixture(t, "vendex-user.json")
	if len(vs) != 2 || vs[0].ID != "hotjar" || vs[0].Category != data.Marketing {
		t.Fatalf("%+v", vs)
	}
	_, _, err := ReadBytes(FormatVendex, "typo.json", []byte(`{"id": "x", "catgory": "analytics"}`))
	if err == nil || !strings.Contains(err.Error(), "catgory") {
		t.Errorf("unknown field: %v", err)
	}
	_, _, err = ReadBytes(FormatVendex, "cat.json", []byte(`[{"id": "x"}, {"id": "y", "category": "tracking"}]`))
	if err == nil || !strings.Contains(err.Error(), "cat.json: [1].category") {
		t.Errorf("bad category: %v", err)
	}
}

func TestMalformedFilesAreReportedWithTheirPlace(t *testing.T) {
	cases := []struct {
		file string
		want string
	}{
		{"third-party-web-syntax.json", "third-party-web-syntax.json:4: "},
		{"ocd-columns.csv", "ocd-columns.csv:3: wrong number of fields"},
		{"gvl-type.json", `gvl-type.json:4: vendors["7"].cookieMaxAgeSeconds: want a number, got JSON string`},
		{"third-party-web-escape.json", "third-party-web-escape.json:2: text holds a terminal escape sequence"},
		{"ocd-escape.csv", `ocd-escape.csv:2: column "Platform": text holds a terminal escape sequence`},
	}
	for _, c := range cases {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "import", "bad", c.file))
		if err != nil {
			t.Fatal(err)
		}
		f, err := DetectFormat(c.file, b)
		if err != nil {
			t.Fatalf("detect %s: %v", c.file, err)
		}
		_, _, err = ReadBytes(f, c.file, b)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.file, err, c.want)
		}
		// Every reader says where in one type, so a caller can point at the place.
		var le *data.LocationError
		if !errors.As(err, &le) || le.File != c.file || le.Line == 0 {
			t.Errorf("%s: %#v is not a *data.LocationError with the file and a line", c.file, err)
		}
	}
}

// A vendex JSON file's mistakes are placed on their line, in the same
// form as every other format's, and in words rather than Go's types.
func TestVendexJSONMistakesAreReportedOnTheirLine(t *testing.T) {
	for body, want := range map[string]string{
		"{\n  \"id\": \"acme\",\n  \"bogus\": 1,\n  \"name\": \"Acme\"\n}\n":        `mine.json:3: unknown field "bogus"`,
		"[{\"id\": \"acme\"},\n {\"id\": \"beta\",\n  \"name\": 7}]\n":              `mine.json:3: [1].name: want a string, got JSON number`,
		"{\"id\": \"acme\", \"name\": \"bogus\",\n \"domains\": {\"host\": \"x\"}}": `mine.json:2: domains: want a list, got JSON object`,
		// The mistake a new user makes first: a domain is an object, and
		// the message says where to see one.
		"[{\"id\": \"acme\", \"name\": \"Acme\",\n  \"domains\": [\"acme.example\"]}]": `mine.json:2: [0].domains: want an object, got JSON string (vendex export --format json VENDOR shows`,
	} {
		_, _, err := ReadBytes(FormatVendex, "mine.json", []byte(body))
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "Go ") {
			t.Errorf("%q: got %v, want %q", body, err, want)
		}
	}
}

func TestATenMegabyteFieldIsRefused(t *testing.T) {
	big := strings.Repeat("a", 10<<20)
	_, _, err := ReadBytes(FormatThirdPartyWeb, "big.json", []byte(`[{"name": "x",`+"\n"+`"category": "`+big+`"}]`))
	if !errors.Is(err, ErrFieldTooLong) || !strings.Contains(err.Error(), "big.json:2:") {
		t.Errorf("got %v", err)
	}
	csv := "ID,Platform,Category,Cookie / Data Key name\n1,P,Marketing," + big + "\n"
	_, _, err = ReadBytes(FormatOCDCSV, "big.csv", []byte(csv))
	if !errors.Is(err, ErrFieldTooLong) || !strings.Contains(err.Error(), "big.csv:2:") {
		t.Errorf("got %v", err)
	}
}

func TestStrayControlCharactersAreStripped(t *testing.T) {
	vs, _, err := ReadBytes(FormatThirdPartyWeb, "x.json", []byte(`[{"name": "Odd\u009eName\tCo", "category": "ad", "domains": []}]`))
	if err != nil {
		t.Fatal(err)
	}
	if vs[0].Name != "OddName Co" {
		t.Errorf("name %q", vs[0].Name)
	}
}

// The public datasets, when present, are each read without error.
func TestPublicDatasetsRead(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "datasets")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("public datasets not found at %s: %v", dir, err)
	}
	files := map[string]Format{
		"open-cookie-database/open-cookie-database.csv":  FormatOCDCSV,
		"open-cookie-database/open-cookie-database.json": FormatOCDJSON,
		"third-party-web/entities.json":                  FormatThirdPartyWeb,
		"tracker-radar/entities.json":                    FormatTREntity,
		"tracker-radar/domains-GB.jsonl":                 FormatTRDomain,
		"tracker-radar/domain-index-all-regions.csv":     FormatTRDomain,
		"ddg-tds/extension-tds.json":                     FormatTDS,
		"disconnect/services.json":                       FormatDisconnect,
		"disconnect/entities.json":                       FormatDisconnect,
		"ghostery-trackerdb/trackerdb.json":              FormatGhostery,
		"iab-tcf-gvl/vendor-list-v3-45.json":             FormatGVL,
	}
	for name, want := range files {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		head := b
		if len(head) > 64<<10 {
			head = head[:64<<10]
		}
		f, err := DetectFormat(name, head)
		if err != nil || f != want {
			t.Errorf("%s: detected %q (%v), want %s", name, f, err, want)
			continue
		}
		vs, _, err := ReadBytes(f, name, b)
		if err != nil || len(vs) < 100 {
			t.Errorf("%s: %d vendors, %v", name, len(vs), err)
		}
	}
}

// The hand-written fast paths of the per-row readers agree with the general
// code they stand in for.
func TestFastPathsAgreeWithTheGeneralCode(t *testing.T) {
	// The general path, taken for any name with a byte over 0x7f: "\u00a0"
	// is a no-break space, which folds like a space.
	slowName := func(s string) string { return data.NormalizeName(s + "\u00a0") }
	for _, n := range []string{"", " ", "Google Analytics", "google  analytics", " google-analytics.", "a\nb", "\n-a_b/c\t", "x", "Ünïcode Name", "A-B", "a b ", "ab  ", "Criteo SA", "PubMatic, Inc.", "S.p.A. Italia S.p.A.", "AT&T", "Google+", "t.co", "x(y)z"} {
		if got, want := data.NormalizeName(n), slowName(n); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", n, got, want)
		}
	}
	for _, h := range []string{"Example.COM", "example.com.", "a_b.example", "-a.example", "a-.example", "ab--cd.example", "xn--bcher-kva.example", "1.2.3.4", "01.2.3.4", "a..b", "r3---sn-x.example", strings.Repeat("a", 64) + ".com", "a.b-c.d_e.f9"} {
		want, werr := data.NormalizeHost(h)
		if got, ok := plainHost(h); ok && (werr != nil || got != want) {
			t.Errorf("plainHost(%q) = %q, NormalizeHost gives %q, %v", h, got, want, werr)
		}
	}
}

// Vendors come out of the collector in the order first seen, whether they
// fit its first slab or take several, with or without a size hint.
func TestCollectorKeepsOrderAcrossSlabs(t *testing.T) {
	for _, hint := range []int{0, 20000, 100000} {
		c := newCollector()
		if hint > 0 {
			c.reserve(hint)
		}
		for i := range 20000 {
			v := c.get(fmt.Sprintf("p%d", i), fmt.Sprintf("P%d", i))
			v.Owner = "o"
			c.get(fmt.Sprintf("p%d", i/2), "again") // seen before: the same record
		}
		vs := flatten(c.chunks())
		if len(vs) != 20000 {
			t.Fatalf("hint %d: %d vendors", hint, len(vs))
		}
		for i, v := range vs {
			if want := fmt.Sprintf("P%d", i); v.Name != want || v.Owner != "o" {
				t.Fatalf("hint %d: vendor %d is %q (owner %q), want %q", hint, i, v.Name, v.Owner, want)
			}
		}
	}
}

// A CSV file with none of the characters that start an escape sequence
// skips the field-by-field scan; one with any of them gets it.
func TestNoEscapesFindsEveryEscapeIntroducer(t *testing.T) {
	for s, want := range map[string]bool{
		"plain,csv\n": true, "caf\u00e9 \u00a9 \u00a0nbsp": true, "ends with \xc2": true, "": true,
		"esc \x1b[31m": false, "csi \u009b31m": false, "osc \u009d0;t": false, "dcs \u0090x": false,
	} {
		if got := noEscapes([]byte(s)); got != want {
			t.Errorf("noEscapes(%q) = %v, want %v", s, got, want)
		}
	}
}

// A large OCD CSV is read in chunks, two at once; the records, warnings
// and errors are exactly those of one pass, whatever straddles a cut:
// a platform with rows on both sides, quoted fields holding newlines and
// quotes, rows skipped with a warning, a malformed row on either side.
func TestOCDCSVReadInChunksIsOnePass(t *testing.T) {
	const header = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n"
	var rows []string
	cats := []string{"Marketing", "Analytics", "Functional", "Mystery", "Security"}
	for i := range 12000 {
		p := i % 997 // every platform has rows all through the file
		owner := ""
		if i > 6000 {
			owner = fmt.Sprintf("Owner %d", p)
		}
		desc := fmt.Sprintf("\"Keeps \"\"visitor\"\" %d,\nacross lines\"", i)
		platform := fmt.Sprintf("Platform %d", p)
		if i%501 == 0 {
			platform = "" // skipped, with a warning
		}
		if i > 9000 && i%7 == 0 {
			platform = fmt.Sprintf("Late %d", i%50) // only in the second half
		}
		rows = append(rows, fmt.Sprintf("id-%d,%s,%s,c_%d,t%d.example,%s,%d days,%s,https://o%d.example/p,%d\n", i, platform, cats[i%len(cats)], i%3000, p%50, desc, i%400, owner, p, i%2))
	}
	file := header + strings.Join(rows, "")
	read := func(f string, split bool) ([]data.Vendor, []Warning, error) {
		defer func(n int) { csvChunk = n }(csvChunk)
		if !split {
			csvChunk = len(f) + 1 // one chunk
		} else {
			csvChunk = 4096
		}
		return ReadBytes(FormatOCDCSV, "x.csv", []byte(f))
	}
	if len(file) < 100*4096 {
		t.Fatal("the file is not read in many chunks")
	}
	one, oneW, err1 := read(file, false)
	two, twoW, err2 := read(file, true)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if len(one) != 997+50 || len(oneW) == 0 {
		t.Fatalf("one pass: %d vendors, %d warnings", len(one), len(oneW))
	}
	if !reflect.DeepEqual(one, two) {
		t.Error("the vendors differ between one pass and chunks")
	}
	if !reflect.DeepEqual(oneW, twoW) {
		t.Errorf("the warnings differ:\n%v\n%v", oneW, twoW)
	}
	// A malformed row early, and late, is reported at the same line.
	for _, at := range []int{100, len(rows) - 50} {
		bad := header + strings.Join(rows[:at], "") + "x,Bad,Marketing,c,t.example,d,1 day,o,https://o.example,7\n" + strings.Join(rows[at:], "")
		_, _, e1 := read(bad, false)
		_, _, e2 := read(bad, true)
		if e1 == nil || e2 == nil || e1.Error() != e2.Error() {
			t.Errorf("bad row at %d: one pass %v, in chunks %v", at, e1, e2)
		}
	}
}

// A JSON file cut short is reported as broken, with its line, not as a
// file of unknown format.
func TestDetectFormatSaysBrokenJSONIsBroken(t *testing.T) {
	_, err := DetectFormat("cut.json", []byte("[{\"name\": \"Acme\",\n  \"domains\": [\"acme.example\"]},\n {\"name\": \"Be"))
	if err == nil || !strings.Contains(err.Error(), "cut.json:3: not valid JSON") {
		t.Errorf("got %v", err)
	}
}

// Text that is not UTF-8 (a Latin-1 file) is read, with a warning at the
// line of its first such byte.
func TestANonUTF8FileIsReadWithAWarning(t *testing.T) {
	csv := "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n" +
		"a1,Acme,Analytics,_a,acme.example,Plain,1 day,Acme,https://acme.example/p,0\n" +
		"a2,Caf\xe9 Cr\xe8me,Analytics,_c,cafe.example,Latin-1,1 day,Caf\xe9,https://cafe.example/p,0\n"
	vs, ws, err := ReadBytes(FormatOCDCSV, "latin1.csv", []byte(csv))
	if err != nil || len(vs) != 2 {
		t.Fatalf("%v %v", vs, err)
	}
	if len(ws) != 1 || ws[0].Line != 3 || !strings.Contains(ws[0].String(), "not all UTF-8") {
		t.Errorf("warnings %v", ws)
	}
}

// The Open Cookie Database JSON's warnings and errors name the row by a
// JSON path jq follows ('.["Google Analytics"][0]'), as every other
// format's: a plain word bare, any other key in brackets ("" printed ""[0]).
func TestOCDJSONNamesTheRow(t *testing.T) {
	_, ws, err := ReadBytes(FormatOCDJSON, "ocd.json", []byte(`{"Acme": [{"cookie": "_a", "category": "Analytics"}, {"cookie": "", "category": "Analytics"}], "": [{"cookie": "_b", "category": "Analytics"}]}`))
	var got []string
	for _, w := range ws {
		got = append(got, w.String())
	}
	want := []string{`ocd.json: [""][0]: skipped a row with no platform or no cookie name`, `ocd.json: Acme[1]: skipped a row with no platform or no cookie name`}
	if err != nil || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s\n(%v)", strings.Join(got, "\n"), strings.Join(want, "\n"), err)
	}
	_, _, err = ReadBytes(FormatOCDJSON, "ocd.json", []byte(`{"Google Analytics": [{"cookie": "_a", "wildcardMatch": 5}]}`))
	if err == nil || !strings.Contains(err.Error(), `ocd.json: ["Google Analytics"][0].wildcardMatch: want 0 or 1, got 5`) {
		t.Errorf("wildcardMatch 5: %v", err)
	}
	_, _, err = ReadBytes(FormatOCDJSON, "ocd.json", []byte(`{"Acme": [{"cookie": 5}]}`))
	if err == nil || !strings.Contains(err.Error(), `Acme[0].cookie`) {
		t.Errorf("a number for a cookie name: %v", err)
	}
}

// A file cut short is said to be cut short, at its last line; an empty
// one, empty.
func TestCutShortAndEmptyJSONFilesSaySo(t *testing.T) {
	card := "{\n  \"id\": \"acme\",\n  \"name\": \"Acme\",\n  \"summary\": \"Ac"
	for _, f := range []Format{FormatVendex, FormatThirdPartyWeb} {
		_, _, err := ReadBytes(f, "cut.json", []byte(card))
		if err == nil || !strings.Contains(err.Error(), "cut.json:4: the file ends in the middle of a JSON value") {
			t.Errorf("%s: %v", f, err)
		}
	}
	_, _, err := ReadBytes(FormatVendex, "blank.json", []byte("  \n"))
	if err == nil || !strings.Contains(err.Error(), "the file is empty") {
		t.Errorf("blank: %v", err)
	}
}

func TestEveryReaderDropsBidiControlsBeforeTheStore(t *testing.T) {
	in := `[{"id":"bidi","name":"Bidi` + "\u202e" + `Co","aliases":["a` + "\u2066" + `b"],"summary":"x` + "\u200e" + `y` + "\u061c" + `","category":"analytics","domains":[{"host":"bidi.example","note":"n` + "\u202a" + `"}]}]`
	vs, _, err := ReadBytes(FormatVendex, "bidi.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	b := fmt.Sprintf("%+v", vs)
	if strings.ContainsAny(b, "\u202e\u2066\u200e\u061c\u202a") {
		t.Errorf("a bidi control reached the records: %s", b)
	}
}

func TestAVendexFileWithMoreAfterItsCardIsRefusedAtThatLine(t *testing.T) {
	card := `{"id":"a","name":"A","category":"analytics","summary":"s"}`
	for name, in := range map[string]string{
		"a second card":  card + "\n" + card + "\n",
		"half an object": "[" + card + "]\n\n{\"id\":",
		"a stray word":   card + "\nthanks\n",
	} {
		_, _, err := ReadBytes(FormatVendex, "v.json", []byte(in))
		var le *data.LocationError
		if !errors.As(err, &le) || le.Line < 2 {
			t.Errorf("%s: %v; want a refusal naming the line after the card", name, err)
		}
	}
}

// A dataset that writes a cookie's varying part with a placeholder (the
// Open Cookie Database's "pm_sess_NNN", after Google's cookie page) gives
// the pattern it stands for, with a warning; the same in a person's own
// vendex file is refused, as the catalogue refuses it.
func TestAPlaceholderFromADatasetBecomesAPattern(t *testing.T) {
	csv := "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n" +
		"1,Fabrikam Ads,Marketing,fab_sess_NNN,fabrikam.example,Holds the session.,Session,Fabrikam,,0\n" +
		"2,Fabrikam Ads,Marketing,fab_sess_*,fabrikam.example,Holds the session.,Session,Fabrikam,,1\n"
	vs, warns, err := ReadBytes(FormatOCDCSV, "ocd.csv", []byte(csv))
	if err != nil || len(vs) != 1 || len(vs[0].Storage) != 1 || vs[0].Storage[0].Name != "fab_sess_*" {
		t.Fatalf("%+v, %v", vs, err)
	}
	if len(warns) != 1 || !strings.Contains(warns[0].String(), `ocd.csv: vendor "Fabrikam Ads": the storage name "fab_sess_NNN" is written as the pattern "fab_sess_*"`) {
		t.Errorf("warnings %v", warns)
	}
	_, _, err = ReadBytes(FormatVendex, "mine.json", []byte(`{"id": "fab", "name": "Fab", "storage": [{"kind": "cookie", "name": "fab_sess_NNN"}]}`))
	if err == nil || !strings.HasPrefix(err.Error(), `mine.json: vendor "fab": storage[0].name: "fab_sess_NNN" holds a placeholder`) {
		t.Errorf("own file: %v", err)
	}
}
