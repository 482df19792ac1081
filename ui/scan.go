package ui

import (
	"fmt"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
	"github.com/vendex/vendex/store/audit"
)

// WithScan opens the browser on a site audit: the list holds the vendors
// the capture found (those with findings marked ✗) and a row for each host
// no vendor claims; each card starts with what was seen on the site.
// Related vendors outside the scan can still be followed.
func WithScan(r *audit.Report) Option {
	return func(c *common) { c.scan = newScanView(r) }
}

// scanView is a site audit as the browser uses it.
type scanView struct {
	site    string
	ids     map[string]bool // the vendors the list shows
	seen    map[string]card.Seen
	flagged map[string]bool
	unknown []data.Vendor // a row for each host nobody claims, and one for the cookies
	warning string        // what the status line says first
}

// unknownPrefix starts the ids of the rows for unclaimed hosts; a vendor
// id is a slug, so none has the dots a host has after it. The id names the
// file `e` exports, so it holds nothing a file system refuses.
const unknownPrefix = "unclaimed-host-"

// unclaimedCookies is the id of the row that lists the cookies and keys
// nobody claims.
const unclaimedCookies = "unclaimed-cookies"

func newScanView(r *audit.Report) *scanView {
	s := &scanView{site: r.Site, ids: map[string]bool{}, seen: map[string]card.Seen{}, flagged: map[string]bool{}}
	for _, v := range r.Vendors {
		s.ids[v.ID] = true
		seen := card.Seen{Site: r.Site}
		for _, h := range v.Hosts {
			seen.Hosts = append(seen.Hosts, card.SeenHost{Host: h.Host, Requests: h.Requests})
		}
		s.seen[v.ID] = seen
	}
	for _, c := range r.Cookies {
		seen := s.seen[c.VendorID]
		seen.Stored = append(seen.Stored, seenItem(c))
		s.seen[c.VendorID] = seen
	}
	for _, g := range audit.GroupFindings(r.Findings) {
		id := g.VendorID
		if id == "" { // an unclaimed host that --strict counts
			id = unknownPrefix + g.Vendor
		}
		s.flagged[id] = true
		seen := s.seen[id]
		seen.Findings, seen.Reasons = []string{g.Text()}, g.Whys
		s.seen[id] = seen
	}
	claimed := map[int]bool{} // unclaimed cookies shown on their host's row
	for _, h := range r.UnknownHosts {
		id := unknownPrefix + h.Host
		s.ids[id] = true
		requests := "1 request"
		if h.Requests != 1 {
			requests = fmt.Sprintf("%d requests", h.Requests)
		}
		seen := card.Seen{Site: r.Site, Hosts: []card.SeenHost{{Host: h.Host, Requests: h.Requests}}}
		for i, c := range r.UnknownCookies {
			if data.InDomain(h.Host, c.Domain) {
				seen.Stored = append(seen.Stored, seenItem(c))
				claimed[i] = true
			}
		}
		hosting := ""
		if hint := h.Hosting(); hint != "" {
			hosting = " (" + hint + ")"
		}
		s.unknown = append(s.unknown, data.Vendor{
			ID: id, Name: h.Host,
			Summary: "No vendor in the catalogue claims this host" + hosting + "; the capture made " + requests + " to it. " +
				"If you know whose it is, add it with 'vendex import --user FILE'.",
			Domains:    []data.Domain{{Host: h.Host}},
			Provenance: []data.Provenance{{Field: "domains", Value: h.Host, Source: data.CaptureSource}},
		})
		s.seen[id] = seen
	}
	// The other unclaimed cookies and keys have a row of their own.
	rest := card.Seen{Site: r.Site}
	for i, c := range r.UnknownCookies {
		if !claimed[i] {
			rest.Stored = append(rest.Stored, seenItem(c))
		}
	}
	if len(rest.Stored) > 0 {
		s.ids[unclaimedCookies] = true
		s.unknown = append(s.unknown, data.Vendor{
			ID: unclaimedCookies, Name: fmt.Sprintf("Cookies nobody claims (%d)", len(rest.Stored)),
			Summary: "Cookies and storage keys the capture recorded that no vendor in the catalogue claims, on the site's own domain or elsewhere. " +
				"Classify them with 'vendex import --user FILE', or describe the site's own in its cookie declaration.",
		})
		s.seen[unclaimedCookies] = rest
	}
	if len(r.Warnings) > 0 {
		s.warning = fmt.Sprintf("%s (%d warnings; 'vendex scan' lists them)", r.Warnings[0], len(r.Warnings))
		if len(r.Warnings) == 1 {
			s.warning = r.Warnings[0]
		}
	}
	return s
}

func seenItem(c audit.Cookie) card.SeenItem {
	it := card.SeenItem{Name: c.Name, Kind: c.Kind, Observed: c.ObservedLifetime, Declared: c.DeclaredLifetime, Notes: c.Flags}
	if c.Domain != "" {
		it.Notes = append([]string{"on " + c.Domain}, it.Notes...)
	}
	return it
}

// shows reports whether the list shows vendor id: every vendor without a
// scan.
func (s *scanView) shows(id string) bool { return s == nil || s.ids[id] }

// unknownVendor is the row of an unclaimed host with this id.
func (s *scanView) unknownVendor(id string) (data.Vendor, bool) {
	if s == nil {
		return data.Vendor{}, false
	}
	for _, v := range s.unknown {
		if v.ID == id {
			return v.Cleaned(), true
		}
	}
	return data.Vendor{}, false
}

// card adds what the scan saw to c, if anything.
func (s *scanView) card(c card.Card) card.Card {
	if s == nil {
		return c
	}
	if seen, ok := s.seen[c.ID]; ok {
		return c.WithSeen(seen)
	}
	return c
}

// mark is "✗ " for a vendor with findings.
func (s *scanView) mark(id string) string {
	if s != nil && s.flagged[id] {
		return "✗ "
	}
	return ""
}
