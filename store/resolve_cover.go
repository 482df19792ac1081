package store

import (
	"slices"

	"github.com/vendex/vendex/data"
)

// curatedCover names a vendor of the user's files or of the embedded
// catalogue, other than id, that claims host or one of its parent domains
// (shared claims included), or "". The walk up stops where id's own claim
// covers the host, and at a hosting domain (cloudfront.net, or the private
// public suffix host is below): a name under one is its customer's, not
// the hosting company's. above is host's hosting answer (see owner).
func (r *resolver) curatedCover(host, id string, above *hostingAbove) string {
	if !r.domains.exists() {
		return ""
	}
	for suffix := range data.Parents(host) {
		cs := r.curatedClaims(suffix, suffix != host)
		switch {
		case len(cs) == 0:
			continue
		case slices.ContainsFunc(cs, func(c claim) bool { return c.ID == id }),
			cs[0].Hosting && suffix != host, above.above(suffix, host, nil):
			return ""
		}
		return cs[0].ID
	}
	return ""
}

// platformSite is the hosting vendor (the catalogue's or the user's)
// under whose domain host is a customer's name, when rec, which claims
// host, is that platform or its company: a dataset that files a
// cloudfunctions.net customer's host under Google (Tracker Radar does)
// names who runs the servers, not whose the site is, and the lookup
// would answer Google for every customer's function. A vendor of
// another company's (a tracker's own CloudFront distribution) keeps the
// host. "" when host is under no hosting domain or rec is another's.
// above is host's hosting answer (see owner).
func (r *resolver) platformSite(host string, rec *data.Vendor, above *hostingAbove) string {
	if !r.domains.exists() {
		return ""
	}
	for suffix := range data.Parents(host) {
		if suffix == host {
			if len(r.curatedClaims(host, false)) > 0 {
				return "" // the catalogue names the host: a service of the platform's, not a customer's
			}
			continue
		}
		cs := r.curatedClaims(suffix, true)
		if len(cs) == 0 {
			continue
		}
		if data.PlatformsOwnName(host, suffix) {
			return "" // the platform's own name: no customer's site
		}
		if !cs[0].Hosting && !above.above(suffix, host, nil) {
			return ""
		}
		h := cs[0].ID
		hv := r.existingVendor(h)
		if h == rec.ID {
			return h
		}
		if hv == nil || hv.Owner == "" {
			return ""
		}
		// The record is the platform's company when its name starts as
		// the platform's owner does: Tracker Radar files every CloudFront
		// distribution under "Amazon Technologies, Inc.", whose platform
		// card's owner is Amazon Web Services. A product's own name
		// (third-party-web's "Alexa Metrics", an Amazon company's own
		// distribution) is a more specific answer, and kept.
		if w := data.FirstNameWord(rec.Name); w != "" && w == data.FirstNameWord(hv.Owner) {
			return h
		}
		return ""
	}
	return ""
}

// curatedClaims are the claims of the user's files or of the embedded
// catalogue on host itself (no path); parent domains' answers are kept, as
// indexedOwner's are.
func (r *resolver) curatedClaims(host string, remember bool) []claim {
	if cs, ok := r.parentCurated[host]; ok {
		return cs
	}
	var out []claim
	if raw := r.domainClaims(host); raw != nil {
		if cs, err := decodeClaims(raw); err == nil {
			for _, c := range cs {
				if c.rank.curated() && c.Path == "" {
					out = append(out, c)
				}
			}
		}
	}
	if remember {
		r.parentCurated[host] = out
	}
	return out
}
