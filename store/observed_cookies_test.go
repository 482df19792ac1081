package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Tracker Radar groups domains by company: Google LLC's record holds
// google-analytics.com's _ga and joins the Google card. The catalogue
// gives _ga to Google Analytics, so the import leaves it there and says
// so; a name no card has still lands on the card the record joins.
func TestAnObservedCookieTheCatalogueGivesAnotherVendorStaysThere(t *testing.T) {
	records := []byte(`{"domain":"google.com","owner":{"name":"Google LLC","displayName":"Google"},"categories":["Advertising"],"resources":[{"rule":"google\\.com\\/x\\.js","sites":100,"prevalence":0.01,"firstPartyCookies":{"_ga":{"ttl":63072000,"prevalence":0.008},"_gcl_new":{"ttl":7776000,"prevalence":0.009}}}]}
{"domain":"google-analytics.com","owner":{"name":"Google LLC","displayName":"Google"},"categories":["Analytics"],"resources":[{"rule":"google-analytics\\.com\\/analytics\\.js","sites":2106,"prevalence":0.212,"firstPartyCookies":{"_ga":{"ttl":63072003,"prevalence":0.1738},"_gid":{"ttl":86403,"prevalence":0.174}}}]}
`)
	s := openSeeded(t)
	rep, err := importBytes(s, "domains.jsonl", records, false)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(rep.Conflicts, "\n"), "cookie _ga is google-analytics's; not added to google") {
		t.Errorf("conflicts: %q", rep.Conflicts)
	}
	for name, want := range map[string]string{"_ga": "google-analytics", "_gcl_new": "google", "_gid": "google"} {
		if got := cookieOwners(t, s, name); got != want {
			t.Errorf("cookie %s: %q, want %q", name, got, want)
		}
	}
}

// With the real catalogue and Tracker Radar's GB crawl, a consent
// manager's or a company's other card no longer answers for Google
// Analytics' _ga or OneTrust's OptanonConsent, and cookies nobody's card
// names that passed through Osano's script stay unclaimed.
func TestTrackerRadarGBLeavesCookiesWithTheirVendors(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "datasets", "tracker-radar", "domains-GB.jsonl"))
	if err != nil {
		t.Skipf("public datasets not found: %v", err)
	}
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false) // the real catalogue
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := importBytes(s, "domains-GB.jsonl", b, false); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"_ga": "google-analytics", "_gid": "google-analytics", "OptanonConsent": "onetrust", "_fs_sample_user": "", "_yo": ""} {
		if got := cookieOwners(t, s, name); got != want {
			t.Errorf("cookie %s: %q, want %q", name, got, want)
		}
	}
}

// cookieOwners is the ids of the vendors `vendex cookie NAME` answers, in
// its order, joined by spaces.
func cookieOwners(t *testing.T, s *Store, name string) string {
	t.Helper()
	ms, err := s.ByCookie(name)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.VendorID)
	}
	return strings.Join(ids, " ")
}
