package store

import (
	"bytes"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// fixture is a small catalogue that exercises every lookup rule.
func fixture() []data.Vendor {
	v := func(id, name string, cat data.Category) data.Vendor {
		return data.Vendor{
			ID: id, Name: name, Category: cat, Summary: name + " summary.", SetsCookies: data.Unknown,
			ConsentRequired:    data.Verdict{Value: data.AnswerYes, Reason: "r"},
			BlockBeforeConsent: data.Verdict{Value: data.AnswerYes, Reason: "r"},
		}
	}
	google := v("google", "Google", data.Functional)
	google.Domains = []data.Domain{{Host: "google.com"}, {Host: "googleapis.com"}, {Host: "gstatic.com"}}
	maps := v("google-maps", "Google Maps", data.Functional)
	maps.Aliases = []string{"maps javascript api"}
	maps.Domains = []data.Domain{{Host: "maps.googleapis.com"}, {Host: "maps.gstatic.com"}}
	maps.Scripts = []data.Script{{Host: "www.google.com", Path: "/maps/"}}
	recaptcha := v("recaptcha", "reCAPTCHA", data.StrictlyNecessary)
	recaptcha.Domains = []data.Domain{{Host: "recaptcha.net"}}
	recaptcha.Scripts = []data.Script{{Host: "www.google.com", Path: "/recaptcha/"}, {Host: "www.google.com", Path: "/recaptcha/enterprise/"}}
	enterprise := v("recaptcha-enterprise", "reCAPTCHA Enterprise", data.StrictlyNecessary)
	enterprise.Scripts = []data.Script{{Host: "www.google.com", Path: "/recaptcha/enterprise.js"}}
	twilio := v("twilio", "Twilio", data.Functional)
	twilio.Aliases = []string{"twilio webrtc", "Twilio Client"}
	twilio.Domains = []data.Domain{{Host: "twilio.com"}, {Host: "twiliocdn.com"}}
	twilio.Scripts = []data.Script{{Host: "media.twiliocdn.com", Path: "/sdk/js/client/"}}
	twilio.SetsCookies = data.No
	twilio.Related = []string{"google-maps"}
	hotjar := v("hotjar", "Hotjar", data.Analytics)
	hotjar.Domains = []data.Domain{{Host: "hotjar.com"}, {Host: "hotjar.io"}}
	hotjar.SetsCookies = data.Yes
	hotjar.Storage = []data.StorageItem{
		{Kind: data.Cookie, Name: "_hjSession_*", Party: data.FirstParty, Lifetime: data.Lifetime{Seconds: 30 * 60}, Purpose: "Holds the current session."},
		{Kind: data.Cookie, Name: "_hjSessionUser_*", Party: data.FirstParty, Lifetime: data.Lifetime{Seconds: 365 * 86400}, Purpose: "Identifies a returning visitor."},
		{Kind: data.LocalStorage, Name: "_hjid", Lifetime: data.Lifetime{Persistent: true}, Purpose: "Visitor id."},
	}
	ga := v("google-analytics", "Google Analytics", data.Analytics)
	ga.Domains = []data.Domain{{Host: "google-analytics.com"}, {Host: "analytics.google.com"}}
	ga.SetsCookies = data.Yes
	ga.Storage = []data.StorageItem{
		{Kind: data.Cookie, Name: "_ga", Lifetime: data.Lifetime{Seconds: 2 * 365 * 86400}, Purpose: "Client id."},
		{Kind: data.Cookie, Name: "_ga_*", Lifetime: data.Lifetime{Seconds: 2 * 365 * 86400}, Purpose: "Session state."},
	}
	umami := v("bucher", "Bücher Analytics", data.Analytics)
	umami.Domains = []data.Domain{{Host: "xn--bcher-kva.example"}}
	cdnA := v("cdn-a", "CDN A", data.Functional)
	cdnA.Domains = []data.Domain{{Host: "sharedcdn.net", Shared: true}}
	cdnB := v("cdn-b", "CDN B", data.Functional)
	cdnB.Domains = []data.Domain{{Host: "sharedcdn.net", Shared: true}, {Host: "b.sharedcdn.net"}}
	return []data.Vendor{google, maps, recaptcha, enterprise, twilio, hotjar, ga, umami, cdnA, cdnB}
}

func openSeeded(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "v.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Seed(fixture(), "test-1"); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFixtureIsValid(t *testing.T) {
	if ps := data.Validate(fixture()); len(ps) > 0 {
		t.Fatal(ps)
	}
}

func TestRoundTripKeepsEveryField(t *testing.T) {
	s := openSeeded(t)
	got, err := s.Get("hotjar")
	if err != nil {
		t.Fatal(err)
	}
	want := fixture()[5]
	if got.Name != want.Name || len(got.Storage) != 3 || got.Storage[0].Lifetime != want.Storage[0].Lifetime ||
		got.Storage[2].Lifetime.String() != "persistent" || got.SetsCookies != data.Yes {
		t.Fatalf("round trip changed the record:\n got %+v\nwant %+v", got, want)
	}
	all, err := s.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(fixture()) {
		t.Fatalf("All returned %d vendors, want %d", len(all), len(fixture()))
	}
	if all[0].Name != "Bücher Analytics" || all[len(all)-1].Name != "Twilio" {
		t.Errorf("All is not sorted by name: first %q, last %q", all[0].Name, all[len(all)-1].Name)
	}
}

func TestFindByIDNameOrAliasInAnyCase(t *testing.T) {
	s := openSeeded(t)
	for q, want := range map[string]string{
		"twilio": "twilio", "TWILIO": "twilio", "Twilio WebRTC": "twilio", "twilio client": "twilio",
		"google maps": "google-maps", "Google-Maps": "google-maps", "maps javascript api": "google-maps",
		"recaptcha": "recaptcha", "  Hotjar ": "hotjar",
	} {
		v, err := s.Find(q)
		if err != nil || v.ID != want {
			t.Errorf("Find(%q) = %q, %v; want %q", q, v.ID, err, want)
		}
	}
	if _, err := s.Find("no such vendor"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Find of an unknown name: err = %v, want ErrNotFound", err)
	}
}

func TestLookupTable(t *testing.T) {
	s := openSeeded(t)
	cases := []struct {
		in, vendor, matched string
	}{
		{"twilio.com", "twilio", "twilio.com"},
		{"www.twilio.com", "twilio", "twilio.com"},
		{"TWILIO.COM", "twilio", "twilio.com"},
		{"twilio.com.", "twilio", "twilio.com"},
		{"Twilio.Com.", "twilio", "twilio.com"},
		{"twilio.com:443", "twilio", "twilio.com"},
		{"https://twilio.com:8443/x", "twilio", "twilio.com"},
		{"https://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js", "twilio", "media.twiliocdn.com/sdk/js/client/"},
		{"https://media.twiliocdn.com/other.js", "twilio", "twiliocdn.com"},
		{"media.twiliocdn.com", "twilio", "twiliocdn.com"},
		{"//media.twiliocdn.com/sdk/js/client/x.js", "twilio", "media.twiliocdn.com/sdk/js/client/"},
		{"http://user:pw@twilio.com/", "twilio", "twilio.com"},
		{"maps.googleapis.com", "google-maps", "maps.googleapis.com"},
		{"https://maps.googleapis.com/maps/api/js?key=x", "google-maps", "maps.googleapis.com"},
		{"khms0.maps.googleapis.com", "google-maps", "maps.googleapis.com"},
		{"fonts.gstatic.com", "google", "gstatic.com"},
		{"googleapis.com", "google", "googleapis.com"},
		{"https://www.google.com/recaptcha/api.js", "recaptcha", "www.google.com/recaptcha/"},
		{"https://www.google.com/recaptcha/enterprise/anchor", "recaptcha", "www.google.com/recaptcha/enterprise/"},
		{"https://www.google.com/recaptcha/enterprise.js", "recaptcha-enterprise", "www.google.com/recaptcha/enterprise.js"},
		{"https://www.google.com/maps/embed?pb=1", "google-maps", "www.google.com/maps/"},
		{"https://www.google.com/search?q=x", "google", "google.com"},
		{"https://www.google.com/", "google", "google.com"},
		{"www.google.com", "google", "google.com"},
		{"https://google.com/recaptcha/api.js", "google", "google.com"},
		{"www.recaptcha.net", "recaptcha", "recaptcha.net"},
		{"static.hotjar.com", "hotjar", "hotjar.com"},
		{"vc.hotjar.io", "hotjar", "hotjar.io"},
		{"www.google-analytics.com", "google-analytics", "google-analytics.com"},
		{"region1.analytics.google.com", "google-analytics", "analytics.google.com"},
		{"bücher.example", "bucher", "xn--bcher-kva.example"},
		{"https://BÜCHER.example/x", "bucher", "xn--bcher-kva.example"},
		{"xn--bcher-kva.example", "bucher", "xn--bcher-kva.example"},
		{"b.sharedcdn.net", "cdn-b", "b.sharedcdn.net"},
		{"x.b.sharedcdn.net", "cdn-b", "b.sharedcdn.net"},
		{"a.sharedcdn.net", "cdn-a", "sharedcdn.net"},
	}
	for _, c := range cases {
		tg, err := data.ParseTarget(c.in)
		if err != nil {
			t.Errorf("ParseTarget(%q): %v", c.in, err)
			continue
		}
		m, err := s.ByDomain(tg)
		if err != nil {
			t.Errorf("lookup %q: %v", c.in, err)
			continue
		}
		if m.Vendor.ID != c.vendor || m.Matched != c.matched {
			t.Errorf("lookup %q = %s via %s; want %s via %s", c.in, m.Vendor.ID, m.Matched, c.vendor, c.matched)
		}
	}
	for _, miss := range []string{"example.com", "twilio.co", "nottwilio.com", "com", "localhost", "192.0.2.1", "[2001:db8::1]:80"} {
		tg, err := data.ParseTarget(miss)
		if err != nil {
			t.Errorf("ParseTarget(%q): %v", miss, err)
			continue
		}
		if m, err := s.ByDomain(tg); !errors.Is(err, ErrNotFound) {
			t.Errorf("lookup %q = %s, %v; want ErrNotFound", miss, m.Vendor.ID, err)
		}
	}
	m, _ := s.ByDomain(data.Target{Host: "a.sharedcdn.net"})
	if len(m.Shared) != 1 || m.Shared[0] != "cdn-b" {
		t.Errorf("a shared host should name the other claimant, got %v", m.Shared)
	}
}

func TestParseTargetRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "   ", "has space.com", "http://", "exa mple", "a..b", "-", "http://[::1", "ex@mple!.com"} {
		if tg, err := data.ParseTarget(in); err == nil {
			t.Errorf("ParseTarget(%q) = %+v, want an error", in, tg)
		}
	}
}

func TestCookieLookupHonoursPatterns(t *testing.T) {
	s := openSeeded(t)
	cases := []struct {
		name   string
		vendor string
		item   string
	}{
		{"_hjSession_123", "hotjar", "_hjSession_*"},
		{"_hjSessionUser_42", "hotjar", "_hjSessionUser_*"},
		{"_hjid", "hotjar", "_hjid"},
		{"_ga", "google-analytics", "_ga"},
		{"_ga_ABC123", "google-analytics", "_ga_*"},
	}
	for _, c := range cases {
		ms, err := s.ByCookie(c.name)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].VendorID != c.vendor || ms[0].Item.Name != c.item {
			t.Errorf("ByCookie(%q) = %+v; want %s's %s", c.name, ms, c.vendor, c.item)
		}
	}
	if ms, _ := s.ByCookie("_hjsession_1"); len(ms) != 0 {
		t.Errorf("cookie names are case-sensitive, but _hjsession_1 matched %+v", ms)
	}
	if ms, _ := s.ByCookie("_gid"); len(ms) != 0 {
		t.Errorf("unknown cookie matched %+v", ms)
	}
	ms, _ := s.ByCookie("_ga")
	if len(ms) != 1 || ms[0].Item.Lifetime.String() != "2 years" {
		t.Errorf("_ga should be exact (not also the _ga_* pattern) with a 2 year lifetime: %+v", ms)
	}
}

func TestReseedKeepsRecordsThatDidNotComeFromTheCatalogue(t *testing.T) {
	s := openSeeded(t)
	mine := fixture()[0]
	mine.ID, mine.Name, mine.Domains = "intranet-widget", "Intranet Widget", []data.Domain{{Host: "widget.corp.example"}}
	if err := s.PutLayer(LayerInfo{Name: "user:mine.json", Kind: KindUser, File: "mine.json"}, []data.Vendor{mine}); err != nil {
		t.Fatal(err)
	}
	next := fixture()[:3] // a newer catalogue that dropped most vendors
	next[0].Summary = "A newer summary."
	changed, err := s.Seed(next, "test-2")
	if err != nil || !changed {
		t.Fatalf("reseed: changed=%v err=%v", changed, err)
	}
	if changed, _ := s.Seed(next, "test-2"); changed {
		t.Error("seeding the same version twice rewrote the file")
	}
	if v, err := s.Get("intranet-widget"); err != nil || v.Name != "Intranet Widget" {
		t.Errorf("the user's vendor did not survive the reseed: %v", err)
	}
	if _, err := s.ByDomain(data.Target{Host: "widget.corp.example"}); err != nil {
		t.Errorf("the user's domain left the index: %v", err)
	}
	if v, _ := s.Get("google"); v.Summary != "A newer summary." {
		t.Errorf("reseed did not update the embedded vendor: %q", v.Summary)
	}
	if _, err := s.Get("hotjar"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a vendor dropped from the catalogue is still there: %v", err)
	}
}

func TestUserLayerWinsOverEmbedded(t *testing.T) {
	s := openSeeded(t)
	fix := data.Vendor{ID: "hotjar", Name: "Hotjar", Category: data.Marketing, Summary: "Our view.",
		Domains: []data.Domain{{Host: "hotjar-extra.example"}}}
	if err := s.PutLayer(LayerInfo{Name: "user:x.json", Kind: KindUser, File: "x.json"}, []data.Vendor{fix}); err != nil {
		t.Fatal(err)
	}
	v, err := s.Get("hotjar")
	if err != nil {
		t.Fatal(err)
	}
	if v.Category != data.Marketing || v.Summary != "Our view." {
		t.Errorf("the user's category and summary should win: %s %q", v.Category, v.Summary)
	}
	if len(v.Storage) != 3 || len(v.Domains) != 3 {
		t.Errorf("the embedded facts should still be there: %d storage, %d domains", len(v.Storage), len(v.Domains))
	}
	var fromUser bool
	for _, p := range v.Provenance {
		if p.Field == "domains" && p.Value == "hotjar-extra.example" && p.Source == "user:x.json" {
			fromUser = true
		}
	}
	if !fromUser {
		t.Errorf("provenance does not say where the user's domain came from: %+v", v.Provenance)
	}
}

func TestTwoReadersAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Seed(fixture(), "x")
	w.Close()
	r1, err := Open(path, Options{ReadOnly: true, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(path, Options{ReadOnly: true, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("a second reader was refused: %v", err)
	}
	defer r2.Close()
	if _, err := r2.Get("twilio"); err != nil {
		t.Fatal(err)
	}
	if err := r1.PutLayer(LayerInfo{Name: "x", Kind: KindUser}, nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a read-only store accepted a write: %v", err)
	}
}

func TestSecondWriterGetsAClearInUseError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	done := make(chan error, 1)
	go func() {
		_, err := Open(path, Options{Timeout: 300 * time.Millisecond})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
			t.Fatalf("second writer: err = %v; want ErrLocked naming %s", err, path)
		}
	case <-time.After(10 * time.Second): // a hang, not a timing check
		t.Fatal("second writer hung on the lock")
	}
}

func TestDamagedFileIsReportedAndLeftUntouched(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	s, err := Open(good, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Seed(fixture(), "x")
	var used int64 // the high-water mark: the file past it is free slack
	s.db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
	s.Close()
	full, _ := os.ReadFile(good)

	random := make([]byte, 64*1024)
	rand.Read(random)
	files := map[string][]byte{
		"random.db":    random,
		"truncated.db": full[:used/2],
		"short.db":     full[:1000],
		"text.db":      []byte(strings.Repeat("not a database\n", 2000)),
		"tiny.db":      []byte("hello world\n"),
		"cut.db":       full[:12],
	}
	// A file with neither meta page is not a catalogue vendex wrote (a
	// mistyped --db): it is not called damaged, nor offered for deletion.
	notOurs := map[string]bool{"random.db": true, "text.db": true, "tiny.db": true}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, ro := range []bool{false, true} {
			s, err := OpenCatalogue(path, ro)
			if err == nil {
				// bbolt may open a truncated file whose meta pages survive;
				// reading must then fail cleanly rather than panic.
				_, err = s.All()
				s.Close()
			}
			if err == nil {
				t.Errorf("%s (read-only %v): opened a damaged file without error", name, ro)
				continue
			}
			if want := map[bool]error{false: ErrCorrupt, true: ErrNotOurs}[notOurs[name]]; !errors.Is(err, want) {
				t.Errorf("%s (read-only %v): err = %v; want %v", name, ro, err, want)
			}
			if !strings.Contains(err.Error(), path) && !strings.Contains(err.Error(), "damaged") {
				t.Errorf("%s: message does not say what is wrong: %v", name, err)
			}
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(after, content) {
			t.Errorf("%s: the damaged file was modified", name)
		}
	}
}

func TestNewerSchemaIsRefusedAndNotRewritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket(bucketMeta)
		return b.Put(keySchema, []byte(strconv.Itoa(SchemaVersion+1)))
	})
	db.Close()
	before, _ := os.ReadFile(path)
	for _, ro := range []bool{false, true} {
		_, err := OpenCatalogue(path, ro)
		if !errors.Is(err, ErrNewerSchema) {
			t.Fatalf("read-only %v: err = %v; want ErrNewerSchema", ro, err)
		}
		if !strings.Contains(err.Error(), "upgrade vendex") {
			t.Errorf("the message should say what to do: %v", err)
		}
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("a file from a newer vendex was rewritten")
	}
}

func TestOpenCatalogueSeedsOnFirstRunAndReadsAfter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "v.db")
	s, err := OpenCatalogue(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.CatalogueVersion() != data.CatalogueVersion() {
		t.Errorf("seeded version %q, want %q", s.CatalogueVersion(), data.CatalogueVersion())
	}
	if _, err := s.Get("twilio"); err != nil {
		t.Errorf("the embedded catalogue was not seeded: %v", err)
	}
	// A second reader while the first is open: no write lock needed.
	s2, err := OpenCatalogue(path, true)
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	s2.Close()
}

func TestDeleteLayerRemovesOnlyItsFacts(t *testing.T) {
	s := openSeeded(t)
	extra := data.Vendor{ID: "hotjar", Name: "Hotjar", Domains: []data.Domain{{Host: "hj-extra.example"}}}
	if err := s.PutLayer(LayerInfo{Name: "import:test", Kind: KindImport}, []data.Vendor{extra}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ByDomain(data.Target{Host: "hj-extra.example"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteLayer("import:test"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ByDomain(data.Target{Host: "hj-extra.example"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("forgotten domain still answers: %v", err)
	}
	if v, _ := s.Get("hotjar"); len(v.Domains) != 2 || v.Category != data.Analytics {
		t.Errorf("deleting a layer damaged the embedded record: %+v", v)
	}
}
