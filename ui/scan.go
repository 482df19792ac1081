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
	unknown []data.Vendor // a row for each host nobody claims
}

// unknownPrefix starts the ids of the rows for unclaimed hosts; no vendor
// id has a colon.
const unknownPrefix = "host:"

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
		seen.Stored = append(seen.Stored, card.SeenItem{Name: c.Name, Kind: c.Kind, Observed: c.ObservedLifetime, Declared: c.DeclaredLifetime, Notes: c.Flags})
		s.seen[c.VendorID] = seen
	}
	for _, g := range audit.GroupFindings(r.Findings) {
		s.flagged[g.VendorID] = true
		seen := s.seen[g.VendorID]
		seen.Findings, seen.Reasons = []string{g.Text()}, g.Whys
		s.seen[g.VendorID] = seen
	}
	for _, h := range r.UnknownHosts {
		id := unknownPrefix + h.Host
		s.ids[id] = true
		s.unknown = append(s.unknown, data.Vendor{
			ID: id, Name: h.Host,
			Summary: fmt.Sprintf("No vendor in the catalogue claims this host; the capture made %d requests to it. "+
				"If you know whose it is, add it with 'vendex import --user FILE'.", h.Requests),
			Domains: []data.Domain{{Host: h.Host}},
		})
		s.seen[id] = card.Seen{Site: r.Site, Hosts: []card.SeenHost{{Host: h.Host, Requests: h.Requests}}}
	}
	return s
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
