package ui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
	"github.com/vendex/vendex/store/audit"
)

// A scan of a shop that loads Hotjar before consent, Stripe, and a host
// nobody claims.
func shopScan() *audit.Report {
	return &audit.Report{
		Site: "shop.example", Mode: audit.BeforeConsent,
		Vendors: []audit.Vendor{
			{ID: "stripe", Name: "Stripe", Category: "strictly-necessary", Block: "no", Hosts: []audit.HostCount{{Host: "js.stripe.com", Requests: 2}}},
			{ID: "hotjar", Name: "Hotjar", Category: "analytics", Block: "yes", Hosts: []audit.HostCount{{Host: "static.hotjar.com", Requests: 3}}, Cookies: []string{"_hjSession_1"}},
		},
		Cookies:        []audit.Cookie{{Name: "_hjSession_1", Kind: "cookie", VendorID: "hotjar", ObservedLifetime: "30 minutes", DeclaredLifetime: "30 minutes"}},
		UnknownHosts:   []audit.HostCount{{Host: "px.nobody.example", Requests: 4}},
		UnknownCookies: []audit.Cookie{{Name: "tt", Kind: "cookie", Domain: ".nobody.example"}, {Name: "PHPSESSID", Kind: "cookie", Domain: "shop.example"}},
		Warnings:       []string{"site.har: 4 requests and not one cookie"},
		Findings:       []audit.Finding{{Kind: "request", VendorID: "hotjar", Vendor: "Hotjar", URL: "https://static.hotjar.com/c/hotjar-1.js", Why: "It records visits."}},
	}
}

func TestABrowsedScanListsWhatTheSiteLoadsAndWhatWasSeen(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "", WithScan(shopScan()))
	v := s.waitFor("the scan's rows", func(v string) bool { return strings.Contains(v, "px.nobody.example") })
	for _, want := range []string{"vendex · scan of shop.example · All categories · 4 of 4", "✗ Hotjar", "Stripe", "px.nobody.example", "Cookies nobody claims (1)", "Warning: site.har: 4 requests and not one cookie"} {
		if !strings.Contains(v, want) {
			t.Errorf("the list lacks %q:\n%s", want, v)
		}
	}
	for _, absent := range []string{"Twilio", "Meta Pixel"} {
		if strings.Contains(v, absent) {
			t.Errorf("the list shows %q, which the scan did not find:\n%s", absent, v)
		}
	}
	s.typeText("hot")
	s.waitFor("Hotjar alone", func(v string) bool { return strings.Contains(v, "1 of 4") })
	s.press(tea.KeyEnter)
	v = s.waitText("SEEN ON THIS SITE")
	for _, want := range []string{"Needs consent: loaded https://static.hotjar.com/c/hotjar-1.js", "It records visits.", "static.hotjar.com", "_hjSession_1"} {
		if !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
			t.Errorf("the card lacks %q:\n%s", want, v)
		}
	}
}

// An unclaimed host's card shows the cookies set on it.
func TestAnUnclaimedHostsCardShowsItsCookies(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "", WithScan(shopScan()))
	s.waitFor("the scan's rows", func(v string) bool { return strings.Contains(v, "px.nobody.example") })
	s.typeText("px.nobody")
	s.waitFor("the host alone", func(v string) bool { return strings.Contains(v, "1 of 4") })
	s.press(tea.KeyEnter)
	v := strings.Join(strings.Fields(s.waitText("SEEN ON THIS SITE")), " ")
	for _, want := range []string{"the capture made 4 requests to it", "tt cookie", "on .nobody.example"} {
		if !strings.Contains(v, want) {
			t.Errorf("the card lacks %q:\n%s", want, v)
		}
	}
}

// changingCatalog is a catalogue whose file a writer replaces.
type changingCatalog struct {
	fakeCatalog
	changed *atomic.Bool
}

func (c changingCatalog) Changed() bool { return c.changed.Load() }

// An import landing while the browser is open shows in its list.
func TestTheBrowserNoticesAnImportLanding(t *testing.T) {
	defer func(d time.Duration) { watchEvery = d }(watchEvery)
	watchEvery = 20 * time.Millisecond
	changed := &atomic.Bool{}
	before := changingCatalog{fakeCatalog{vendors: fixture()}, changed}
	after := append(fixture(), data.Vendor{ID: "wingtip", Name: "Wingtip Stats", Category: data.Analytics})
	reopen := func() (Catalog, error) { return fakeCatalog{vendors: after}, nil }
	s := start(t, 80, 24, before, "wingtip", WithReopen(reopen))
	s.waitText("No vendor matches")
	changed.Store(true)
	v := s.waitText("Wingtip Stats")
	if !strings.Contains(v, "Reloaded: an import or forget landed.") {
		t.Errorf("the status line does not say the catalogue changed:\n%s", v)
	}
}

// A forget landing while the removed vendor's card is open takes the
// card off the screen, back to the list, and says why: the card of a
// vendor no longer in the catalogue can no longer be read or exported.
// The terminal coming back into focus looks at once, between the ticks.
func TestAForgetLandingClosesTheCardOfTheVendorItRemoved(t *testing.T) {
	defer func(d time.Duration) { watchEvery = d }(watchEvery)
	watchEvery = time.Hour // only the focus looks
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		changed := &atomic.Bool{}
		wingtip := data.Vendor{ID: "wingtip", Name: "Wingtip Stats", Category: data.Analytics}
		before := changingCatalog{fakeCatalog{vendors: append(fixture(), wingtip)}, changed}
		reopen := func() (Catalog, error) { return fakeCatalog{vendors: fixture()}, nil }
		s := start(t, size[0], size[1], before, "wingtip", WithReopen(reopen))
		s.waitText("Wingtip Stats")
		s.press(tea.KeyEnter)
		s.waitText("Analytics")
		changed.Store(true)
		s.tm.Send(tea.FocusMsg{})
		v := s.waitText("No vendor matches")
		if !strings.Contains(v, "Reloaded; a forget removed Wingtip") {
			t.Errorf("%dx%d: after the forget the screen should be the list, saying why:\n%s", size[0], size[1], v)
		}
	}
}

// An unclaimed host under a hosting domain says whose hosting it is, as
// lookup does, and its card claims nothing vendex cannot know: not "it
// asks for no browser permissions", which only a card's silence says.
func TestAnUnclaimedHostsCardSaysOnlyWhatIsKnown(t *testing.T) {
	r := shopScan()
	r.UnknownHosts = append(r.UnknownHosts, audit.HostCount{Host: "load.s3.amazonaws.com", Requests: 1, Matched: "s3.amazonaws.com", HostedOn: "Amazon Web Services (S3 and hosted apps)"})
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "", WithScan(r))
	s.waitFor("the scan's rows", func(v string) bool { return strings.Contains(v, "load.s3.amazonaws.com") })
	s.typeText("load.s3")
	s.waitFor("the host alone", func(v string) bool { return strings.Contains(v, "1 of 5") })
	s.press(tea.KeyEnter)
	v := strings.Join(strings.Fields(s.waitText("SEEN ON THIS SITE")), " ")
	if !strings.Contains(v, "No vendor in the catalogue claims this host (owner unknown: a name under s3.amazonaws.com, hosted by Amazon Web Services (S3 and hosted apps))") {
		t.Errorf("the card drops the hosting hint:\n%s", v)
	}
	var host data.Vendor
	for _, u := range newScanView(r).unknown {
		if u.Name == "load.s3.amazonaws.com" {
			host = u
		}
	}
	md := card.Markdown(card.Build(host, nil))
	if strings.Contains(md, "asks for no browser permissions") || strings.Contains(md, "The catalogue records no browser storage") ||
		!strings.Contains(md, "Not known: no card in the catalogue names this host, so vendex cannot say which browser permissions it asks for.") {
		t.Errorf("the exported card claims what vendex cannot know:\n%s", md)
	}
}
