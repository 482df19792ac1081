package audit

import (
	"strings"

	"github.com/vendex/vendex/store"
)

// Pasted names the vendors of cookies known only by their names and the
// domains Set-Cookie lines give them (`vendex cookie -`), with no page to
// say whose site they are on. One Pasted answers a whole batch, so that
// the hosts and cards it reads are read once.
type Pasted struct{ a *auditor }

// NewPasted is a Pasted that reads cat.
func NewPasted(cat Catalogue) *Pasted { return &Pasted{newAuditor(cat)} }

// Cookie takes the cookie name on domain as a third-party cookie and
// attributes it by the rules a scan applies to one in a capture
// (attribute): the domain's vendor when it lists the name, else a vendor
// on the domain's site that lists it, else the domain's vendor. ms are the
// vendors that list name, as Catalogue.Cookies answers it (the caller has
// them already). VendorID is "" when the rules name none (a domain no
// vendor has, where the name alone answers).
func (p *Pasted) Cookie(name, domain string, ms []store.CookieMatch) (Cookie, error) {
	a := p.a
	a.names[name] = ms
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
