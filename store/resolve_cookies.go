package store

import (
	"fmt"
	"slices"

	"github.com/vendex/vendex/data"
)

// keepCookies drops the cookies of rec that the user's files or the
// embedded catalogue give by exact name to other vendors and not to rec's,
// reporting each as a conflict, when the file's cookies were observed
// (ImportOptions.ObservedCookies): seen set by one of a company's scripts,
// a name says little of which of its products set it, and the record
// joins one card of the company (Tracker Radar's Google LLC joins
// Google's account card, and would give it Google Analytics' _ga).
func (r *resolver) keepCookies(rec *data.Vendor) {
	if r.user || !r.observed || len(rec.Storage) == 0 {
		return
	}
	kept := rec.Storage[:0:0]
	for _, st := range rec.Storage {
		owners := r.curatedCookieOwners(st.Name)
		if len(owners) > 0 && !slices.Contains(owners, rec.ID) {
			r.rep.Conflicts = append(r.rep.Conflicts, fmt.Sprintf("%s: cookie %s is %s's; not added to %s", r.source, st.Name, owners[0], rec.ID))
			continue
		}
		kept = append(kept, st)
	}
	rec.Storage = kept
}

// curatedCookieOwners are the vendors whose cards in the user's files or
// the embedded catalogue name a storage item exactly so.
func (r *resolver) curatedCookieOwners(name string) []string {
	if ids, ok := r.curatedCookies[name]; ok {
		return ids
	}
	var ids []string
	if raw := r.cookies.Get([]byte(name)); raw != nil {
		refs, _ := decodeRefs(raw) // a damaged index only loses this check
		for _, ref := range refs {
			v := r.existingVendor(ref.ID)
			if v != nil && ref.Index >= 0 && ref.Index < len(v.Storage) && !data.ImportedSource(v.StorageSource(ref.Index)) && !slices.Contains(ids, ref.ID) {
				ids = append(ids, ref.ID)
			}
		}
	}
	if r.curatedCookies == nil {
		r.curatedCookies = map[string][]string{}
	}
	r.curatedCookies[name] = ids
	return ids
}
