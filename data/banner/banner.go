// Package banner is a consent banner's configuration, made from a site's
// cookie declaration (data/declare) and the script tags a scan saw: the
// categories a banner shows, each with its services (one per vendor and
// category: a service's cookies always agree with its purpose), the
// cookies a banner clears when consent is withdrawn, and the tags it holds
// back until consent. Write renders it for vanilla-cookieconsent v3, for
// Klaro!, as a Google Consent Mode v2 block, or as the rewritten tags;
// every text from the data is escaped for its target (a JavaScript string
// or RegExp literal, HTML in a JavaScript string, an HTML attribute).
package banner

import (
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/declare"
)

// Banner is what a consent banner needs to know of a site.
type Banner struct {
	Site       string
	Categories []Category
	// Unknown are cookies and keys nobody claims: shown in the tables,
	// never cleared (they may be the site's own session), and named in a
	// comment for the site's owner to classify.
	Unknown []declare.Row
}

// Category is one of the banner's consent categories.
type Category struct {
	// Name is the banner's key for it: necessary, functionality,
	// analytics, marketing, personalisation, unclassified.
	Name         string
	Title, About string
	Required     bool // strictly necessary: on, and the visitor cannot turn it off
	Services     []Service
	Rows         []declare.Row // the cookie table
	Unnamed      []declare.Provider
}

// Service is one vendor's cookies and scripts of one category, a toggle of
// its own inside that category. A vendor whose card puts its cookies in
// several categories is a service in each (Akamai's bot-manager cookies
// strictly necessary, its other ones functional), so declining a category
// never clears a cookie of another.
type Service struct {
	// Name is the banner's key for it, safe as a key, an attribute and a
	// CSS selector: the vendor's id in the vendor's own category (where its
	// scripts are held back), the id and the category's name in another
	// (akamai-necessary).
	Name     string
	VendorID string
	// Vendor is the vendor's name; Title adds the category's to a
	// vendor's second service ("LinkedIn Insight Tag (Functional)").
	Vendor string
	Title  string
	Owner  string
	// Cookies are the vendor's first-party HTTP cookies: the ones script
	// on the site can delete when consent is withdrawn.
	Cookies []Cookie
	Scripts []Script
	// ConsentMode: a Google tag that reads Google Consent Mode itself.
	ConsentMode bool
	// Site: the vendor is the site itself (Vendor.Site); it has no tag to
	// hold back, only its cookies.
	Site bool
	// Unblocked: the catalogue says not to block the vendor before consent
	// (Vendor.Block "no"); no banner tells the site to hold its tags back.
	Unblocked bool
	// Stores: the declaration has a row of the vendor in this category, a
	// cookie of any party or a web-storage item; in a category that needs
	// consent, each of them needs it, whether or not a banner can clear it.
	Stores bool
}

// Cookie is a cookie name, or a pattern ('*' for any run of characters).
type Cookie struct {
	Name    string
	Pattern bool
}

// Script is a script the site loads from a vendor.
type Script struct {
	URL string
	// Inline: the page's own <script> text loads URL (a tag manager's
	// snippet); that element, not a new tag, is what to hold back.
	Inline bool
	Source string // where the capture recorded it
}

// Vendor is a vendor the site uses: its id, name and category slug (as
// the audit reports them) and the scripts the page loaded from it. Site
// says the vendor is the site itself (the audit's Vendor.Site: the New
// York Times on nytimes.com): it has no script tags (the page's own), and
// no banner names it among the tags to hold back.
type Vendor struct {
	ID, Name, Category string
	Scripts            []Script
	Site               bool
	// Block is the vendor's verdict on blocking before consent, as the
	// audit reports it (yes, no, conditional, unknown): a vendor the
	// catalogue says not to block (a CDN, the site's own platform) is
	// never named among the tags to hold back.
	Block string
}

// ConsentModeVendors are the catalogue's vendors whose tags read Google
// Consent Mode themselves: Google Analytics, Google Ads (with Floodlight)
// and Tag Manager, the tags with built-in consent checks in
// https://developers.google.com/tag-platform/security/concepts/consent-mode.
var ConsentModeVendors = []string{"google-analytics", "google-ads", "google-tag-manager"}

// names are the banner's names for vendex's categories: cookieconsent's
// own (necessary, functionality, analytics, marketing) where it has one.
var names = map[string]string{
	string(data.StrictlyNecessary): "necessary",
	string(data.Functional):        "functionality",
	string(data.Analytics):         "analytics",
	string(data.Marketing):         "marketing",
	string(data.Personalisation):   "personalisation",
	data.Unclassified:              data.Unclassified,
}

// categoryName is a category slug as the banner names it.
func categoryName(slug string) string {
	if n, ok := names[slug]; ok {
		return n
	}
	return safeName(slug)
}

// Build makes the banner of a declaration and the vendors the site uses
// (their scripts, and their categories for vendors the declaration has no
// row for). The strictly necessary category is always there: the banner's
// own cookie is in it.
func Build(d declare.Declaration, vendors []Vendor) Banner {
	b := Banner{Site: d.Site}
	cats := map[string]*Category{}
	var order []string
	cat := func(slug, title, about string, needsConsent bool) *Category {
		if slug == "" {
			slug = data.Unclassified
		}
		name := categoryName(slug)
		c, ok := cats[name]
		if !ok {
			c = &Category{Name: name, Title: title, About: about, Required: !needsConsent}
			cats[name] = c
			order = append(order, slug)
		}
		return c
	}
	necessary := data.StrictlyNecessary
	cat(string(necessary), necessary.Title(), necessary.About(), false)

	type key struct{ category, vendor string }
	services := map[key]*Service{}
	var serviceOrder []key
	home := map[string]string{} // vendor id -> the category its scripts are in
	site := map[string]bool{}   // the vendors that are the site itself
	unblocked := map[string]bool{}
	for _, v := range vendors {
		site[v.ID] = site[v.ID] || v.Site
		unblocked[v.ID] = unblocked[v.ID] || v.Block == string(data.AnswerNo)
	}
	service := func(c *Category, id, title, owner string) *Service {
		k := key{c.Name, id}
		if s, ok := services[k]; ok {
			return s
		}
		name, vendorName := safeName(id), title
		if h, ok := home[id]; ok && h != c.Name {
			// A vendor's second service (its cookies of another
			// category) says which it is: a visitor sees two toggles.
			name = safeName(id + "-" + c.Name)
			title += " (" + c.Title + ")"
		}
		s := &Service{Name: name, VendorID: id, Vendor: data.CleanLine(vendorName), Title: data.CleanLine(title), Owner: data.CleanLine(owner), ConsentMode: slices.Contains(ConsentModeVendors, id), Site: site[id], Unblocked: unblocked[id]}
		services[k] = s
		serviceOrder = append(serviceOrder, k)
		if _, ok := home[id]; !ok {
			home[id] = c.Name
		}
		return s
	}
	// Vendors first: a vendor's scripts are held back under its own
	// category, and that service keeps the vendor's id as its name.
	for _, v := range vendors {
		c := dataCategory(v.Category)
		s := service(cat(v.Category, c.Title(), c.About(), c.NeedsConsent()), v.ID, v.Name, "")
		s.Scripts = append(s.Scripts, v.Scripts...)
	}
	for _, g := range d.Groups {
		c := cat(g.Category, g.Title, g.About, g.NeedsConsent)
		for _, r := range g.Rows {
			if r.Provider.ID == "" {
				b.Unknown = append(b.Unknown, r)
				c.Rows = append(c.Rows, r)
				continue
			}
			c.Rows = append(c.Rows, r)
			s := service(c, r.Provider.ID, r.Provider.Name, r.Provider.Owner)
			s.Stores = true
			if s.Owner == "" {
				s.Owner = data.CleanLine(r.Provider.Owner)
			}
			if clearable(r) {
				s.Cookies = appendCookie(s.Cookies, Cookie{Name: r.Name, Pattern: r.Pattern})
			}
		}
		for _, p := range g.Unnamed {
			c.Unnamed = append(c.Unnamed, p)
			if p.ID != "" {
				service(c, p.ID, p.Name, p.Owner)
			}
		}
	}
	for _, k := range serviceOrder {
		c := cats[k.category]
		c.Services = append(c.Services, *services[k])
	}
	for _, slug := range sortSlugs(order) {
		c := cats[categoryName(slug)]
		slices.SortFunc(c.Services, func(x, y Service) int {
			return strings.Compare(strings.ToLower(x.Title), strings.ToLower(y.Title))
		})
		b.Categories = append(b.Categories, *c)
	}
	return b
}

// HeldBack: the banner holds the service's tags back until the visitor
// accepts its category. Never a strictly necessary category's, the site's
// own, or a vendor the catalogue says not to block (Tag Manager: blocking
// the container blocks the consent checks it runs for the tags inside;
// Akamai CDN: the site's files come through it), whatever it stores.
// Every format follows it: tags leaves such a tag as it is, and gcm names
// it apart.
func (s Service) HeldBack(c Category) bool {
	return !c.Required && !s.Site && !s.Unblocked
}

// AlwaysOn: the service is no toggle, as it is strictly necessary or
// Unswitched.
func (s Service) AlwaysOn(c Category) bool {
	return c.Required || s.Unswitched(c)
}

// Unswitched: in a category that needs consent, the service is on with no
// toggle, as its vendor is not to be blocked and stores nothing here (Tag
// Manager: a toggle would control nothing); Klaro and cookieconsent name it
// always on. A vendor not to be blocked that stores anything needing
// consent keeps its toggle, though its tag loads: a first-party cookie
// (Akamai CDN's functional AKA_A2) is cleared on declining, and a
// third-party cookie or a web-storage item (Commanders Act's TCID,
// _TCCookieSync) is the visitor's to refuse all the same. The site's own
// cookies keep theirs too: the site itself must honour a refusal.
func (s Service) Unswitched(c Category) bool {
	return !c.Required && s.Unblocked && !s.Stores
}

// Switchable: the category is a toggle in the banner: strictly necessary
// (on, and read-only), or with a service the visitor can turn off. One
// whose every service is Unswitched (Tag Manager alone in functionality)
// would be a toggle that controls nothing (review9: cookieconsent wrote
// "functionality": {} for mitmproxy.org): it is shown, not offered.
func (c Category) Switchable() bool {
	return c.Required || slices.ContainsFunc(c.Services, func(s Service) bool { return !s.Unswitched(c) })
}

// Informational: the cookies nobody has classified, with no vendor to
// hold back; a toggle would control nothing, so the banner only lists them.
func (c Category) Informational() bool {
	return c.Name == data.Unclassified && len(c.Services) == 0
}

// Clear is the cookies to delete when the category's consent is
// withdrawn: its rows' first-party HTTP cookies of known vendors.
func (c Category) Clear() []Cookie {
	var out []Cookie
	for _, r := range c.Rows {
		if r.Provider.ID != "" && clearable(r) {
			out = appendCookie(out, Cookie{Name: r.Name, Pattern: r.Pattern})
		}
	}
	return out
}

// clearable: script on the site can delete a first-party HTTP cookie;
// another site's cookie and web storage are out of a banner's reach.
func clearable(r declare.Row) bool {
	return r.Kind == "HTTP cookie" && r.Party != "third party" && r.Name != ""
}

func appendCookie(cs []Cookie, c Cookie) []Cookie {
	if slices.Contains(cs, c) {
		return cs
	}
	return append(cs, c)
}

// dataCategory is a category slug as data.Category ("" for unclassified).
func dataCategory(slug string) data.Category {
	if slug == data.Unclassified {
		return ""
	}
	return data.Category(slug)
}

// sortSlugs puts the categories in the order a banner shows them, then
// unclassified, then categories an import brought, by name.
func sortSlugs(slugs []string) []string {
	rank := func(s string) int {
		if i := slices.Index(data.Categories, data.Category(s)); i >= 0 {
			return i
		}
		if s == data.Unclassified {
			return len(data.Categories)
		}
		return len(data.Categories) + 1
	}
	out := slices.Clone(slugs)
	slices.SortStableFunc(out, func(x, y string) int {
		if rx, ry := rank(x), rank(y); rx != ry {
			return rx - ry
		}
		return strings.Compare(x, y)
	})
	return out
}

// safeName keeps a name a banner uses as a key, an attribute value and
// in a CSS attribute selector (Klaro's [data-name='...']) to letters,
// digits, '-' and '_'.
func safeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "unnamed"
	}
	return b.String()
}
