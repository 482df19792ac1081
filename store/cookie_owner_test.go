package store

import (
	"path/filepath"
	"testing"

	"github.com/vendex/vendex/data"
)

// A card that says it sets another vendor's cookie (a product built on the
// other's tracker) answers after that vendor; otherwise vendors of equal
// rank answer by name.
func TestCookieAnswerPutsTheOwnerFirst(t *testing.T) {
	card := func(id, name, purpose string) data.Vendor {
		return data.Vendor{
			ID: id, Name: name, Category: data.Analytics, Summary: name + " summary.", SetsCookies: data.Yes,
			ConsentRequired:    data.Verdict{Value: data.AnswerYes, Reason: "r"},
			BlockBeforeConsent: data.Verdict{Value: data.AnswerYes, Reason: "r"},
			Storage:            []data.StorageItem{{Kind: data.Cookie, Name: "tk", Lifetime: data.Lifetime{Seconds: 86400}, Purpose: purpose}},
		}
	}
	cases := []struct {
		adPurpose, want string
	}{
		{"Trackerco's collector cookie, set by Adco's collector.", "trackerco"},
		{"Adco's collector cookie.", "adco"},                               // names no one else: by name
		{"Set by a Trackercomatic collector.", "adco"},                     // not the whole word
		{"TRACKERCO's cookie, read by Adco's pixel.", "trackerco"},         // any case
		{"Adco sets this like Trackerco (Trackerco's name).", "trackerco"}, // named twice
	}
	for _, c := range cases {
		s, err := Open(filepath.Join(t.TempDir(), "v.db"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		vs := []data.Vendor{card("adco", "Adco", c.adPurpose), card("trackerco", "Trackerco", "The collector's browser ID.")}
		if _, err := s.Seed(vs, "test-1"); err != nil {
			t.Fatal(err)
		}
		ms, err := s.ByCookie("tk")
		s.Close()
		if err != nil || len(ms) != 2 || ms[0].VendorID != c.want {
			t.Errorf("Adco's purpose %q: ByCookie(tk) = %+v, %v; want %s first", c.adPurpose, ms, err, c.want)
		}
	}
}

// In the catalogue, sp is Snowplow's collector cookie; Keywee's tracker is
// built on Snowplow's and its card says so.
func TestCookieSpAnswersSnowplowFirst(t *testing.T) {
	s := embeddedStore(t)
	ms, err := s.ByCookie("sp")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 2 || ms[0].VendorID != "snowplow" {
		t.Fatalf("cookie sp answers %+v; want snowplow first, then keywee", ms)
	}
}
