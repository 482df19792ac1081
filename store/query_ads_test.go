package store

import (
	"path/filepath"
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
