package declare

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
)

func hotjar() data.Vendor {
	return data.Vendor{ID: "hotjar", Name: "Hotjar", Owner: "Hotjar Ltd", Category: data.Analytics, SetsCookies: data.Yes,
		PrivacyPolicy: "https://www.hotjar.com/legal/policies/privacy",
		Storage: []data.StorageItem{
			{Kind: data.Cookie, Name: "_hjSession_*", Party: data.FirstParty, Lifetime: data.Lifetime{Seconds: 1800}, Purpose: "Holds the session."},
			{Kind: data.Cookie, Name: "_hjDonePolls", Lifetime: data.Lifetime{Seconds: 365 * 86400}, Purpose: "Remembers answered polls.", Category: data.Functional},
		}}
}

func TestRowsAreGroupedByCategoryAndPatternsShownOnce(t *testing.T) {
	seen := []Seen{
		{Name: "_hjSession_1", Item: "_hjSession_*", Kind: "cookie", Party: "first", Observed: "30 minutes"},
		{Name: "_hjSession_2", Item: "_hjSession_*", Kind: "cookie", Party: "first"},
	}
	d := Build("shop.example", []Use{
		{Vendor: hotjar(), Seen: seen},
		{Vendor: data.Vendor{ID: "ady", Name: "Adyoulike", Category: data.Marketing, SetsCookies: data.Yes, Unpublished: []string{"storage"}}},
		{Vendor: data.Vendor{ID: "fonts", Name: "Google Fonts", Category: data.Functional, SetsCookies: data.No}},
	}, []Unknown{{Name: "sid", Kind: "cookie", Domain: "shop.example", Party: "first", Observed: "session"}})
	var got []string
	for _, g := range d.Groups {
		got = append(got, fmt.Sprintf("%s:%d:%d", g.Category, len(g.Rows), len(g.Unnamed)))
	}
	// Google Fonts sets nothing, and the declaration says so rather than
	// leave a vendor the site uses out.
	if strings.Join(got, " ") != "functional:0:1 analytics:1:0 marketing:0:1 unclassified:1:0" {
		t.Fatalf("groups %v", got)
	}
	if u := d.Groups[0].Unnamed[0]; u.Note != "sets no cookies or storage on the site, its card says" {
		t.Errorf("google fonts %+v", u)
	}
	r := d.Groups[1].Rows[0]
	if r.Name != "_hjSession_*" || !r.Pattern || r.Lifetime != "30 minutes" || r.Observed != "30 minutes" || r.Kind != "HTTP cookie" || r.Party != "first party" || r.Provider.Owner != "Hotjar Ltd" {
		t.Errorf("row %+v", r)
	}
	if u := d.Groups[2].Unnamed[0]; u.Note != "sets cookies; its card names none it sets on the site: check the vendor's own cookie disclosure" {
		t.Errorf("unnamed %+v", u)
	}
	if g := d.Groups[3]; g.Title != "Not yet classified" || !g.NeedsConsent || g.Rows[0].Advice == "" {
		t.Errorf("unclassified %+v", g)
	}
}

// A list of vendors declares every item their cards hold, each in its own
// category.
func TestAListOfVendorsDeclaresTheirCards(t *testing.T) {
	d := Build("", []Use{{Vendor: hotjar()}}, nil)
	if len(d.Groups) != 2 || d.Groups[0].Category != "functional" || d.Groups[1].Rows[0].Name != "_hjSession_*" {
		t.Errorf("%+v", d.Groups)
	}
	if d.Groups[0].NeedsConsent != true || d.Groups[0].About == "" {
		t.Errorf("%+v", d.Groups[0])
	}
}

func hostile() Declaration {
	v := data.Vendor{ID: "evil", Name: "Evil <script>alert(1)</script> | Ads", Owner: "=HYPERLINK(\"http://x\")", Category: data.Marketing,
		PrivacyPolicy: "javascript:alert(3)",
		Storage:       []data.StorageItem{{Kind: data.Cookie, Name: "<img src=x onerror=alert(2)>", Purpose: "</td></tr></table><script>x()</script> *bold* [l](u)\n# h", Lifetime: data.SessionLifetime}}}
	return Build("shop.example\u202e", []Use{{Vendor: v}}, nil)
}

func TestEveryFormatEscapesForItsTarget(t *testing.T) {
	d := hostile()
	htmlOut, _ := Write(d, HTML)
	for _, bad := range []string{"<script>", "<img", "javascript:", "\u202e", "</table><"} {
		if strings.Contains(string(htmlOut), bad) {
			t.Errorf("HTML kept %q", bad)
		}
	}
	if !strings.Contains(string(htmlOut), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("HTML lost the escaped name:\n%s", htmlOut)
	}
	md, _ := Write(d, Markdown)
	for _, bad := range []string{"<script>", "\n# h", "| Ads |", " [l](u)", "*bold*"} {
		if strings.Contains(string(md), bad) {
			t.Errorf("Markdown kept %q:\n%s", bad, md)
		}
	}
	csvOut, _ := Write(d, CSV)
	recs, err := csv.NewReader(strings.NewReader(string(csvOut))).ReadAll()
	if err != nil || len(recs) != 2 || len(recs[1]) != len(recs[0]) {
		t.Fatalf("CSV does not read back as one row: %v %q", err, csvOut)
	}
	if owner := recs[1][7]; !strings.HasPrefix(owner, "'=") {
		t.Errorf("a formula reached a CSV cell: %q", owner)
	}
	js, _ := Write(d, JSON)
	var back Declaration
	if err := json.Unmarshal(js, &back); err != nil || back.Groups[0].Rows[0].Name != "<img src=x onerror=alert(2)>" || strings.Contains(string(js), "\u202e") {
		t.Errorf("JSON: %v %s", err, js)
	}
}

func TestNothingFoundIsSaid(t *testing.T) {
	d := Build("shop.example", nil, nil)
	for _, n := range Formats {
		f := n.Format
		out, err := Write(d, f)
		if err != nil {
			t.Fatal(err)
		}
		if (f == Markdown || f == HTML) && !strings.Contains(string(out), "Nothing to declare was found") {
			t.Errorf("%s does not say nothing was found:\n%s", f, out)
		}
	}
}

// BenchmarkDeclaration2000 builds and writes a declaration of 2,000
// cookies (the bound: 100 ms after the scan).
func BenchmarkDeclaration2000(b *testing.B) {
	var uses []Use
	for v := range 100 {
		u := Use{Vendor: data.Vendor{ID: fmt.Sprint("v", v), Name: fmt.Sprint("Vendor ", v), Category: data.Categories[v%5], PrivacyPolicy: "https://example.com/privacy"}}
		for c := range 20 {
			name := fmt.Sprintf("c%d_%d", v, c)
			u.Vendor.Storage = append(u.Vendor.Storage, data.StorageItem{Kind: data.Cookie, Name: name, Lifetime: data.Lifetime{Seconds: 86400}, Purpose: "Keeps an identifier for the vendor's service."})
			u.Seen = append(u.Seen, Seen{Name: name, Item: name, Kind: "cookie", Party: "third", Observed: "1 day"})
		}
		uses = append(uses, u)
	}
	for b.Loop() {
		d := Build("shop.example", uses, nil)
		for _, n := range Formats {
			f := n.Format
			if _, err := Write(d, f); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// In a declaration from evidence, a vendor seen without its cookies is
// named, and its card's cookies are not listed as the site's (a capture
// with no cookie gave mitmproxy.org ten AWS cookies); a vendor named twice
// is declared once; an unclaimed cookie on the site's own domain is likely
// the site's own.
func TestCookiesTheCaptureDidNotSeeAreNotDeclared(t *testing.T) {
	d := Build("shop.example", []Use{{Vendor: hotjar(), Seen: []Seen{}}, {Vendor: hotjar(), Seen: []Seen{}}},
		[]Unknown{{Name: "PHPSESSID", Kind: "cookie", Party: "first"}})
	var names, named []string
	for _, g := range d.Groups {
		for _, r := range g.Rows {
			names = append(names, r.Name)
			if r.Name == "PHPSESSID" && r.Advice != OwnAdvice {
				t.Errorf("advice %q", r.Advice)
			}
		}
		for _, p := range g.Unnamed {
			named = append(named, p.Name+": "+p.Note)
		}
	}
	if strings.Join(names, " ") != "PHPSESSID" || strings.Join(named, "|") != "Hotjar: "+NotSeenNote {
		t.Errorf("rows %v, named %q", names, named)
	}
	md, _ := Write(d, Markdown)
	if strings.Contains(string(md), "_hjSession_") || !strings.Contains(string(md), "Hotjar Ltd), privacy policy: <https://www.hotjar.com/legal/policies/privacy>: seen in the capture, but none of the cookies") {
		t.Errorf("%s", md)
	}
}

// A card's item set on the vendor's own website (its own_site field:
// Hotjar's pricing-test cookie for its signed-in admins, Crazy Egg's login
// e-mail) is not a customer's cookie: a declaration from a list of vendors
// leaves it out, and keeps the items its script sets, whatever the purpose's
// words say.
func TestTheVendorsOwnSiteCookiesAreNotDeclared(t *testing.T) {
	v := hotjar()
	v.Storage = append(v.Storage,
		data.StorageItem{Kind: data.Cookie, Name: "_hjOwn", Purpose: "Set on Hotjar's own site for signed-in admins of a Hotjar account.", OwnSite: true},
		data.StorageItem{Kind: data.Cookie, Name: "ce_login", Purpose: "The email address last used to log in.", OwnSite: true},
		data.StorageItem{Kind: data.Cookie, Name: "tz", Purpose: "On github.com: the user's time zone, so times show in it.", OwnSite: true},
		data.StorageItem{Kind: data.Cookie, Name: "nyt", Purpose: "On your own site, load an embedded New York Times player."},
		data.StorageItem{Kind: data.Cookie, Name: "own", Purpose: "On the vendor's own site: words alone do not make an item the vendor's own."})
	var names []string
	for _, g := range Build("shop.example", []Use{{Vendor: v}}, nil).Groups {
		for _, r := range g.Rows {
			names = append(names, r.Name)
		}
	}
	if slices.Sort(names); strings.Join(names, " ") != "_hjDonePolls _hjSession_* nyt own" {
		t.Errorf("rows %v", names)
	}
}

// A cookie whose card does not say on whose domain it is set is declared
// with its party "not published", in every table a site publishes, never as
// an empty cell.
func TestAnUnknownPartyIsSaidInWords(t *testing.T) {
	d := Build("shop.example", []Use{{Vendor: hotjar()}}, nil)
	for _, f := range []Format{Markdown, HTML} {
		b, err := Write(d, f)
		if err != nil {
			t.Fatal(err)
		}
		var row string
		for _, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "_hjDonePolls") {
				row = line
			}
		}
		if !strings.Contains(row, "not published") || !strings.Contains(string(b), "first party") {
			t.Errorf("%s: the row of a cookie with no party reads %q", f, row)
		}
	}
}

// A site's localStorage key that shares its name with a cookie only an
// imported dataset gives the vendor keeps the card's own purpose: which
// item the dataset brought is told by kind and name, not by name alone.
func TestAnImportedCookieLeavesAKeyOfItsNameItsPurpose(t *testing.T) {
	card := hotjar()
	card.Storage = append(card.Storage, data.StorageItem{Kind: data.LocalStorage, Name: "_hjTLDTest", Purpose: "Finds the widest cookie domain."})
	imported := data.Vendor{ID: "hotjar", Name: "Hotjar", Storage: []data.StorageItem{
		{Kind: data.Cookie, Name: "_hjTLDTest", Purpose: "The dataset's own words."},
	}}
	v := data.Merge([]data.SourcedVendor{{Source: data.EmbeddedSource, Vendor: card}, {Source: "import:ocd:open-cookie-database.csv", Vendor: imported}})
	d := Build("shop.example", []Use{{Vendor: v, Seen: []Seen{
		{Name: "_hjTLDTest", Item: "_hjTLDTest", Kind: "localStorage", Party: "first"},
		{Name: "_hjTLDTest", Item: "_hjTLDTest", Kind: "cookie", Party: "first"},
	}}}, nil)
	purposes := map[string]string{}
	for _, g := range d.Groups {
		for _, r := range g.Rows {
			purposes[r.Kind] = r.Purpose
		}
	}
	if len(purposes) != 2 || purposes[kindTitle("localStorage")] != "Finds the widest cookie domain." || purposes[kindTitle("cookie")] != ImportedPurpose {
		t.Errorf("purposes by kind: %q", purposes)
	}
}
