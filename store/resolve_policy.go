package store

import (
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/dataset"
)

// byPolicy is the one curated vendor (the catalogue's or the user's)
// whose privacy policy is rec's, or "": the IAB's list gives each vendor
// its policy and no domains, and the catalogue took many policies from it.
// An owner of several vendors (Google, Adobe) shares one policy among
// them, so a policy names a vendor only when its owner has no other.
func (r *resolver) byPolicy(rec *data.Vendor) (string, string) {
	k := policyKey(rec.PrivacyPolicy)
	if k == "" {
		return "", ""
	}
	if r.policies == nil {
		r.readCurated()
	}
	if ids := r.policies[k]; len(ids) == 1 && ids[0] != "" {
		return ids[0], "privacy policy " + rec.PrivacyPolicy
	}
	return "", ""
}

// readCurated fills r.policies and r.owned from the curated layers; in
// r.policies a vendor whose owner has others counts as "", so that its
// policy names none. A batch reads them once for all its files (see
// recordCache.curated): decoding every card of the catalogue again for
// each dataset was a twentieth of an import of eleven.
func (r *resolver) readCurated() {
	key := curatedKey(r.layers)
	if c := r.cache.curatedAnswers(key); c != nil {
		r.policies, r.owned = c.policies, c.owned
		return
	}
	defer func() { r.cache.keepCurated(&curatedAnswers{key, r.policies, r.owned}) }()
	type entry struct{ id, owner string }
	var all []entry
	byPolicy := map[string][]int{}
	owners := map[string]map[string]bool{} // owner key -> its vendors
	r.owned = map[string][]ownedVendor{}
	for _, l := range r.layers {
		if l.vendors == nil || !l.rank.curated() {
			continue
		}
		_ = l.vendors.ForEach(func(_, raw []byte) error {
			var v data.Vendor
			if data.UnmarshalVendor(raw, &v) != nil {
				return nil
			}
			// Copies of what is kept: v's strings share its whole record.
			id, o := strings.Clone(v.ID), strings.Clone(data.NormalizeName(v.Owner))
			if o != "" {
				if owners[o] == nil {
					owners[o] = map[string]bool{}
				}
				if !owners[o][id] && namesake(id, &v) {
					r.owned[o] = append(r.owned[o], ownedVendor{id, data.Category(strings.Clone(string(v.Category)))})
				}
				owners[o][id] = true
			}
			if pk := policyKey(v.PrivacyPolicy); pk != "" {
				pk = strings.Clone(pk)
				byPolicy[pk] = append(byPolicy[pk], len(all))
				all = append(all, entry{id, o})
			}
			return nil
		})
	}
	r.policies = make(map[string][]string, len(byPolicy))
	for pk, is := range byPolicy {
		for _, i := range is {
			id := all[i].id
			if o := all[i].owner; o != "" && len(owners[o]) > 1 {
				id = ""
			}
			if !slices.Contains(r.policies[pk], id) {
				r.policies[pk] = append(r.policies[pk], id)
			}
		}
	}
}

// curatedAnswers are what readCurated found in the curated layers that
// key names (curatedKey). They are shared: nothing may change them.
type curatedAnswers struct {
	key      string
	policies map[string][]string
	owned    map[string][]ownedVendor
}

// curatedKey names the curated layers of ls as they stand: a batch's
// import of a user's file adds a layer, and with it a new key. A layer
// of one name holds one file (LayerName), which a batch writes once.
func curatedKey(ls []layerRef) string {
	var b strings.Builder
	for _, l := range ls {
		if l.vendors != nil && l.rank.curated() {
			b.WriteString(l.info.Name)
			b.WriteByte(0)
		}
	}
	return b.String()
}

// policyKey folds a privacy policy URL for comparing: no scheme, no
// "www.", no fragment, no trailing slash, lower case.
func policyKey(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	u, _, _ = strings.Cut(u, "#")
	for _, p := range []string{"https://", "http://", "www."} {
		u = strings.TrimPrefix(u, p)
	}
	return strings.TrimRight(u, "/")
}

// byDisclosure is the vendor whose host serves rec's device storage
// disclosure (the file a TCF vendor lists its cookies in, which its IAB
// source links), or "", with the host. A vendor publishes the file on its
// own servers: "BYTEDANCE PTE. LTD." at www.pangleglobal.com is Pangle,
// not the TikTok embeds whose alias "bytedance" is, and "ADITION
// (Virtual Minds GmbH)" at imagesrv.adition.com is Virtual Minds. Only a
// vendor whose names share a word with rec's, so that a file on someone
// else's servers (a bucket) does not name their owner, and not a
// functional one: a company's static hosts (www.gstatic.com,
// m.media-amazon.com) serve every product's files.
func (r *resolver) byDisclosure(rec *data.Vendor) (string, string) {
	for _, s := range rec.Sources {
		if s.URL == "" || !strings.HasPrefix(s.Name, dataset.IABAliasPrefix) {
			continue
		}
		t, err := data.ParseTarget(s.URL)
		if err != nil || t.Host == "" {
			continue
		}
		id := r.owner(t.Host, nil)
		if id == "" || !r.sharesWord(rec.Name, id) {
			continue
		}
		if v := r.existingVendor(id); v == nil || v.Category == data.Functional || v.Category == data.StrictlyNecessary {
			continue
		}
		return id, "storage disclosure on " + t.Host
	}
	return "", ""
}

// namedAs reports whether k is vendor id's own name, or its name without
// a closing note in brackets ("Magnite (Rubicon Project)" is "magnite"),
// rather than only an alias of it; true for a vendor with no brief (one
// of the file's own records).
func (r *resolver) namedAs(id, k string) bool {
	name, _, ok := data.BriefName(r.brief.Get([]byte(id)))
	return !ok || namedAs(string(name), k)
}
