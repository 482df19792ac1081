package store

import (
	"fmt"
	"strings"

	"github.com/vendex/vendex/data"
)

// ownedVendor is a curated vendor as its owner's key lists it.
type ownedVendor struct {
	id       string
	category data.Category
}

// byStem is the curated vendor that rec's name names as its owner, or
// with words for its region, holding or parent after its name
// (data.NameStems), or "", with why. It is the last of the rules, for
// records no other rule joined: "Seedtag Advertising S.L" is the owner of
// Seedtag, "Taboola Europe Limited" and "Neustar, Inc., a TransUnion
// company" are Taboola and Neustar. Only the exact name or owner of one
// curated vendor will do, so that "Genius Sports UK Limited" is not
// Geniuslink; an owner names only a vendor named after it ("Experian
// LTD" is not Tapad), and of several, the one of rec's category, if one
// is.
func (r *resolver) byStem(rec *data.Vendor, tcf bool) (string, string) {
	if rec.Name == "" {
		return "", ""
	}
	stems := data.NameStems(rec.Name)
	if id := r.byOwnerKey(r.nameKey, rec.Category, tcf); id != "" {
		return id, fmt.Sprintf("%s is %q, the owner of %s", data.Quote(rec.Name), r.nameKey, id)
	}
	for _, k := range stems {
		if id := r.curatedName(k); id != "" {
			return id, fmt.Sprintf("%s is %q and words for its region, holding or parent", data.Quote(rec.Name), k)
		}
		if id := r.byOwnerKey(k, rec.Category, tcf); id != "" {
			return id, fmt.Sprintf("%s is %q, the owner of %s, and words for its region, holding or parent", data.Quote(rec.Name), k, id)
		}
	}
	return "", ""
}

// byOwnerKey is the curated vendor named after the owner of key k (r.owned
// holds only those: namesake): its only one, or the only one of category
// cat. Only for a record with a TCF id (tcf), a registration of the
// company's own advertising or measurement: the entity lists (Tracker
// Radar's, Disconnect's) name a whole company, Snap or Zoho, whose
// products the catalogue keeps apart.
func (r *resolver) byOwnerKey(k string, cat data.Category, tcf bool) string {
	if !tcf {
		return ""
	}
	if r.owned == nil {
		r.readCurated()
	}
	vs := r.owned[k]
	if len(vs) == 1 {
		return vs[0].id
	}
	id := ""
	for _, v := range vs {
		if cat != "" && v.category == cat {
			if id != "" {
				return ""
			}
			id = v.id
		}
	}
	return id
}

// namesake reports whether vendor id is named after its owner: its id or
// name starts with the owner's first word (Seedtag of "Seedtag
// Advertising S.L.", Yahoo Advertising of "Yahoo Inc."), not a product
// of another name (Tapad of Experian, Smaato of Verve Group), whose
// owner's own record is another vendor than it.
func namesake(id string, v *data.Vendor) bool {
	w := data.FirstNameWord(v.Owner)
	return w != "" && (data.FirstNameWord(id) == w || data.FirstNameWord(v.Name) == w)
}

// curatedName is the curated vendor whose name is k, as NormalizeName
// spells it, or whose name without a closing note in brackets is
// ("Neustar (TransUnion)" is also "neustar", when that is one of its
// keys), if one is; "" for none or several. Not one whose id or alias
// alone is k: "impact" is impact.com's id, not IMPACT Software Company's
// name, and "lucid" an alias of Cint, not Lucid Software's name.
func (r *resolver) curatedName(k string) string {
	raw := r.names.Get([]byte(k))
	if raw == nil {
		return ""
	}
	es, err := decodeNames(raw)
	if err != nil {
		return ""
	}
	id := ""
	for _, e := range es {
		name, imported, ok := data.BriefName(r.brief.Get([]byte(e.id)))
		if !ok || imported || e.id == id || !namedAs(string(name), k) {
			continue
		}
		if id != "" {
			return ""
		}
		id = e.id
	}
	return id
}

// namedAs reports whether name, or name without a closing note in
// brackets, is k.
func namedAs(name, k string) bool {
	if data.NormalizeName(name) == k {
		return true
	}
	i := strings.LastIndexByte(name, '(')
	return i > 0 && strings.HasSuffix(name, ")") && data.NormalizeName(name[:i]) == k
}
