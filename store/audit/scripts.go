package audit

import (
	"errors"
	"net/url"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/banner"
	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/store"
)

// BannerVendors are the report's vendors as a consent banner needs them:
// id, name, category, and the script tags the page loaded from each, in
// the order the captures recorded them, once each. A script the vendor's
// own script loaded is left out (holding back the tag holds it back too):
// the capture's initiator says so when it records one; when it records
// none for the vendor, only the vendor's first script counts as a tag.
// A vendor that is the site itself (Vendor.Site, the audit's own rule:
// the New York Times on nytimes.com) has no tag: its scripts are the
// page's own.
func BannerVendors(cat Catalogue, ev *scan.Evidence, r *Report) ([]banner.Vendor, error) {
	index := map[string]int{}
	out := make([]banner.Vendor, len(r.Vendors))
	for i, v := range r.Vendors {
		index[v.ID] = i
		out[i] = banner.Vendor{ID: v.ID, Name: v.Name, Category: v.Category, Site: v.Site, Block: v.Block}
	}
	whose := map[string]string{} // host+path -> vendor id ("" for nobody's)
	vendorOf := func(raw string) (string, error) {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
			return "", nil
		}
		t, err := data.ParseTarget(raw)
		if err != nil {
			return "", nil // the audit warned about it already
		}
		key := t.Host + t.Path
		if id, ok := whose[key]; ok {
			return id, nil
		}
		h, err := cat.LookupHost(t)
		switch {
		case errors.Is(err, store.ErrNotFound):
			whose[key] = ""
		case err != nil:
			return "", err
		default:
			if i, ok := index[h.ID]; ok && !out[i].Site {
				whose[key] = h.ID
			}
		}
		return whose[key], nil
	}
	initiators := map[string]bool{} // vendors with an initiator recorded for a script
	seen := map[string]bool{}
	var scripts []struct {
		id string
		s  banner.Script
		by string // the initiator's vendor
	}
	for _, q := range ev.Requests {
		if q.Type != "script" && q.Type != "inline-snippet" {
			continue
		}
		id, err := vendorOf(q.URL)
		if err != nil {
			return nil, err
		}
		if id == "" || seen[q.URL] {
			continue
		}
		seen[q.URL] = true
		by := ""
		if q.Initiator != "" {
			initiators[id] = true
			if by, err = vendorOf(q.Initiator); err != nil {
				return nil, err
			}
		}
		scripts = append(scripts, struct {
			id string
			s  banner.Script
			by string
		}{id, banner.Script{URL: data.CleanLine(q.URL), Inline: q.Type == "inline-snippet", Source: data.CleanLine(q.Source)}, by})
	}
	for _, sc := range scripts {
		v := &out[index[sc.id]]
		switch {
		case sc.by == sc.id:
			continue // loaded by the vendor's own script
		case !initiators[sc.id] && !sc.s.Inline && hasTag(v.Scripts):
			continue // no initiator recorded: the first script is the tag
		}
		v.Scripts = append(v.Scripts, sc.s)
	}
	return out, nil
}

func hasTag(ss []banner.Script) bool {
	for _, s := range ss {
		if !s.Inline {
			return true
		}
	}
	return false
}
