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
	if r.policies == nil {
		r.readCurated()
	}
	if id := r.byOwnerKey(r.nameKey, rec.Category, tcf); id != "" {
		return id, fmt.Sprintf("%s is %q, the owner of %s", data.Quote(rec.Name), r.nameKey, id)
	}
	for _, k := range data.NameStems(rec.Name) {
		if id := r.curatedNames[k]; id != "" {
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

// addCuratedNames notes the keys of curated vendor id's name, and of its
// name without a closing note in brackets ("Neustar (TransUnion)" is
// also "neustar"), in r.curatedNames; a key of two vendors names neither.
// Not its id nor its aliases: "impact" is impact.com's id, not IMPACT
// Software Company's name, and "lucid" an alias of Cint, not Lucid
// Software's name.
func (r *resolver) addCuratedNames(id string, v *data.Vendor) {
	names := []string{v.Name}
	if i := strings.LastIndexByte(v.Name, '('); i > 0 && strings.HasSuffix(v.Name, ")") {
		names = append(names, v.Name[:i])
	}
	for _, n := range names {
		k := data.NormalizeName(n)
		if k == "" {
			continue
		}
		if other, ok := r.curatedNames[k]; ok && other != id {
			r.curatedNames[k] = ""
			continue
		}
		r.curatedNames[strings.Clone(k)] = id
	}
}
