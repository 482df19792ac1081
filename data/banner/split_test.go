package banner

import (
	"slices"
	"testing"

	"github.com/vendex/vendex/data/declare"
)

// akamaiSite is a vendor whose card puts its cookies in two categories:
// Akamai's bot-manager cookies are strictly necessary, its other ones
// functional; its script is loaded under its own (functional) category.
func akamaiSite() (declare.Declaration, Banner) {
	ak := provider("akamai", "Akamai")
	d := declare.Declaration{Site: "shop.example", Groups: []declare.Group{
		{Category: "strictly-necessary", Title: "Strictly necessary", About: "Needed.", Rows: []declare.Row{
			{Name: "_abck", Kind: "HTTP cookie", Party: "first party", Provider: ak, Purpose: "Bot detection.", Lifetime: "1 year"},
			{Name: "bm_sz", Kind: "HTTP cookie", Party: "first party", Provider: ak, Purpose: "Bot detection.", Lifetime: "4 hours"},
		}},
		{Category: "functional", Title: "Functionality", About: "Features.", NeedsConsent: true, Rows: []declare.Row{
			{Name: "AKA_A2", Kind: "HTTP cookie", Party: "first party", Provider: ak, Purpose: "Routing.", Lifetime: "1 hour"},
		}},
	}}
	return d, Build(d, []Vendor{{ID: "akamai", Name: "Akamai", Category: "functional", Scripts: []Script{{URL: "https://www.akamai.example/boomerang.js"}}}})
}

// A service's cookies are its own category's: declining a category clears
// none of another's, and a strictly necessary cookie is in a required
// service only.
func TestAServiceHoldsOnlyItsCategorysCookies(t *testing.T) {
	d, b := akamaiSite()
	inCategory := map[string]string{} // cookie -> banner category name
	for _, g := range d.Groups {
		for _, r := range g.Rows {
			inCategory[r.Name] = categoryName(g.Category)
		}
	}
	var names []string
	for _, c := range b.Categories {
		for _, s := range c.Services {
			names = append(names, c.Name+"/"+s.Name)
			for _, k := range s.Cookies {
				if inCategory[k.Name] != c.Name {
					t.Errorf("service %s in %s holds %s, a cookie of %s", s.Name, c.Name, k.Name, inCategory[k.Name])
				}
			}
			if s.Name == "akamai" && len(s.Scripts) != 1 {
				t.Errorf("the vendor's scripts belong to the service in its own category: %+v", s)
			}
		}
	}
	if !slices.Equal(names, []string{"necessary/akamai-necessary", "functionality/akamai"}) {
		t.Errorf("services %v; want akamai-necessary (strictly necessary) and akamai (functionality)", names)
	}
	// A visitor sees two toggles for one vendor: the second says which it is.
	if got := b.Categories[0].Services[0].Title; got != "Akamai (Strictly necessary)" {
		t.Errorf("the second service is titled %q; want the vendor and its category", got)
	}
	if got := b.Categories[1].Services[0].Title; got != "Akamai" {
		t.Errorf("the vendor's own service is titled %q", got)
	}
	k := write(t, b, KlaroJS)
	has(t, k, `"name": "akamai-necessary"`, `"_abck",`, `Stores _abck, bm_sz.`, `Stores AKA_A2.`)
	hasnt(t, k, `Stores _abck, bm_sz, AKA_A2`)
	cc := write(t, b, CookieConsentJS)
	has(t, cc, `"akamai-necessary": {`)
}
