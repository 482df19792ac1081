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

// A name a web framework gives its cookies on every site built with it
// answers with the framework before a company whose card lists the same
// name, whatever their names: on a site, its own session cookie is far
// more often the site's framework's than that company's.
func TestAFrameworksCookieAnswersBeforeACompanysOfTheSameName(t *testing.T) {
	card := func(id, name, owner string) data.Vendor {
		return data.Vendor{
			ID: id, Name: name, Owner: owner, Category: data.StrictlyNecessary, Summary: name + " summary.", SetsCookies: data.Yes,
			ConsentRequired:    data.Verdict{Value: data.AnswerNo, Reason: "r"},
			BlockBeforeConsent: data.Verdict{Value: data.AnswerNo, Reason: "r"},
			Storage:            []data.StorageItem{{Kind: data.Cookie, Name: "sessionid", Party: data.FirstParty, Lifetime: data.SessionLifetime, Purpose: "The session."}},
		}
	}
	s, err := Open(filepath.Join(t.TempDir(), "v.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	vs := []data.Vendor{card("acme", "Acme Hosting", "Acme Inc."), card("zframe", "Zframe (self-hosted)", data.SiteOperator)}
	if _, err := s.Seed(vs, "test-1"); err != nil {
		t.Fatal(err)
	}
	ms, err := s.ByCookie("sessionid")
	if err != nil || len(ms) != 2 || ms[0].VendorID != "zframe" || ms[1].VendorID != "acme" {
		t.Errorf("ByCookie(sessionid) = %+v, %v; want zframe, then acme", ms, err)
	}
}

// The catalogue's own answers for the names the trial asked about: the
// framework first, then the company that also uses the name.
func TestFrameworkCookieNamesAnswerTheFrameworkFirst(t *testing.T) {
	s := embeddedStore(t)
	for name, want := range map[string]string{
		"sessionid": "django instagram", "csrftoken": "django", "XSRF-TOKEN": "web-framework wix",
		"laravel_session": "laravel", "ASP.NET_SessionId": "aspnet", "connect.sid": "express-sessions zendesk",
		"__RequestVerificationToken": "aspnet", ".AspNetCore.Antiforgery.x1": "aspnet", "_blog_session": "ruby-on-rails",
		"PHPSESSID": "php-sessions", "JSESSIONID": "java-servlet-sessions",
	} {
		if got := cookieOwners(t, s, name); got != want {
			t.Errorf("cookie %s answers %q, want %q", name, got, want)
		}
	}
}
