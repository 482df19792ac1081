package store

import (
	"bytes"
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
	f, err := dataset.DetectFormat(name, b)
	if err != nil {
		return ImportReport{}, err
	}
	vs, _, err := dataset.ReadFile(f, name, bytes.NewReader(b))
	if err != nil {
		return ImportReport{}, err
	}
	sum := sha256.Sum256(b)
	return s.Import(vs, ImportOptions{Format: string(f), File: filepath.Base(name), Hash: hex.EncodeToString(sum[:]), User: f == dataset.FormatVendex, DryRun: dryRun})
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
				t.Fatalf("nothing imported: %s", rep)
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
		t.Fatalf("ocd.csv: %s", rep)
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
		t.Fatalf("disclosure: %s", rep)
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
		t.Fatalf("tds: %s", rep)
	}
	c, err := s.Find("contoso advertising ltd")
	if err != nil || c.ID != "contoso-ads" || !hasHostIn(c, "contoso-pixel.example") || !hasHostIn(c, "contoso-shop.example") {
		t.Errorf("contoso: %+v %v", c, err)
	}
	// By id: a user file names hotjar by its id.
	rep = mustImport(t, s, "vendex-user.json")
	if rep.Joined["id"] != 1 || len(rep.NewVendors) != 1 {
		t.Errorf("user file: %s", rep)
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
		t.Fatalf("%s", rep)
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
	if !rep.DryRun || len(rep.NewVendors) != 2 || len(rep.NewDomains) != 4 || !strings.Contains(rep.String(), "dry run, nothing written") {
		t.Errorf("%s", rep)
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
	if !rep.AlreadyImported || !strings.Contains(rep.String(), "already imported") {
		t.Errorf("%s", rep)
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
	if _, err := s.Import(recs, ImportOptions{Format: "vendex", File: "x.json", Hash: "0123456789abcdef"}); err == nil {
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
	file := []byte(`[{"name": "Google Maps!", "category": "ad", "domains": ["*.gmaps-clone.example"]}, {"name": "Google Maps?", "category": "ad", "domains": ["*.gmaps-other.example"]}]`)
	rep, err := importBytes(s, "tpw.json", file, false)
	if err != nil {
		t.Fatal(err)
	}
	// Both names normalise to "google maps!"/"google maps?", not
	// "google maps": they are new vendors, and their ids must not clash.
	if fmt.Sprint(rep.NewVendors) != "[Google Maps! (google-maps-2) Google Maps? (google-maps-3)]" {
		t.Errorf("new vendors %v", rep.NewVendors)
	}
}

// With the public datasets present, importing all of them keeps lookups
// working and the file small.
func TestImportAllPublicDatasets(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "datasets")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("public datasets not found at %s: %v", dir, err)
	}
	if testing.Short() {
		t.Skip("imports about 60 MB of data")
	}
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false) // the real catalogue
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, name := range AllDatasetFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := importBytes(s, name, b, false)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Logf("%s: %d records, %d new vendors, %d joined, %d new domains, %d conflicts", name, rep.Records, len(rep.NewVendors), rep.JoinedTotal(), len(rep.NewDomains), len(rep.Conflicts))
		// As vendex import does after each command.
		if _, _, err := s.Compact(0.25); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d vendors, file %d MB", s.Count(), s.Size()>>20)
	if s.Size() > 100<<20 {
		t.Errorf("file is %d MB, want under 100 MB", s.Size()>>20)
	}
	m, err := s.ByDomain(data.Target{Host: "static.hotjar.com"})
	if err != nil || m.Vendor.ID != "hotjar" {
		t.Errorf("static.hotjar.com -> %q %v", m.Vendor.ID, err)
	}
	// Issue 5's floor: with everything imported, 96% of the HTTP Archive
	// requests are attributed.
	rep, err := s.Coverage(yardstick(t), 10)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("coverage with every dataset imported: %.2f%% weighted, %.2f%% of hosts", rep.Weighted, rep.Unweighted)
	if rep.Weighted < 96 {
		t.Errorf("coverage %.2f%% is under 96%%", rep.Weighted)
	}
	// Imports add to the catalogue; they never move its hosts.
	fresh := embeddedStore(t)
	for _, host := range []string{"connect.facebook.net", "cdn.segment.com", "cdn.jsdelivr.net", "platform.twitter.com",
		"play.google.com", "www.googletagmanager.com", "static.cloudflareinsights.com", "js.stripe.com"} {
		a, errA := fresh.LookupHost(data.Target{Host: host})
		b, errB := s.LookupHost(data.Target{Host: host})
		if errA != nil || errB != nil || a.ID != b.ID || a.Block != b.Block {
			t.Errorf("%s: the catalogue says %s (%s), with imports %s (%s)", host, a.ID, a.Block, b.ID, b.Block)
		}
	}
}

// AllDatasetFiles are the files of ../shared/datasets that vendex imports.
var AllDatasetFiles = []string{
	"open-cookie-database/open-cookie-database.csv",
	"third-party-web/entities.json",
	"tracker-radar/entities.json",
	"tracker-radar/domains-GB.jsonl",
	"tracker-radar/domain-index-all-regions.csv",
	"ddg-tds/extension-tds.json",
	"disconnect/services.json",
	"disconnect/entities.json",
	"ghostery-trackerdb/trackerdb.json",
	"iab-tcf-gvl/vendor-list-v3-45.json",
	"iab-tcf-gvl/ovk_vendorinfo.json",
}

func TestCompactKeepsEveryRecordAndShrinksTheFile(t *testing.T) {
	s := openSeeded(t)
	mustImport(t, s, "third-party-web.json")
	mustImport(t, s, "ocd.csv")
	if _, err := s.Forget("third-party-web.json"); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, s)
	before, after, err := s.Compact(0)
	if err != nil {
		t.Fatal(err)
	}
	if after > before {
		t.Errorf("compacted file grew: %d -> %d", before, after)
	}
	if got := snapshot(t, s); got != want {
		t.Error("compaction changed the records")
	}
	if _, err := importFixture(t, s, "ghostery.json", false); err != nil {
		t.Errorf("import after compaction: %v", err)
	}
}

// Imports, forgets and reseeds update the merged view and the indexes in
// place; the result is exactly what rebuilding them from the layers gives.
func TestInPlaceUpdatesMatchAFullRebuild(t *testing.T) {
	s := openSeeded(t)
	check := func(step string) {
		t.Helper()
		got := snapshot(t, s)
		if err := s.update(rebuild); err != nil {
			t.Fatal(err)
		}
		if want := snapshot(t, s); got != want {
			t.Fatalf("after %s the indexes differ from a rebuild", step)
		}
	}
	for _, name := range []string{"third-party-web.json", "ocd.csv", "disclosure.json", "tracker-radar-entity.json", "extension-tds.json", "vendex-user.json", "ghostery.json", "disconnect-services.json"} {
		mustImport(t, s, name)
		check("importing " + name)
	}
	if _, err := s.Forget("ocd.csv"); err != nil {
		t.Fatal(err)
	}
	check("forgetting ocd.csv")
	if _, err := s.Forget("vendex-user.json"); err != nil {
		t.Fatal(err)
	}
	check("forgetting vendex-user.json")
	newer := append(fixture()[1:], data.Vendor{ID: "newcomer", Name: "Newcomer", Category: data.Functional, Summary: "s.", Domains: []data.Domain{{Host: "contoso-cdn.example"}}})
	if _, err := s.Seed(newer, "test-2"); err != nil {
		t.Fatal(err)
	}
	check("reseeding")
}

// A file written by a vendex of schema 1 (a dense vendors bucket, JSON
// indexes) still answers, and its first import rebuilds it in this form.
func TestASchemaOneFileStillOpensAndIsRebuiltOnWrite(t *testing.T) {
	s := openSeeded(t)
	mustImport(t, s, "third-party-web.json")
	want := vendorsJSON(t, s)
	// Write the derived buckets as schema 1 did.
	err := s.update(func(tx *bolt.Tx) error {
		vs, err := func() ([]data.Vendor, error) {
			var out []data.Vendor
			b := tx.Bucket(bucketBrief)
			return out, b.ForEach(func(k, _ []byte) error {
				v, err := getVendor(tx, string(k))
				out = append(out, v)
				return err
			})
		}()
		if err != nil {
			return err
		}
		vb := tx.Bucket(bucketVendors)
		for _, v := range vs {
			raw, _ := json.Marshal(v)
			if err := vb.Put([]byte(v.ID), raw); err != nil {
				return err
			}
		}
		for _, bk := range [][]byte{bucketNames, bucketDomains, bucketCookies, bucketPatterns} {
			b := tx.Bucket(bk)
			type kv struct{ k, v []byte }
			var all []kv
			b.ForEach(func(k, v []byte) error {
				var nv []byte
				switch string(bk) {
				case string(bucketNames):
					nv = []byte(nameWinner(v))
				case string(bucketDomains):
					cs, _ := decodeClaims(v)
					nv, _ = json.Marshal(cs)
				default:
					rs, _ := decodeRefs(v)
					nv, _ = json.Marshal(rs)
				}
				all = append(all, kv{append([]byte(nil), k...), nv})
				return nil
			})
			for _, e := range all {
				if err := b.Put(e.k, e.v); err != nil {
					return err
				}
			}
		}
		// Schemas 1 and 2 kept a categories bucket.
		cb, err := tx.CreateBucketIfNotExists(bucketCategories)
		if err != nil {
			return err
		}
		if err := cb.Put([]byte("analytics\x00hotjar"), []byte{}); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("1"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := vendorsJSON(t, s); got != want {
		t.Error("a schema 1 file reads differently")
	}
	if m, err := s.ByDomain(data.Target{Host: "static.hotjar.com"}); err != nil || m.Vendor.ID != "hotjar" {
		t.Errorf("static.hotjar.com -> %q %v", m.Vendor.ID, err)
	}
	if v, err := s.Find("contoso ads"); err != nil || v.ID != "contoso-ads" {
		t.Errorf("find by name in a schema 1 file: %v", err)
	}
	mustImport(t, s, "ocd.csv")
	got := snapshot(t, s)
	if err := s.update(rebuild); err != nil {
		t.Fatal(err)
	}
	if got != snapshot(t, s) {
		t.Error("the first import into a schema 1 file did not rebuild it")
	}
	s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCategories) != nil {
			t.Error("the rebuild kept the old categories bucket")
		}
		return nil
	})
}

// An IAB vendor info file (id, name, domains) joins the vendors of the
// global vendor list by their TCF id even where it spells the name
// differently, lists the shared source once, and adds no vendor for an
// entry that has nothing but a name.
func TestIABFilesJoinByTheTCFVendorID(t *testing.T) {
	s := openSeeded(t)
	mustImport(t, s, "vendor-list.json")
	info := []byte(`{"vendorListVersion": 7, "vendors": [
  {"id": 7, "name": "Fabrikam Pixel Ltd.", "domains": ["px.fabrikam.example"]},
  {"id": 8, "name": "Adatum", "domains": []},
  {"id": 8, "name": "Fabrikam Pixel", "domains": ["cdn.adatum.example"]},
  {"id": 12, "name": "Nothing But A Name"},
  {"id": 99, "name": "Emx Digital", "domains": ["static.hotjar.com"]}]}`)
	rep, err := importBytes(s, "vendorinfo.json", info, false)
	if err != nil {
		t.Fatal(err)
	}
	// Emx Digital's TCF id is nobody's: it does not join Hotjar through
	// the one host it lists, which stays Hotjar's.
	if fmt.Sprint(rep.NewVendors) != "[Emx Digital (emx-digital)]" || rep.Joined["id"] != 2 || rep.JoinedTotal() != 2 {
		t.Errorf("new vendors %v, joined %v; want two joined by their TCF ids and Emx Digital new", rep.NewVendors, rep.Joined)
	}
	if h, err := s.Get("hotjar"); err != nil || slices.Contains(h.Aliases, "IAB TCF vendor 99") {
		t.Errorf("hotjar took another vendor's TCF id: %q %v", h.Aliases, err)
	}
	// The TCF id outranks a name that belongs to another vendor.
	if m, err := s.ByDomain(data.Target{Host: "cdn.adatum.example"}); err != nil || m.Vendor.ID != "adatum-measurement" {
		t.Errorf("cdn.adatum.example -> %q %v, want adatum-measurement", m.Vendor.ID, err)
	}
	v, err := s.Get("fabrikam-pixel")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(v.Aliases, "Fabrikam Pixel Ltd.") || !slices.Contains(v.Aliases, "IAB TCF vendor 7") {
		t.Errorf("aliases %q", v.Aliases)
	}
	if len(v.Domains) != 1 || v.Domains[0].Host != "px.fabrikam.example" {
		t.Errorf("domains %+v", v.Domains)
	}
	n := 0
	for _, src := range v.Sources {
		if src.Name == "IAB TCF vendor 7" {
			n++
			if src.URL == "" || src.Note == "" {
				t.Errorf("the source lost what the list said of it: %+v", src)
			}
		}
	}
	if n != 1 {
		t.Errorf("IAB TCF vendor 7 is listed %d times in %+v", n, v.Sources)
	}
	if f, err := s.Find("IAB TCF vendor 7"); err != nil || f.ID != "fabrikam-pixel" {
		t.Errorf("find by TCF id: %v %v", f.ID, err)
	}
	// Forgetting the list leaves the vendor the name the other file gave.
	if _, err := s.Forget("vendor-list.json"); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Get("fabrikam-pixel"); err != nil || v.Name != "Fabrikam Pixel Ltd." {
		t.Errorf("after forgetting the list: %q %v", v.Name, err)
	}
}

// A newer version of a dataset imported beside the older one says the
// older one is still there and how to drop it; the same content under
// another name says which file it was imported as.
func TestReimportingAnUpdatedFileNamesTheEarlierImport(t *testing.T) {
	s := openSeeded(t)
	b, err := os.ReadFile(filepath.Join("..", "testdata", "import", "ocd.csv"))
	if err != nil {
		t.Fatal(err)
	}
	first, err := importBytes(s, "ocd.csv", b, false)
	if err != nil {
		t.Fatal(err)
	}
	newer := append(append([]byte(nil), b...), "x9,Newcomer,Analytics,nc_id,newcomer.example,Keeps an id,1 day,Newcomer Ltd,https://newcomer.example/privacy,0\n"...)
	rep, err := importBytes(s, "ocd.csv", newer, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Earlier) != 1 || rep.Earlier[0].Name != first.Layer.Name || !strings.Contains(rep.String(), "vendex forget "+first.Layer.Name) {
		t.Errorf("earlier %v; report:\n%s", rep.Earlier, rep.String())
	}
	again, err := importBytes(s, "renamed.csv", b, false)
	if err != nil {
		t.Fatal(err)
	}
	if !again.AlreadyImported || !strings.Contains(again.String(), "renamed.csv: already imported as "+first.Layer.Name+" (from ocd.csv") {
		t.Errorf("same content, new name:\n%s", again.String())
	}
}
