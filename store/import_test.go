package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/dataset"
	bolt "go.etcd.io/bbolt"
)

// importFixture reads testdata/import/name and imports it the way the CLI
// does: detect, read, import (a user layer for vendex JSON).
func importFixture(t *testing.T, s *Store, name string, dryRun bool) (ImportReport, error) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	return importBytes(s, name, b, dryRun)
}

func importBytes(s *Store, name string, b []byte, dryRun bool) (ImportReport, error) {
	return importFile(s, name, b, ImportOptions{DryRun: dryRun})
}

// importFile imports b, the file name holds, as vendex import does: its
// format detected, its records read, the options it implies filled into
// o (which gives DryRun and Now). Every test import goes through it.
func importFile(s *Store, name string, b []byte, o ImportOptions) (ImportReport, error) {
	vs, err := fileRecords(name, b, &o)
	if err != nil {
		return ImportReport{}, err
	}
	return s.Import(RecordsOf(vs), o)
}

// fileRecords reads the records of b, the file name holds, and fills in
// the options their import takes from the file.
func fileRecords(name string, b []byte, o *ImportOptions) ([]data.Vendor, error) {
	f, err := dataset.DetectFormat(name, b)
	if err != nil {
		return nil, err
	}
	chunks, _, err := dataset.ReadBytesChunks(f, name, b)
	if err != nil {
		return nil, err
	}
	vs := slices.Concat(chunks...)
	sum := sha256.Sum256(b)
	o.Format, o.File, o.Hash = string(f), filepath.Base(name), hex.EncodeToString(sum[:])
	o.User, o.ObservedCookies = f == dataset.FormatVendex, f.ObservesCookies()
	return vs, nil
}

func mustImport(t *testing.T, s *Store, name string) ImportReport {
	t.Helper()
	rep, err := importFixture(t, s, name, false)
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return rep
}

// snapshot is every bucket's every key and value: two equal snapshots mean
// the store holds exactly the same records and indexes.
// logFirstDifference logs the first line where two snapshots differ,
// cut to 400 bytes each, for a test about to fail on them.
func logFirstDifference(t *testing.T, a, b string) {
	t.Helper()
	as, bs := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(as), len(bs)) {
		if as[i] != bs[i] {
			t.Logf("line %d:\n%.400s\n%.400s", i, as[i], bs[i])
			return
		}
	}
}

func snapshot(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	err := s.view(func(tx *bolt.Tx) error {
		var walk func(prefix string, bk *bolt.Bucket) error
		walk = func(prefix string, bk *bolt.Bucket) error {
			return bk.ForEach(func(k, v []byte) error {
				if v == nil {
					return walk(prefix+string(k)+"/", bk.Bucket(k))
				}
				b.WriteString(prefix + string(k) + "=" + string(v) + "\n")
				return nil
			})
		}
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error { return walk(string(name)+"/", bk) })
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func vendorsJSON(t *testing.T, s *Store) string {
	t.Helper()
	vs, err := s.All()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(vs)
	return string(b)
}

func hasHostIn(v data.Vendor, h string) bool { return data.HasDomain(v.Domains, h) }

func TestEveryFormatImportsIntoTheCatalogue(t *testing.T) {
	for _, name := range []string{
		"vendex-user.json", "ocd.csv", "ocd.json", "third-party-web.json", "tracker-radar-entity.json",
		"tracker-radar-entities.json", "tracker-radar-domain.json", "tracker-radar-domains.jsonl", "tracker-radar-domain-index.csv",
		"extension-tds.json", "disconnect-services.json", "disconnect-entities.json", "ghostery.json",
		"vendor-list.json", "disclosure.json",
	} {
		t.Run(name, func(t *testing.T) {
			s := openSeeded(t)
			before := s.Count()
			rep := mustImport(t, s, name)
			if rep.Layer.Vendors == 0 {
				t.Fatalf("nothing imported: %+v", rep)
			}
			if s.Count() != before+len(rep.NewVendors) {
				t.Errorf("count %d, want %d + %d new", s.Count(), before, len(rep.NewVendors))
			}
			ls, _ := s.Layers()
			if len(ls) != 2 || ls[1].Name != rep.Layer.Name && ls[0].Name != rep.Layer.Name {
				t.Errorf("layers %+v", ls)
			}
		})
	}
}

func TestImportedRecordsJoinTheSameVendor(t *testing.T) {
	s := openSeeded(t)
	// By name: the Open Cookie Database's "Hotjar" platform is our hotjar.
	rep := mustImport(t, s, "ocd.csv")
	if rep.Joined["name"] != 1 || len(rep.NewVendors) != 1 {
		t.Fatalf("ocd.csv: %+v", rep)
	}
	hj, _ := s.Get("hotjar")
	// _hjSession_ (a wildcard row) is the catalogue's _hjSession_* already.
	if len(hj.Storage) != 4 || hj.Storage[3].Name != "_hjRecordingEnabled" {
		t.Errorf("hotjar storage %+v", hj.Storage)
	}
	// The facts the catalogue has stand: its summary, category, cookies.
	if hj.Summary != "Hotjar summary." || hj.Category != data.Analytics || hj.Storage[0].Purpose != "Holds the current session." {
		t.Errorf("curated facts overwritten: %+v", hj)
	}
	// By domain: the disclosure names no vendor, only fabrikam.example,
	// which the Open Cookie Database import gave to Fabrikam Pixel.
	rep = mustImport(t, s, "disclosure.json")
	if rep.Joined["domain"] != 1 || len(rep.NewVendors) != 0 {
		t.Fatalf("disclosure: %+v", rep)
	}
	fab, _ := s.Get("fabrikam-pixel")
	// _fbk was the Open Cookie Database's first: the earlier import's
	// record stands, the disclosure adds fbk_store.
	if len(fab.Storage) != 4 || fab.Storage[0].Purpose != "Visitor id, for retargeting" || fab.Storage[3].Kind != data.LocalStorage {
		t.Errorf("fabrikam storage %+v", fab.Storage)
	}
	// By alias: the tracker blocklist's entity is "Contoso Advertising
	// Ltd."; the Tracker Radar entity file named it as an alias.
	mustImport(t, s, "tracker-radar-entity.json")
	rep = mustImport(t, s, "extension-tds.json")
	if rep.Joined["name"] != 1 {
		t.Fatalf("tds: %+v", rep)
	}
	c, err := s.Find("contoso advertising ltd")
	if err != nil || c.ID != "contoso-ads" || !hasHostIn(c, "contoso-pixel.example") || !hasHostIn(c, "contoso-shop.example") {
		t.Errorf("contoso: %+v %v", c, err)
	}
	// By id: a user file names hotjar by its id.
	rep = mustImport(t, s, "vendex-user.json")
	if rep.Joined["id"] != 1 || len(rep.NewVendors) != 1 {
		t.Errorf("user file: %+v", rep)
	}
}

func TestAnImportNeverTakesAHostAnotherVendorHas(t *testing.T) {
	s := openSeeded(t)
	file := []byte(`[{"name": "Heatmap Co", "category": "analytics", "domains": ["*.heatmap.example", "*.heatmap-cdn.example", "*.heatmap-api.example", "static.hotjar.com"]}]`)
	rep, err := importBytes(s, "tpw.json", file, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.NewVendors) != 1 || len(rep.Conflicts) != 1 || !strings.Contains(rep.Conflicts[0], "static.hotjar.com is hotjar's") {
		t.Fatalf("%+v", rep)
	}
	m, err := s.ByDomain(data.Target{Host: "static.hotjar.com"})
	if err != nil || m.Vendor.ID != "hotjar" {
		t.Errorf("static.hotjar.com -> %s, %v", m.Vendor.ID, err)
	}
}

func TestTheUsersFilesWinOverTheCatalogueAndImports(t *testing.T) {
	s := openSeeded(t)
	mustImport(t, s, "third-party-web.json")
	rep := mustImport(t, s, "vendex-user.json")
	if len(rep.Conflicts) != 1 || !strings.Contains(rep.Conflicts[0], "hotjar's category changes from analytics to marketing") {
		t.Errorf("conflicts %v", rep.Conflicts)
	}
	hj, _ := s.Get("hotjar")
	if hj.Category != data.Marketing || hj.ConsentRequired.Reason != "Our DPO classes session replay as marketing." {
		t.Errorf("user's category and verdict should win: %q %+v", hj.Category, hj.ConsentRequired)
	}
	// What the user did not say still comes from the catalogue and imports.
	if hj.Summary != "Hotjar summary." || hj.BlockBeforeConsent.Reason != "r" || !hasHostIn(hj, "hotjar-cdn.example") {
		t.Errorf("merged: %+v", hj)
	}
	if _, err := s.Get("acme-widgets"); err != nil {
		t.Errorf("the user's own vendor: %v", err)
	}
	var prov []string
	for _, p := range hj.Provenance {
		if p.Field == "category" || p.Value == "hotjar-cdn.example" {
			prov = append(prov, p.Field+"="+p.Value+"@"+p.Source)
		}
	}
	want := "category=marketing@user:vendex-user.json domains=hotjar-cdn.example@import:third-party-web:third-party-web.json"
	if strings.Join(prov, " ") != want {
		t.Errorf("provenance %v, want %s", prov, want)
	}
}

func TestAUserClaimOnAnImportedHostWinsLookups(t *testing.T) {
	s := openSeeded(t)
	mustImport(t, s, "third-party-web.json")
	user := []byte(`{"id": "contoso-in-house", "name": "Contoso In-house", "summary": "", "category": "functional", "domains": [{"host": "contoso-cdn.example"}], "sets_cookies": "no", "compliance": {}, "consent_required": {"value": "no", "reason": "x"}, "block_before_consent": {"value": "no", "reason": "x"}}`)
	if _, err := importBytes(s, "mine.json", user, false); err != nil {
		t.Fatal(err)
	}
	m, err := s.ByDomain(data.Target{Host: "contoso-cdn.example"})
	if err != nil || m.Vendor.ID != "contoso-in-house" {
		t.Errorf("contoso-cdn.example -> %q, %v", m.Vendor.ID, err)
	}
}

func TestCategoriesThatDoNotMapAreKeptAndImportsDisagreeingAreReported(t *testing.T) {
	s := openSeeded(t)
	rep := mustImport(t, s, "third-party-web.json")
	mb, err := s.Get("mystery-box")
	if err != nil || mb.Category != "" || len(mb.SeenCategories) != 1 {
		t.Fatalf("mystery box: %+v %v", mb, err)
	}
	ids, _ := s.ByCategory("unclassified")
	if len(ids) != 1 || ids[0] != "mystery-box" {
		t.Errorf("unclassified: %v", ids)
	}
	stats, err := s.Stats()
	if err != nil || stats[len(stats)-1].Category != "" || stats[len(stats)-1].Vendors != 1 {
		t.Errorf("stats %+v %v", stats, err)
	}
	_ = rep
	dis := []byte(`{"license": "x", "categories": {"Advertising": [{"Hotjar": {"https://hotjar.com": ["hotjar.com"]}}]}}`)
	rep, err = importBytes(s, "services.json", dis, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) != 1 || !strings.Contains(rep.Conflicts[0], "says hotjar is marketing; the catalogue's analytics stands") {
		t.Errorf("conflicts %v", rep.Conflicts)
	}
	hj, _ := s.Get("hotjar")
	if hj.Category != data.Analytics || len(hj.Categories) != 1 || hj.Categories[0] != data.Marketing {
		t.Errorf("hotjar %q %v", hj.Category, hj.Categories)
	}
}

func TestADryRunReportsAndWritesNothing(t *testing.T) {
	s := openSeeded(t)
	before := snapshot(t, s)
	rep, err := importFixture(t, s, "third-party-web.json", true)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.DryRun || len(rep.NewVendors) != 2 || len(rep.NewDomains) != 4 {
		t.Errorf("%+v", rep)
	}
	if snapshot(t, s) != before {
		t.Error("a dry run changed the store")
	}
}

func TestForgetRemovesOneImportAndNothingElse(t *testing.T) {
	only := openSeeded(t)
	mustImport(t, only, "ocd.csv")
	want := vendorsJSON(t, only)

	s := openSeeded(t)
	rep := mustImport(t, s, "third-party-web.json")
	mustImport(t, s, "ocd.csv")
	li, err := s.Forget("third-party-web.json")
	if err != nil || li.Name != rep.Layer.Name {
		t.Fatalf("forget: %+v %v", li, err)
	}
	if got := vendorsJSON(t, s); got != want {
		t.Errorf("after forgetting third-party-web the catalogue differs from one that never had it")
	}
	if _, err := s.Forget("third-party-web.json"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second forget: %v", err)
	}
	if _, err := s.Forget(EmbeddedLayer); err == nil {
		t.Error("the embedded catalogue must not be forgotten")
	}
}

func TestImportingTheSameFileTwiceChangesNothing(t *testing.T) {
	s := openSeeded(t)
	mustImport(t, s, "ghostery.json")
	before := snapshot(t, s)
	rep := mustImport(t, s, "ghostery.json")
	if !rep.AlreadyImported {
		t.Errorf("%+v", rep)
	}
	if snapshot(t, s) != before {
		t.Error("a second import of the same file changed the store")
	}
}

func TestMalformedInputLeavesEveryRecordAsItWas(t *testing.T) {
	s := openSeeded(t)
	mustImport(t, s, "ocd.csv")
	before := snapshot(t, s)
	bad, _ := filepath.Glob(filepath.Join("..", "testdata", "import", "bad", "*"))
	if len(bad) < 5 {
		t.Fatalf("bad fixtures: %v", bad)
	}
	for _, f := range bad {
		if _, err := importFixture(t, s, filepath.Join("bad", filepath.Base(f)), false); err == nil {
			t.Errorf("%s imported without error", f)
		}
	}
	big := []byte(`[{"name": "x", "category": "` + strings.Repeat("a", 10<<20) + `", "domains": []}]`)
	if _, err := importBytes(s, "big.json", big, false); !errors.Is(err, dataset.ErrFieldTooLong) {
		t.Errorf("10 MB field: %v", err)
	}
	// A failure inside the transaction, after records were resolved.
	recs := []data.Vendor{{Name: "Fine Vendor", Domains: []data.Domain{{Host: "fine.example"}}}, {ID: "Not An Id", Name: "x"}}
	if _, err := s.Import(RecordsOf(recs), ImportOptions{Format: "vendex", File: "x.json", Hash: "0123456789abcdef"}); err == nil {
		t.Error("a malformed id was imported")
	}
	if snapshot(t, s) != before {
		t.Error("a failed import changed the store")
	}
}

func TestAReseedKeepsEveryImport(t *testing.T) {
	s := openSeeded(t)
	mustImport(t, s, "third-party-web.json")
	mustImport(t, s, "vendex-user.json")
	newer := fixture()
	newer = append(newer, data.Vendor{ID: "newcomer", Name: "Newcomer", Category: data.Functional, Summary: "s."})
	if ok, err := s.Seed(newer, "test-2"); !ok || err != nil {
		t.Fatalf("reseed: %v %v", ok, err)
	}
	for _, id := range []string{"newcomer", "contoso-ads", "mystery-box", "acme-widgets"} {
		if _, err := s.Get(id); err != nil {
			t.Errorf("%s after reseed: %v", id, err)
		}
	}
	hj, _ := s.Get("hotjar")
	if hj.Category != data.Marketing || !hasHostIn(hj, "hotjar-cdn.example") {
		t.Errorf("hotjar after reseed: %q %v", hj.Category, hj.Domains)
	}
}

func TestNewVendorIDsAvoidCollisions(t *testing.T) {
	s := openSeeded(t)
	// "Twilio" is taken by a vendor of another name? No: same name joins.
	// A vendor whose slug is an existing id but whose name is not gets a
	// suffix.
	file := []byte(`[{"name": "Google+Maps", "category": "ad", "domains": ["*.gmaps-clone.example"]}, {"name": "Google & Maps", "category": "ad", "domains": ["*.gmaps-other.example"]}]`)
	rep, err := importBytes(s, "tpw.json", file, false)
	if err != nil {
		t.Fatal(err)
	}
	// Both names normalise to "google+maps"/"google & maps", not
	// "google maps": they are new vendors, and their ids must not clash.
	if fmt.Sprint(rep.NewVendors) != "[Google+Maps (google-maps-2) Google & Maps (google-maps-3)]" {
		t.Errorf("new vendors %v", rep.NewVendors)
	}
}

// With the public datasets present, importing all of them keeps lookups
// working and the file small.

// A user's card that renames a vendor says so among the conflicts, as a
// category change does: every list and card shows the new name from then
// on, and a dry run must not hide that.
func TestAUsersRenameIsReported(t *testing.T) {
	s := openSeeded(t)
	file := []byte(`[{"id": "hotjar", "name": "Hotjar (our replay tool)", "category": "analytics"}]`)
	rep, err := importBytes(s, "ours.json", file, true)
	if err != nil {
		t.Fatal(err)
	}
	want := `hotjar's name changes from "Hotjar" to "Hotjar (our replay tool)"`
	if !slices.ContainsFunc(rep.Conflicts, func(c string) bool { return strings.Contains(c, want) }) {
		t.Errorf("conflicts %q, want one saying %s", rep.Conflicts, want)
	}
	same, err := importBytes(s, "ours.json", []byte(`[{"id": "hotjar", "name": "Hotjar", "category": "analytics"}]`), true)
	if err != nil || len(same.Conflicts) != 0 {
		t.Errorf("a card keeping the name reports %q (%v)", same.Conflicts, err)
	}
}

// A user's card may take a host from the catalogue's vendor (the user's
// files win), but the report says so: a dry run that listed it only among
// "new domains" hid that lookups of google-analytics.com would answer
// with the user's vendor from then on.
func TestAUsersCardTakingAVendorsHostIsReported(t *testing.T) {
	s := openSeeded(t)
	file := []byte(`[{"id": "acme", "name": "Acme", "category": "functional", "domains": [{"host": "google-analytics.com"}, {"host": "acme.example"}]}]`)
	rep, err := importBytes(s, "ours.json", file, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) != 1 || !strings.Contains(rep.Conflicts[0], "google-analytics.com was google-analytics's; it is acme's now") {
		t.Errorf("conflicts %q", rep.Conflicts)
	}
	if m, err := s.ByDomain(data.Target{Host: "www.google-analytics.com"}); err != nil || m.Vendor.ID != "acme" {
		t.Errorf("the user's file should still win: %s, %v", m.Vendor.ID, err)
	}
}
