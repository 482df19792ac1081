package dataset

import (
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/internal/publicsuffix"
)

// importHost turns a domain as datasets write it ("*.hotjar.com",
// ".google.com", "https://cdn.example.com/x.js", "Example.COM") into a host,
// or reports false for anything that is not one (an IP is kept, a bare
// top-level name is not).
func importHost(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "/:") {
		t, err := data.ParseTarget(s)
		if err != nil {
			return "", false
		}
		s = t.Host
	}
	s = strings.TrimLeft(s, "*.")
	if s == "" || !strings.Contains(s, ".") || strings.Contains(s, "*") {
		return "", false
	}
	if h, ok := plainHost(s); ok {
		return h, true
	}
	if _, ok := data.IPAddress(s); ok {
		return "", false // an address, not a vendor's domain (Tracker Radar lists 127.0.0.1)
	}
	h, err := data.NormalizeHost(s)
	if err != nil {
		return "", false
	}
	return h, true
}

// plainHost is NormalizeHost for the common case, without IDNA: an ASCII
// name of letters, digits, hyphens and underscores with at least one letter
// (so not an IP address) and no label that IDNA would treat specially
// (leading or trailing hyphen, "--" at the third and fourth characters, as
// in punycode). It reports false for anything else, which NormalizeHost
// then decides.
func plainHost(s string) (string, bool) {
	s = strings.TrimSuffix(s, ".")
	if len(s) == 0 || len(s) > 253 {
		return "", false
	}
	letter, lower := false, true
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			l := s[start:i]
			if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' || (len(l) >= 4 && l[2] == '-' && l[3] == '-') {
				return "", false
			}
			start = i + 1
			continue
		}
		switch c := s[i]; {
		case c >= 'a' && c <= 'z':
			letter = true
		case c >= 'A' && c <= 'Z':
			letter, lower = true, false
		case c >= '0' && c <= '9', c == '-', c == '_':
		default:
			return "", false
		}
	}
	if !letter || data.EndsInNumber(s) {
		return "", false // an address, or no host at all (k1-1.1.1.1): NormalizeHost says
	}
	if !lower {
		s = strings.ToLower(s)
	}
	return s, true
}

// addDomain adds a host to v once, warning about anything unusable at
// the JSON path that path works out: only for a warning, as formatting
// every host's path was an allocation a host (37,000 in Tracker Radar's
// entities) for the few dozen that are warned about.
func (rd *reader) addDomain(v *data.Vendor, raw string, path func() string) {
	if strings.TrimSpace(raw) == "" {
		return
	}
	h, ok := importHost(raw)
	if !ok {
		rd.warn(0, path(), "skipped %q: not a host name", text(raw))
		return
	}
	if ps, _ := publicsuffix.PublicSuffix(h); ps == h {
		// A public suffix (co.uk, github.io, cloudfront.net) is everyone's:
		// claiming it would give its every name to this vendor.
		rd.warn(0, path(), "skipped %q: a public suffix, under which anyone can have a name", h)
		return
	}
	if !data.HasDomain(v.Domains, h) {
		v.Domains = append(v.Domains, data.Domain{Host: h})
	}
}

// addStorage adds a storage item once (same kind and name).
func addStorage(v *data.Vendor, st data.StorageItem) {
	if st.Name == "" || data.HasStorage(v.Storage, st) {
		return
	}
	v.Storage = append(v.Storage, st)
	if st.Kind == data.Cookie {
		v.SetsCookies = data.Yes
	}
}

// storageSets adds storage items once, as addStorage does, in constant time
// for a vendor of many items (data.StorageSet): a file of one vendor's
// 40,000 cookies took seconds comparing each row with every row before it.
// A vendor's set is made when its list grows past a few items, and made
// again if the list changed without it.
type storageSets map[*data.Vendor]data.StorageSet

const storageSetFrom = 32

func (ss storageSets) add(v *data.Vendor, st data.StorageItem) {
	if st.Name == "" {
		return
	}
	if len(v.Storage) < storageSetFrom {
		addStorage(v, st)
		return
	}
	set := ss[v]
	if len(set) != len(v.Storage) {
		set = data.NewStorageSet(v.Storage)
		ss[v] = set
	}
	if set.Add(&v.Storage, st) && st.Kind == data.Cookie {
		v.SetsCookies = data.Yes
	}
}

func addAlias(v *data.Vendor, a string) {
	a = text(a)
	if a == "" || data.NormalizeName(a) == data.NormalizeName(v.Name) || data.ContainsFold(v.Aliases, a) {
		return
	}
	v.Aliases = append(v.Aliases, a)
}

// categoryTable maps one format's category names (lower case) onto
// vendex's consent categories. A name that is not in the table is kept in
// Vendor.SeenCategories, as the source spelled it; a name mapped to "" carries
// no consent meaning and is dropped. Each format's table is in its reader's file.
type categoryTable map[string]data.Category

// addCategory records one source category on v: mapped, it becomes the
// vendor's category (the first one seen) or joins Categories; unmapped, it
// is kept as seen.
func (t categoryTable) addCategory(v *data.Vendor, raw string) {
	raw = text(raw)
	if raw == "" {
		return
	}
	c, ok := t[strings.ToLower(raw)]
	if !ok {
		if !data.ContainsFold(v.SeenCategories, raw) {
			v.SeenCategories = append(v.SeenCategories, raw)
		}
		return
	}
	if c == "" {
		return // a label that says nothing about consent ("Non-Tracking")
	}
	switch {
	case v.Category == "":
		v.Category = c
	case v.Category != c && !slices.Contains(v.Categories, c):
		v.Categories = append(v.Categories, c)
	}
}

// secondsLifetime turns a max age in seconds into a lifetime; zero or less
// is unknown.
func secondsLifetime(s float64) data.Lifetime {
	if s <= 0 {
		return data.Lifetime{}
	}
	return data.Lifetime{Seconds: int64(s)}
}
