package audit

import (
	"fmt"

	"github.com/vendex/vendex/data/declare"
)

// Declaration is the cookie declaration of what an audit found: each
// vendor's cookies and keys as the scan saw them (a vendor seen with none
// of them is named, its card's are not listed), and the cookies nobody
// claims.
func Declaration(cat Catalogue, r *Report) (declare.Declaration, error) {
	var uses []declare.Use
	for _, v := range r.Vendors {
		card, err := cat.Get(v.ID)
		if err != nil {
			return declare.Declaration{}, fmt.Errorf("vendor %s: %w", v.ID, err)
		}
		u := declare.Use{Vendor: card, Seen: []declare.Seen{}} // from evidence: never nil
		for _, c := range r.Cookies {
			if c.VendorID != v.ID {
				continue
			}
			item := c.Pattern
			if item == "" {
				item = c.Name
			}
			u.Seen = append(u.Seen, declare.Seen{Name: c.Name, Item: item, Kind: c.Kind, Party: c.Party, Observed: c.ObservedLifetime})
		}
		uses = append(uses, u)
	}
	var unknown []declare.Unknown
	for _, c := range r.UnknownCookies {
		unknown = append(unknown, declare.Unknown{Name: c.Name, Kind: c.Kind, Domain: c.Domain, Party: c.Party, Observed: c.ObservedLifetime})
	}
	return declare.Build(r.Site, uses, unknown), nil
}

// DeclarationOf is the declaration of a site that uses these vendors,
// from their cards alone.
func DeclarationOf(cat Catalogue, site string, ids []string) (declare.Declaration, error) {
	uses := make([]declare.Use, 0, len(ids))
	for _, id := range ids {
		card, err := cat.Get(id)
		if err != nil {
			return declare.Declaration{}, fmt.Errorf("vendor %q: %w", id, err)
		}
		uses = append(uses, declare.Use{Vendor: card})
	}
	return declare.Build(site, uses, nil), nil
}
