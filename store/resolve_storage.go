package store

import "github.com/vendex/vendex/data"

// reportStorage reports the storage items of rec that neither the vendor
// as the file held it (old) nor an earlier record of the file (earlier)
// has; either may be nil.
func (r *resolver) reportStorage(rec, old *data.Vendor, earlier data.StorageSet) {
	for _, st := range rec.Storage {
		if _, ok := earlier[st.Key()]; !ok && (old == nil || !data.HasStorage(old.Storage, st)) {
			r.listNew(&r.rep.NewCookies, &r.rep.Added.Cookies, Change{st.Name, rec.ID})
		}
	}
}

// joinedStorage is the set of storage keys of earlier, the file's record
// of vendor id that a later record joins. The first join makes earlier a
// copy of its own (its lists may share arrays with other records') and
// the set; Fills and the joins' storage keep them up to date.
func (r *resolver) joinedStorage(id string, earlier *data.Vendor) data.StorageSet {
	if set, ok := r.joined[id]; ok {
		return set
	}
	*earlier = earlier.Clone()
	set := data.NewStorageSet(earlier.Storage)
	r.joined[id] = set
	return set
}

// fillJoined fills earlier, a record that rec joins, from rec (data.Fill).
// The storage items go in here, as Fill adds them (those it lacks by
// key, in order), against earlier's set (joinedStorage): Fill would build
// a set of the whole list at each row.
func fillJoined(earlier, rec *data.Vendor, set data.StorageSet) {
	storage := rec.Storage
	for _, st := range storage {
		set.Add(&earlier.Storage, st)
	}
	rec.Storage = nil
	data.Fill(earlier, rec)
	rec.Storage = storage
}
