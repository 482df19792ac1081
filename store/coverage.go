package store

import (
	"cmp"
	"errors"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// CoverageReport is what `vendex coverage` prints.
type CoverageReport struct {
	Hosts       int     `json:"hosts"`
	HostsFound  int     `json:"hosts_attributed"`
	Occurrences int64   `json:"occurrences"`
	Weighted    float64 `json:"weighted_percent"`
	Unweighted  float64 `json:"unweighted_percent"`
	Vendors     int     `json:"vendors_hit"`
	// DomainNamed and WeightedDomainNamed are the part of HostsFound and
	// Weighted attributed only to a vendor an import names after its own
	// domain (domainNamed): a host known, but not whose it is.
	DomainNamed         int           `json:"hosts_attributed_domain_named"`
	WeightedDomainNamed float64       `json:"weighted_percent_domain_named"`
	Missing             []MissingHost `json:"top_unattributed"`
}

type MissingHost struct {
	Host  string  `json:"host"`
	Count int64   `json:"count"`
	Share float64 `json:"share_percent"`
}

// Coverage reports how much of a list of third-party hosts the catalogue
// attributes to a vendor, weighted by how often each host was seen and
// unweighted, how much of that only to a vendor named after its own
// domain, with the top heaviest hosts it does not know.
func (s *Store) Coverage(hosts []data.HostCount, top int) (CoverageReport, error) {
	var rep CoverageReport
	var found, foundDomainNamed int64
	vendors := map[string]bool{}
	domainNamed := map[string]bool{} // vendor id -> domainNamed, once asked
	var missing []MissingHost
	for _, h := range hosts {
		rep.Hosts++
		rep.Occurrences += h.Count
		t, err := data.ParseTarget(h.Host)
		if err == nil {
			m, err := s.LookupHost(t)
			if err == nil {
				rep.HostsFound++
				found += h.Count
				vendors[m.ID] = true
				named, err := s.domainNamed(m, domainNamed)
				if err != nil {
					return rep, err
				}
				if named {
					rep.DomainNamed++
					foundDomainNamed += h.Count
				}
				continue
			}
			if !errors.Is(err, ErrNotFound) {
				return rep, err
			}
		}
		missing = append(missing, MissingHost{Host: h.Host, Count: h.Count})
	}
	if rep.Occurrences > 0 {
		rep.Weighted = 100 * float64(found) / float64(rep.Occurrences)
		rep.WeightedDomainNamed = 100 * float64(foundDomainNamed) / float64(rep.Occurrences)
	}
	rep.Unweighted = 100 * float64(rep.HostsFound) / float64(rep.Hosts)
	rep.Vendors = len(vendors)
	sort.SliceStable(missing, func(i, j int) bool {
		if missing[i].Count != missing[j].Count {
			return missing[i].Count > missing[j].Count
		}
		return missing[i].Host < missing[j].Host
	})
	if top >= 0 && len(missing) > top {
		missing = missing[:top]
	}
	for i := range missing {
		if rep.Occurrences > 0 {
			missing[i].Share = 100 * float64(missing[i].Count) / float64(rep.Occurrences)
		}
	}
	rep.Missing = missing
	return rep, nil
}

// domainNamed reports whether the vendor of hit h is one only imports know
// and that they name after a domain of its own, as written
// ("d1af033869koo7.cloudfront.net": a Tracker Radar record with no owner),
// which says what the host is called, not whose it is. Brands spelled as
// a domain ("Booking.com") are not taken for one. seen keeps each vendor's
// answer: a list names many hosts of one vendor.
func (s *Store) domainNamed(h Hit, seen map[string]bool) (bool, error) {
	if !strings.ContainsRune(h.Name, '.') || strings.ContainsRune(h.Name, ' ') {
		return false, nil
	}
	if named, ok := seen[h.ID]; ok {
		return named, nil
	}
	v, err := s.Get(h.ID)
	if err != nil {
		return false, err
	}
	named := v.FromImportsOnly() && slices.ContainsFunc(v.Domains, func(d data.Domain) bool { return d.Host == v.Name })
	seen[h.ID] = named
	return named, nil
}

// Suggest returns up to n vendor names close to q, for a "no vendor q"
// message: names and aliases containing q first, then by edit distance.
// A name needing more edits than a quarter of q's letters (one, for a
// short q) is no suggestion: "nosuchvendorxyz" gets none, rather than
// three unrelated names, and "nosuch" not QOS.ch, two edits away in six
// letters (trial8).
// It reads the name index, not the vendor records, so a miss stays quick
// with tens of thousands of imported vendors.
func (s *Store) Suggest(q string, n int) []string {
	lq := data.NormalizeName(q)
	far := max(1, utf8.RuneCountInString(lq)/4)
	best := map[string]int{} // vendor id -> distance
	_ = s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketNames)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, raw []byte) error {
			id := nameWinner(raw)
			if id == "" {
				return nil
			}
			name := string(k)
			d := 0
			if !strings.Contains(name, lq) {
				d = editDistance(lq, name)
			}
			if d > far {
				return nil
			}
			if old, ok := best[id]; !ok || d < old {
				best[id] = d
			}
			return nil
		})
	})
	ids := slices.SortedFunc(maps.Keys(best), func(a, b string) int {
		return cmp.Or(cmp.Compare(best[a], best[b]), strings.Compare(a, b))
	})
	if len(ids) > n {
		ids = ids[:n]
	}
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		name := id
		if h, err := s.brief(id); err == nil && h.Name != "" {
			name = h.Name
		}
		names = append(names, data.CleanLine(name))
	}
	return names
}

// editDistance is the optimal string alignment distance: a letter put
// in, left out or changed, or two neighbours swapped, is one edit each, so
// "stirpe" is one from "stripe" as "strpe" is (review9: counting the swap
// as two made a quarter of the letters too few for hotjra, goolge, stirpe).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	before := make([]int, len(rb)+1) // the row of ra[:i-2]
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
		}
		before, prev, cur = prev, cur, before
	}
	return prev[len(rb)]
}
