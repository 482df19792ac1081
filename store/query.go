package store

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// Get returns the merged vendor with this id.
func (s *Store) Get(id string) (data.Vendor, error) {
	var v data.Vendor
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		v, err = getVendor(tx, id)
		return err
	})
	return v, err
}

func getVendor(tx *bolt.Tx, id string) (data.Vendor, error) {
	if b := tx.Bucket(bucketVendors); b != nil {
		if raw := b.Get([]byte(id)); raw != nil {
			v, err := decodeRecord("", id, raw)
			if err != nil {
				return v, err
			}
			v.FillVerdicts() // merged by an older vendex, perhaps
			return v, nil
		}
	}
	// A vendor that one layer describes is merged from it on the way out.
	if b := tx.Bucket(bucketBrief); b == nil || b.Get([]byte(id)) == nil {
		return data.Vendor{}, fmt.Errorf("vendor %q: %w", id, ErrNotFound)
	}
	ls, err := layerList(tx)
	if err != nil {
		return data.Vendor{}, err
	}
	v, source, err := storedVendor(tx, ls, id)
	switch {
	case err != nil:
		return data.Vendor{}, err
	case v == nil:
		return data.Vendor{}, fmt.Errorf("%w: vendor %s is indexed but no layer holds it", ErrCorrupt, data.Quote(id))
	}
	return data.Merge([]data.SourcedVendor{{Source: source, Vendor: *v}}), nil
}

// All returns every vendor, sorted by name (case-insensitively, then id).
// With every public dataset imported that is 37,000 records: they are
// decoded on every core.
func (s *Store) All() ([]data.Vendor, error) {
	var out []data.Vendor
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketVendors)
		if b == nil {
			return nil
		}
		// The records to decode: the merged ones, then those of vendors
		// that one layer describes. raw stays valid while tx is open.
		type job struct {
			raw   []byte
			layer *layerRef // nil for a merged record
			key   string
		}
		var jobs []job
		if br := tx.Bucket(bucketBrief); br != nil {
			jobs = make([]job, 0, br.Stats().KeyN)
		}
		b.ForEach(func(k, raw []byte) error {
			jobs = append(jobs, job{raw: raw, key: string(k)})
			return nil
		})
		ls, err := layerList(tx)
		if err != nil {
			return err
		}
		for i := range ls {
			l := &ls[i]
			if l.vendors == nil {
				continue
			}
			l.vendors.ForEach(func(k, raw []byte) error {
				if b.Get(k) == nil {
					jobs = append(jobs, job{raw: raw, layer: l, key: string(k)})
				}
				return nil
			})
		}
		out = make([]data.Vendor, len(jobs))
		errs := make([]error, len(jobs))
		workers := min(runtime.GOMAXPROCS(0), 1+len(jobs)/500)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(jobs); i += workers {
					j := jobs[i]
					layer := ""
					if j.layer != nil {
						layer = j.layer.info.Name
					}
					v, err := decodeRecord(layer, j.key, j.raw)
					if err != nil {
						errs[i] = err
						continue
					}
					if j.layer != nil {
						v = data.Merge([]data.SourcedVendor{{Source: j.layer.source, Vendor: v}})
					} else {
						v.FillVerdicts() // merged by an older vendex, perhaps
					}
					out[i] = v
				}
			})
		}
		wg.Wait()
		return errors.Join(errs...)
	})
	if err != nil {
		return nil, err
	}
	SortByName(out)
	return out, nil
}

// SortByName orders vendors as every list in vendex shows them.
func SortByName(vs []data.Vendor) {
	// Lower-cased once each, not twice a comparison: a sort of 37,000
	// vendors makes over a million comparisons.
	lower := make([]string, len(vs))
	order := make([]int, len(vs))
	for i := range vs {
		lower[i], order[i] = strings.ToLower(vs[i].Name), i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := strings.Compare(lower[a], lower[b]); c != 0 {
			return c
		}
		if c := strings.Compare(vs[a].ID, vs[b].ID); c != 0 {
			return c
		}
		return a - b
	})
	sorted := make([]data.Vendor, len(vs))
	for i, o := range order {
		sorted[i] = vs[o]
	}
	copy(vs, sorted)
}

// Count is the number of vendors.
func (s *Store) Count() int {
	n := 0
	_ = s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketBrief); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n
}

// Find returns the vendor whose id, name or alias is q, in any case and
// spacing ("google analytics", "Google-Analytics", "ga4").
func (s *Store) Find(q string) (data.Vendor, error) {
	key := data.NormalizeName(q)
	var v data.Vendor
	err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketBrief); b != nil && b.Get([]byte(q)) != nil {
			var err error
			v, err = getVendor(tx, q)
			return err
		}
		b := tx.Bucket(bucketNames)
		if b == nil {
			return fmt.Errorf("vendor %q: %w", q, ErrNotFound)
		}
		raw := b.Get([]byte(key))
		if raw == nil {
			return fmt.Errorf("vendor %q: %w", q, ErrNotFound)
		}
		var err error
		v, err = getVendor(tx, nameWinner(raw))
		return err
	})
	return v, err
}

// DomainMatch is the answer to "whose host is this?".
type DomainMatch struct {
	Vendor data.Vendor
	// Matched is the domain or script source that won: "twiliocdn.com" or
	// "media.twiliocdn.com/sdk/js/client/".
	Matched string
	// Source reports that a script source with a path prefix matched.
	Source bool
	// Shared lists the other vendors that declare the matched host shared.
	Shared []string
	// HostedOn is Hit.HostedOn: on a miss under a hosting domain, whose
	// hosting it is (Matched is then that domain, and set alone under a
	// hosting suffix no card names).
	HostedOn string
}

// ByDomain finds the vendor that owns t's host: the longest matching
// suffix wins, and on one host a script source whose path prefix matches
// t's path beats the bare host. It answers as LookupHost does, with the
// whole vendor: a miss under a hosting domain says whose hosting it is.
func (s *Store) ByDomain(t data.Target) (DomainMatch, error) {
	var m DomainMatch
	err := s.view(func(tx *bolt.Tx) error {
		h, err := lookupHost(tx, t)
		if err != nil {
			m = DomainMatch{Matched: h.Matched, HostedOn: h.HostedOn}
			return err
		}
		v, err := getVendor(tx, h.ID)
		if err != nil {
			return err
		}
		m = DomainMatch{Vendor: v, Matched: h.Matched, Source: h.Source, Shared: h.Shared}
		return nil
	})
	return m, err
}

// Hit is the brief answer to "whose host is this?": enough for a line of
// `vendex lookup` without decoding the whole vendor record.
type Hit struct {
	// HostedOn names, for a host under a hosting domain that no vendor
	// claims (someone.github.io), whose hosting it is (GitHub); the lookup
	// is then a miss. On a miss Matched is that domain, or the Public
	// Suffix List's hosting suffix (data.HostingSuffix) when no card names
	// it (someone.gitlab.io: Matched gitlab.io, no HostedOn).
	HostedOn string
	// HostedOnID is that hosting vendor's id.
	HostedOnID string
	ID         string
	Name       string
	Category   data.Category
	Block      data.Answer
	Matched    string
	Source     bool
	Shared     []string
}

// CustomerSite is, when h answers a lookup of host that fell under a
// hosting domain (h.HostedOn), the customer's own name host belongs to:
// the one label below the hosting domain, alice.wordpress.com for
// www.alice.wordpress.com. It is "" when h names no hosting. Whatever
// decides where a site ends (the audit's first party) takes it from here,
// so it ends where the lookup's hosting rule does.
func (h Hit) CustomerSite(host string) string {
	if h.HostedOn == "" || h.Matched == "" {
		return ""
	}
	rest, ok := strings.CutSuffix(strings.ToLower(host), "."+h.Matched)
	if !ok || rest == "" {
		return ""
	}
	return rest[strings.LastIndexByte(rest, '.')+1:] + "." + h.Matched
}

// brief is what the brief bucket holds for each vendor.
type brief struct {
	Name     string        `json:"n"`
	Category data.Category `json:"c,omitempty"`
	Block    data.Answer   `json:"b,omitempty"`
}

// LookupHost is ByDomain for callers that need only the vendor's id, name,
// category and verdict: batch lookups and coverage.
func (s *Store) LookupHost(t data.Target) (Hit, error) {
	var h Hit
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		h, err = lookupHost(tx, t)
		return err
	})
	return h, err
}

// Lookups runs fn with a lookup that answers as LookupHost does, all in
// one read transaction: a batch of 100,000 hosts pays for one, not one
// each, and once it is large enough for that to pay, the domain index is
// read into a map. A miss is ErrNotFound itself, which costs nothing to
// make. The lookup must not be used after fn returns.
func (s *Store) Lookups(fn func(lookup func(data.Target) (Hit, error)) error) error {
	return s.view(func(tx *bolt.Tx) error {
		r := newHostReader(tx)
		return fn(func(t data.Target) (Hit, error) {
			h, ok, err := r.lookup(t)
			if err == nil && !ok {
				err = ErrNotFound
			}
			return h, err
		})
	})
}

func lookupHost(tx *bolt.Tx, t data.Target) (Hit, error) {
	h, ok, err := newHostReader(tx).lookup(t)
	if err == nil && !ok {
		err = fmt.Errorf("%s: %w", t.Host, ErrNotFound)
	}
	return h, err
}

// brief reads one vendor's name, category and verdict.
func (s *Store) brief(id string) (Hit, error) {
	var h Hit
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		h, err = fillHit(tx, Hit{ID: id})
		return err
	})
	return h, err
}

// Names gives the names of the vendors with these ids, read from their
// briefs (no card is decoded); an id the catalogue lacks is left out.
func (s *Store) Names(ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			if bb := tx.Bucket(bucketBrief); bb == nil || bb.Get([]byte(id)) == nil {
				continue
			}
			h, err := fillHit(tx, Hit{ID: id})
			if err != nil {
				return err
			}
			out[id] = h.Name
		}
		return nil
	})
	return out, err
}

// fillHit adds the vendor's name, category and verdict from its brief.
func fillHit(tx *bolt.Tx, h Hit) (Hit, error) {
	var br brief
	if bb := tx.Bucket(bucketBrief); bb != nil {
		if raw := bb.Get([]byte(h.ID)); raw != nil {
			var err error
			if br, err = decodeHit(h.ID, raw); err != nil {
				return Hit{}, fmt.Errorf("%w: vendor %s: %v", ErrCorrupt, data.Quote(h.ID), err)
			}
		}
	}
	h.Name, h.Category, h.Block = br.Name, br.Category, br.Block
	return h, nil
}

// bestClaim picks, among one host's claims made by curated layers (or by
// the others), the most specific path prefix that matches path, else a
// whole-host claim (an unshared one first). A path prefix may hold '*' for
// any run of characters: "/*/fbevents.js" matches every locale's copy of
// the Meta Pixel.
func bestClaim(cs []claim, path string, curated bool) (claim, bool) {
	var best claim
	found, bestLen := false, -1
	for _, c := range cs {
		if c.rank.curated() != curated || c.Path == "" || !pathMatches(c.Path, path) {
			continue
		}
		if n := len(c.Path) - strings.Count(c.Path, "*"); n > bestLen {
			best, found, bestLen = c, true, n
		}
	}
	if found {
		return best, true
	}
	for _, c := range cs {
		if c.rank.curated() == curated && c.Path == "" && (!found || (best.Shared && !c.Shared)) {
			best, found = c, true
		}
	}
	return best, found
}

// pathMatches reports whether path starts with prefix, where '*' in prefix
// stands for any run of characters.
func pathMatches(prefix, path string) bool {
	if !strings.Contains(prefix, "*") {
		return strings.HasPrefix(path, prefix)
	}
	if !strings.HasSuffix(prefix, "*") {
		prefix += "*"
	}
	return data.MatchPattern(prefix, path)
}

// ByCategory lists the ids of the vendors in one consent category, in id
// order; data.Unclassified lists those with none.
func (s *Store) ByCategory(c data.Category) ([]string, error) {
	if c == data.Unclassified {
		c = ""
	}
	var ids []string
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketBrief)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, raw []byte) error {
			br, err := decodeHit(string(k), raw)
			if err != nil {
				return fmt.Errorf("%w: vendor %s: %v", ErrCorrupt, data.Quote(string(k)), err)
			}
			if br.Category == c {
				ids = append(ids, string(k))
			}
			return nil
		})
	})
	return ids, err
}

// CategoryStats counts vendors and domains per consent category.
type CategoryStats struct {
	Category data.Category
	Vendors  int
	Domains  int
}

// IDs lists every vendor's id, in id order: what shell completion offers.
func (s *Store) IDs() ([]string, error) {
	var ids []string
	err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketBrief); b != nil {
			return b.ForEach(func(k, _ []byte) error {
				ids = append(ids, string(k))
				return nil
			})
		}
		return nil
	})
	return ids, err
}
