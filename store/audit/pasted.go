package audit

import (
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
)

// PastedCookie names the vendor of a cookie known only by its name and the
// domain a Set-Cookie line gives it (`vendex cookie -`), with no page to
// say whose site it is on: it is taken as a third-party cookie and
// attributed by the rules a scan applies to one in a capture (attribute):
// the domain's vendor when it lists the name, else a vendor on the
// domain's site that lists it, else the domain's vendor. VendorID is ""
// when they name none (a domain no vendor has, where the name alone
// answers).
func PastedCookie(cat Catalogue, name, domain string) (Cookie, error) {
	a := &auditor{cat: cat, hits: map[data.Target]hostAnswer{}, names: map[string][]store.CookieMatch{}, cards: map[string]data.Vendor{}, vendors: map[string]*Vendor{}}
	c := Cookie{Name: name, Kind: "cookie", Domain: strings.TrimPrefix(strings.ToLower(domain), "."), Party: "third"}
	h, err := a.hostNamed(c.Domain)
	if err != nil {
		h = hostAnswer{} // a domain we cannot read names nobody
	}
	if err := a.attribute(&c, h, hostAnswer{}, ""); err != nil {
		return Cookie{}, err
	}
	return c, nil
}
