package store

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// CookieMatch is one vendor's storage item that a name matches.
type CookieMatch struct {
	VendorID   string
	VendorName string
	// Category is the item's own category, or its vendor's where the card
	// gives the item none: a functional vendor's analytics cookie is
	// analytics.
	Category data.Category
	Item     data.StorageItem
	// Pattern reports that Item.Name is a wildcard pattern.
	Pattern bool
	// Source is the layer that recorded Item, as provenance names it:
	// data.EmbeddedSource, "user:FILE" or "import:FORMAT:FILE".
	Source string
}

// Imported reports whether only an imported dataset recorded the item.
func (m CookieMatch) Imported() bool { return strings.HasPrefix(m.Source, "import:") }

// storageSource is the layer that recorded v's storage item named name.
func storageSource(v *data.Vendor, name string) string {
	for _, p := range v.Provenance {
		if p.Field == "storage" && p.Value == name {
			return p.Source
		}
	}
	if len(v.Provenance) > 0 {
		return v.Provenance[0].Source // a vendor of one layer notes it once
	}
	return data.EmbeddedSource // the embedded catalogue alone records none
}

// ByCookie finds the vendors that set a cookie or storage key called name:
// what the catalogue and the user's files say before what imports say,
// then exact names before wildcard patterns (_hjSession_123 matches
// _hjSession_*), then by vendor name.
func (s *Store) ByCookie(name string) ([]CookieMatch, error) {
	var exact, pats []CookieMatch
	err := s.view(func(tx *bolt.Tx) error {
		resolve := func(raw []byte, pattern bool, out *[]CookieMatch) error {
			refs, err := decodeRefs(raw)
			if err != nil {
				return fmt.Errorf("%w: cookie index: %v", ErrCorrupt, err)
			}
			for _, r := range refs {
				v, err := getVendor(tx, r.ID)
				if err != nil {
					return err
				}
				if r.Index < 0 || r.Index >= len(v.Storage) {
					return fmt.Errorf("%w: cookie index points past vendor %s's storage", ErrCorrupt, data.Quote(r.ID))
				}
				it := v.Storage[r.Index]
				cat := it.Category
				if cat == "" {
					cat = v.Category
				}
				*out = append(*out, CookieMatch{VendorID: v.ID, VendorName: v.Name, Category: cat, Item: it, Pattern: pattern, Source: storageSource(&v, it.Name)})
			}
			return nil
		}
		if b := tx.Bucket(bucketCookies); b != nil {
			if raw := b.Get([]byte(name)); raw != nil {
				if err := resolve(raw, false, &exact); err != nil {
					return err
				}
			}
		}
		if b := tx.Bucket(bucketPatterns); b != nil {
			return b.ForEach(func(k, raw []byte) error {
				if data.MatchPattern(string(k), name) {
					return resolve(raw, true, &pats)
				}
				return nil
			})
		}
		return nil
	})
	all := append(exact, pats...)
	sort.SliceStable(all, func(i, j int) bool {
		if a, b := all[i].Imported(), all[j].Imported(); a != b {
			return b
		}
		if all[i].Pattern != all[j].Pattern {
			return all[j].Pattern
		}
		return strings.ToLower(all[i].VendorName) < strings.ToLower(all[j].VendorName)
	})
	return all, err
}
