package dataset

import (
	"bytes"
	"cmp"
	"maps"
	"slices"

	"github.com/vendex/vendex/data"
)

// Tracker Radar and the tracker blocklist "categories".
var trCategories = categoryTable{
	"advertising": data.Marketing, "ad motivated tracking": data.Marketing, "action pixels": data.Marketing,
	"third-party analytics marketing": data.Marketing, "social network": data.Marketing,
	"social - share": data.Marketing, "social - comment": data.Marketing,
	"analytics": data.Analytics, "audience measurement": data.Analytics, "session replay": data.Analytics,
	"ad fraud": data.StrictlyNecessary, "fraud prevention": data.StrictlyNecessary,
	"consent management platform": data.StrictlyNecessary, "federated login": data.StrictlyNecessary,
	"sso": data.StrictlyNecessary, "online payment": data.StrictlyNecessary,
	"embedded content": data.Functional, "cdn": data.Functional, "content delivery": data.Functional,
	"support chat widget": data.Functional, "tag manager": data.Functional, "badge": data.Functional,
	"non-tracking": "",
}

// trDomain is a Tracker Radar domain file (the parts vendex uses).
type trDomain struct {
	Domain string `json:"domain"`
	Owner  struct {
		Name          string `json:"name"`
		DisplayName   string `json:"displayName"`
		PrivacyPolicy string `json:"privacyPolicy"`
		URL           string `json:"url"`
	} `json:"owner"`
	Categories []string `json:"categories"`
	Resources  []struct {
		FirstPartyCookies map[string]struct {
			TTL float64 `json:"ttl"`
		} `json:"firstPartyCookies"`
	} `json:"resources"`
}

// trDomains reads Tracker Radar domain files: one (domains/<region>/<domain>.json
// upstream) or JSON lines of them, or the domain index CSV derived from
// them (see trDomainCSV). Domains group by owner; a domain with no
// owner is a vendor of its own, named after the domain. First-party
// cookies the owner's scripts set become cookies with their observed TTL.
func (rd *reader) trDomains(b []byte) ([]data.Vendor, error) {
	if bytes.HasPrefix(b, []byte("domain,")) {
		return rd.trDomainCSV(b)
	}
	c := newCollector()
	line := 0
	for len(b) > 0 {
		var chunk []byte
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			chunk, b = b, nil
		} else {
			chunk, b = b[:i], b[i+1:]
		}
		line++
		if len(bytes.TrimSpace(chunk)) == 0 {
			continue
		}
		if line == 1 && len(b) > 0 && !bytes.HasSuffix(bytes.TrimSpace(chunk), []byte("}")) {
			// One pretty-printed domain file, not JSON lines.
			chunk, b = append(append(chunk, '\n'), b...), nil
		}
		var d trDomain
		if err := rd.decodeJSONAt(chunk, line-1, "", &d); err != nil {
			return nil, err
		}
		rd.addTRDomain(c, line, d)
	}
	return c.vendors(), nil
}

// addTRDomain adds one Tracker Radar domain record to its owner's vendor.
func (rd *reader) addTRDomain(c *collector, line int, d trDomain) {
	host, ok := importHost(d.Domain)
	if !ok {
		rd.warn(line, "domain", "skipped %q: not a host name", text(d.Domain))
		return
	}
	owner := firstNonEmpty(d.Owner.DisplayName, d.Owner.Name)
	var v *data.Vendor
	if text(owner) == "" {
		v = c.get("\x00"+host, host)
	} else {
		v = c.get(d.Owner.Name+"\x00"+owner, owner)
		addAlias(v, d.Owner.Name)
	}
	if !data.HasDomain(v.Domains, host) {
		v.Domains = append(v.Domains, data.Domain{Host: host})
	}
	v.PrivacyPolicy = cmp.Or(v.PrivacyPolicy, text(d.Owner.PrivacyPolicy))
	v.Website = cmp.Or(v.Website, text(d.Owner.URL))
	for _, cat := range d.Categories {
		trCategories.addCategory(v, cat)
	}
	for _, r := range d.Resources {
		for _, n := range slices.Sorted(maps.Keys(r.FirstPartyCookies)) {
			if text(n) == "" {
				continue
			}
			addStorage(v, data.StorageItem{Kind: data.Cookie, Name: text(n), Party: data.FirstParty, Lifetime: secondsLifetime(r.FirstPartyCookies[n].TTL)})
		}
	}
}
