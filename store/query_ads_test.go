package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
)

// The Google tag names its product in the query: AW- is Google Ads, G- is
// Google Analytics, on the same host and path.
func TestTheGoogleTagIsTheProductItsIDNames(t *testing.T) {
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for url, want := range map[string]string{
		"https://www.googletagmanager.com/gtag/js?id=AW-123456": "google-ads",
		"https://www.googletagmanager.com/gtag/js?id=G-ABC123":  "google-analytics",
		"https://www.googletagmanager.com/gtag/js":              "google-analytics",
	} {
		tg, err := data.ParseTarget(url)
		if err != nil {
			t.Fatal(err)
		}
		h, err := s.LookupHost(tg)
		if err != nil || h.ID != want {
			t.Errorf("%s: %s, %v; want %s", url, h.ID, err, want)
		}
	}
}

// A name under a hosting domain is its customer's: the lookup says whose
// hosting it is and that whose content is not known, unless the catalogue
// names the customer (a vendor's own distribution).
func TestANameUnderAHostingDomainIsNotTheHostsVendor(t *testing.T) {
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	look := func(host string) (Hit, error) {
		tg, err := data.ParseTarget(host)
		if err != nil {
			t.Fatal(err)
		}
		return s.LookupHost(tg)
	}
	h, err := look("someones-tracker.github.io")
	if !errors.Is(err, ErrNotFound) || h.HostedOn == "" || h.Matched != "github.io" {
		t.Errorf("someones-tracker.github.io: %+v, %v", h, err)
	}
	// Where a site on a platform's name ends: the one label below the
	// hosting domain the lookup names (the audit's site is this).
	for host, want := range map[string]string{
		"someones-tracker.github.io":         "someones-tracker.github.io",
		"www.alice.wordpress.com":            "alice.wordpress.com",
		"cdn.alices-bucket.s3.amazonaws.com": "alices-bucket.s3.amazonaws.com",
		"public-api.wordpress.com":           "", // WordPress.com's own: no customer's site
		"www.example.com":                    "",
	} {
		h, _ := look(host)
		if got := h.CustomerSite(host); got != want {
			t.Errorf("the customer's site of %s: %q, want %q", host, got, want)
		}
	}
	if h, err := look("github.io"); err != nil || h.ID != "github" {
		t.Errorf("github.io itself: %+v, %v", h, err)
	}
	if h, err := look("d32hwlnfiv2gyn.cloudfront.net"); err != nil || h.ID != "snowplow" {
		t.Errorf("Snowplow's own distribution: %+v, %v", h, err)
	}
	if h, err := look("ajax.googleapis.com"); err != nil || h.ID == "" {
		t.Errorf("a company's service domain is not hosting: %+v, %v", h, err)
	}
}

// An import may give a vendor its own distribution under a hosting
// domain: the name is not the hosting company's to keep.
func TestAnImportGivesAVendorItsDistributionOnAHostingDomain(t *testing.T) {
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	in := `[{"name": "AB Tasty", "company": "AB Tasty", "homepage": "https://www.abtasty.com/", "category": "analytics", "domains": ["*.abtasty.com", "d1447tq2m68ekg.cloudfront.net", "dnew0123456.cloudfront.net"]}]`
	rep, err := importBytes(s, "entities.json", []byte(in), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Conflicts {
		if strings.Contains(c, "cloudfront.net") {
			t.Errorf("conflict: %s", c)
		}
	}
	tg, _ := data.ParseTarget("dnew0123456.cloudfront.net")
	if h, err := s.LookupHost(tg); err != nil || h.ID != "ab-tasty" {
		t.Errorf("the imported distribution: %+v, %v", h, err)
	}
}

// The same holds below a suffix of the Public Suffix List that no card
// marks as hosting: a vendor's own bucket under s3.amazonaws.com is that
// vendor's, not Amazon's, and an import may name it without a conflict
// with the card that claims amazonaws.com.
func TestAnImportGivesAVendorItsBucketUnderAPrivatePublicSuffix(t *testing.T) {
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tg, _ := data.ParseTarget("acme-widgets.s3.amazonaws.com")
	if h, err := s.LookupHost(tg); !errors.Is(err, ErrNotFound) || h.Matched != "s3.amazonaws.com" || h.HostedOn == "" {
		t.Errorf("before the import, a bucket is nobody's in particular: %+v, %v", h, err)
	}
	in := `[{"name": "Acme Widgets", "company": "Acme", "homepage": "https://acme.example/", "category": "analytics", "domains": ["acme.example", "acme-widgets.s3.amazonaws.com"]}]`
	rep, err := importBytes(s, "entities.json", []byte(in), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Conflicts {
		if strings.Contains(c, "amazonaws.com") {
			t.Errorf("conflict: %s", c)
		}
	}
	if h, err := s.LookupHost(tg); err != nil || h.ID != "acme-widgets" {
		t.Errorf("the imported bucket: %+v, %v", h, err)
	}
	other, _ := data.ParseTarget("someone-else.s3.amazonaws.com")
	if h, err := s.LookupHost(other); !errors.Is(err, ErrNotFound) || h.HostedOn == "" {
		t.Errorf("another bucket stays nobody's: %+v, %v", h, err)
	}
}
