package store

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/dataset"
	bolt "go.etcd.io/bbolt"
)

// resolver answers "which vendor is this?" against the merged view and the
// records of the file read so far.
type resolver struct {
	tx                    *bolt.Tx
	layers                []layerRef
	brief, names, domains derivedBucket     // as the batch under way has them
	cookies               derivedBucket     // read by curatedCookieOwners
	localNames            map[string]string // normalised name -> id
	localHosts            map[string]string // host -> id
	out                   map[string]int    // id -> index in list
	list                  []freshRecord     // into the records resolved
	// packing: a large file's new vendors are packed once their chunk is
	// resolved (freshRecord), those of list from packFrom on that nothing
	// has joined yet.
	packing  bool
	packFrom int
	existing map[string]stored // vendors read from the file so far
	// joined are the records of list that later ones have joined, each
	// with the keys of its storage items: a vendor of many rows (the
	// OCD's, a cookie a row) is looked up in a set, not a list, each row.
	joined map[string]data.StorageSet
	// joinNames are the vendors and record names Joins lists.
	joinNames      map[joinKey]struct{}
	parentOwners   map[string]ownerAnswer // indexedOwner's answers for parent domains
	parentCurated  map[string][]claim     // curatedClaims' answers for parent domains
	lastHost       string                 // domainClaims' last question...
	lastClaims     []byte                 // ...and answer
	curatedCookies map[string][]string    // curatedCookieOwners' answers
	ownerBuf       []hostOwner            // byDomains' answers, a buffer the records share

	cache  *recordCache // the records the batch has seen, or nil
	rep    *ImportReport
	listed int    // ImportOptions.Listed
	source string // the layer's provenance label
	user   bool   // a user layer: it keeps every host
	// observed: the file's cookies were seen set, not declared (keepCookies)
	observed bool
	// The record's names, normalised once: nameKey its name's, aliasKeys
	// its aliases' (a buffer the records share), dbaKeys the names on
	// either side of a "d/b/a" in its name.
	nameKey   string
	aliasKeys []string
	dbaKeys   []string
	// policies are the curated vendors by privacy policy URL (policyKey),
	// read when a record first needs them, with owned: the curated vendors
	// named after their owner, by the owner's key (byStem).
	policies map[string][]string
	owned    map[string][]ownedVendor
}

func (r *resolver) existingVendor(id string) *data.Vendor {
	if st, ok := r.existing[id]; ok {
		return st.v
	}
	var st stored
	if r.brief.Get([]byte(id)) != nil {
		st, _ = storedVendorAt(r.tx, r.layers, id, r.cache)
	}
	r.existing[id] = st
	return st.v
}

// addLocalKey says the record of vendor id being read is known by the
// normalised name key, unless an earlier record is.
func (r *resolver) addLocalKey(key, id string) {
	if key == "" {
		return
	}
	if _, ok := r.localNames[key]; !ok {
		r.localNames[key] = id
	}
}

// byKey is the vendor known by the normalised name key, or "".
func (r *resolver) byKey(key string) string {
	if key == "" {
		return ""
	}
	if id, ok := r.localNames[key]; ok {
		return id
	}
	if raw := r.names.Get([]byte(key)); raw != nil {
		return nameWinner(raw)
	}
	return ""
}

// owner is the vendor whose claim covers host (the longest claimed suffix,
// unshared claims only), or "". Claims on the private public suffix host is
// below, or above it, are nobody's in particular for host (a bucket under
// s3.amazonaws.com is not Amazon's). above is host's hosting answer, which
// the other walks up from host share (nil: a fresh one).
func (r *resolver) owner(host string, above *hostingAbove) string {
	if above == nil {
		above = &hostingAbove{many: true}
	}
	for suffix := range data.Parents(host) {
		if id, ok := r.localHosts[suffix]; ok {
			if above.above(suffix, host, nil) {
				return ""
			}
			return id
		}
		if id, found := r.indexedOwner(suffix, suffix != host); found {
			if above.above(suffix, host, nil) {
				return ""
			}
			return id
		}
	}
	return ""
}

// indexedOwner answers owner for one suffix from the domain index: found
// is false when the index has no say on it. Parent domains (remember)
// recur across a file's records, so their answers are kept.
func (r *resolver) indexedOwner(suffix string, remember bool) (id string, found bool) {
	if !r.domains.exists() {
		return "", false
	}
	if a, ok := r.parentOwners[suffix]; ok {
		return a.id, a.found
	}
	if raw := r.domainClaims(suffix); raw != nil {
		if cs, err := decodeClaims(raw); err == nil {
			for _, c := range cs {
				if c.Path != "" {
					// A script source narrowed to a path claims that
					// path, not the host: the parent domain answers.
					continue
				}
				// Only shared claims, or a hosting domain above the host
				// (a name under cloudfront.net): nobody's in particular.
				found = true
				if !c.Shared && !(c.Hosting && remember) {
					id = c.ID
					break
				}
			}
		}
	}
	if remember {
		r.parentOwners[suffix] = ownerAnswer{id, found}
	}
	return id, found
}

// domainClaims is the domain index's value for host. The last answer is
// kept: owner and then curatedCover ask for each record's host in turn.
func (r *resolver) domainClaims(host string) []byte {
	if host != r.lastHost || r.lastHost == "" {
		r.lastHost, r.lastClaims = host, r.domains.Get([]byte(host))
	}
	return r.lastClaims
}

// hostOwner is owner's answer for a host and the hosting answer the walk
// worked out, which depends on the host alone.
type hostOwner struct {
	id    string
	above hostingAbove
}

type ownerAnswer struct {
	id    string
	found bool
}

func (r *resolver) taken(id string) bool {
	if _, ok := r.out[id]; ok {
		return true
	}
	return r.brief.Get([]byte(id)) != nil
}

// resolve changes records in place, chunk by chunk as they come, and
// what it returns points into them: copying 100,000 records cost a tenth
// of a large import.
//
// It also returns the vendors it read from the file, for the layer update
// to use rather than read them again.
func resolve(tx *bolt.Tx, records Records, rep *ImportReport, o ImportOptions, cache *recordCache) ([]freshRecord, map[string]stored, error) {
	ls, err := layerList(tx)
	if err != nil {
		return nil, nil, err
	}
	r := &resolver{
		tx: tx, layers: ls, brief: cache.bucket(tx, bucketBrief), names: cache.bucket(tx, bucketNames), domains: cache.bucket(tx, bucketDomains),
		cookies: cache.bucket(tx, bucketCookies),
		// Sized for the file: growing maps of 100,000 keys is a tenth of resolving it.
		localNames: make(map[string]string, records.N), localHosts: make(map[string]string, records.N),
		out: make(map[string]int, records.N), list: make([]freshRecord, 0, records.N),
		existing: map[string]stored{}, joined: map[string]data.StorageSet{}, parentOwners: map[string]ownerAnswer{}, parentCurated: map[string][]claim{},
		rep: rep, listed: o.Listed, source: rep.Layer.source(), user: o.User, observed: o.ObservedCookies, cache: cache,
		packing: records.N+records.Domains+records.Storage >= largeLayer,
	}
	// The report's lists, sized for the most they can hold: a large file
	// adds 100,000 cookies.
	most := func(n int) int {
		if o.Listed > 0 {
			return min(n, o.Listed)
		}
		return n
	}
	rep.NewVendors = make([]Change, 0, most(records.N))
	rep.NewDomains, rep.NewCookies = make([]Change, 0, most(records.Domains)), make([]Change, 0, most(records.Storage))
	n := 0 // the records resolved
	err = records.Each(func(chunk []data.Vendor) error {
		for i := range chunk {
			if err := r.add(n, &chunk[i]); err != nil {
				return err
			}
			n++
		}
		r.pack()
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	rep.Records = n
	return r.list, r.existing, nil
}

// add resolves the file's record i: it names the vendor the record is
// (rec.ID), keeps only the hosts it may claim, reports what it adds, and
// joins it to an earlier record of the same vendor.
func (r *resolver) add(i int, rec *data.Vendor) error {
	rec.Provenance = nil
	if rec.ID != "" && !data.ValidID(rec.ID) {
		return fmt.Errorf("record %d: malformed id %q", i, rec.ID)
	}
	keys := data.NameKeys(rec.Name)
	r.nameKey, r.dbaKeys, r.aliasKeys = keys[0], keys[1:], r.aliasKeys[:0]
	for _, a := range rec.Aliases {
		r.aliasKeys = append(r.aliasKeys, data.NormalizeName(a))
	}
	id, how, why, owners := r.match(rec)
	var old *data.Vendor
	if id != "" {
		old = r.existingVendor(id)
	} else {
		id = newID(r, rec)
	}
	prev, seen := r.out[id] // an earlier record of the file is this vendor
	if old != nil {
		r.noteJoin(rec.Name, id, how, why, !seen)
	}
	rec.ID = id
	if old != nil && !r.user && rec.Name != "" && r.nameKey != data.NormalizeName(old.Name) {
		// The source's own name for the vendor becomes an alias, so that
		// lookups by it find the vendor. The record keeps it as its name
		// too: the vendor's name stays the one of the layer that ranks
		// first, and if that layer is forgotten this one names it.
		if !data.ContainsFold(rec.Aliases, rec.Name) {
			rec.Aliases = append(rec.Aliases, rec.Name)
		}
	}
	r.keepHosts(rec, old, owners)
	r.keepCookies(rec)
	var earlier *data.Vendor
	var earlierStorage data.StorageSet
	if seen {
		var err error
		if earlier, err = r.list[prev].unpacked(); err != nil {
			return err
		}
		earlierStorage = r.joinedStorage(id, earlier)
	}
	r.reportStorage(rec, old, earlierStorage)
	r.reportCategory(rec, old)
	r.reportVerdicts(rec, old)
	// The alias added above has the name's key, which goes in first.
	r.addLocalKey(r.nameKey, id)
	for _, k := range r.dbaKeys {
		r.addLocalKey(k, id)
	}
	for _, k := range r.aliasKeys {
		r.addLocalKey(k, id)
	}
	if seen {
		// Joined in place: merging into a copy each time copied a vendor
		// of many rows once a row, and noted provenance only to drop it.
		fillJoined(earlier, rec, earlierStorage)
		return nil
	}
	if old == nil {
		if err := r.needCategory(i, rec); err != nil {
			return err
		}
		r.listNew(&r.rep.NewVendors, &r.rep.Added.Vendors, Change{rec.Name, id})
	}
	r.out[id] = len(r.list)
	r.list = append(r.list, freshRecord{v: rec, id: id})
	return nil
}

// listNew counts c, one more thing the import adds, in n and lists it,
// unless the list holds as many as the report is to list.
func (r *resolver) listNew(list *[]Change, n *int, c Change) {
	*n++
	if r.listed == 0 || len(*list) < r.listed {
		*list = append(*list, c)
	}
}

// noteJoin reports that the record named name joined vendor id: counted
// once a vendor (first), and listed once for each name a file joins it
// under, so that a dry run shows a product that joined the vendor after
// the vendor's own record had (Beamer's rows after Hotjar's), not only
// the first.
func (r *resolver) noteJoin(name, id, how, why string, first bool) {
	if first {
		r.rep.Joined[how]++
	}
	k := joinKey{id, r.nameKey}
	if _, listed := r.joinNames[k]; listed {
		return
	}
	if r.joinNames == nil {
		r.joinNames = map[joinKey]struct{}{}
	}
	r.joinNames[k] = struct{}{}
	r.rep.Joins = append(r.rep.Joins, Join{Record: name, ID: id, How: how, Why: why})
}

// joinKey is a vendor and the name key of a record that joined it.
type joinKey struct{ id, name string }

// match is the vendor rec describes, by the first of Import's rules that
// finds one, that rule ("id", "name", "domain", "privacy policy") and what
// matched; "" if none does. owners are byDomains' answers for rec's
// domains when it asked them, for keepHosts to use again.
func (r *resolver) match(rec *data.Vendor) (id, how, why string, owners []hostOwner) {
	if rec.ID != "" {
		return rec.ID, "id", rec.ID, nil
	}
	// An IAB TCF vendor id is an id too: it outranks names, which the
	// IAB's own files spell differently.
	tcf := false
	for i, a := range rec.Aliases {
		if strings.HasPrefix(a, dataset.IABAliasPrefix) {
			tcf = true
			if id = r.byKey(r.aliasKeys[i]); id != "" {
				return id, "id", a, nil
			}
		}
	}
	for _, k := range append([]string{r.nameKey}, r.dbaKeys...) {
		if id = r.byKey(k); id != "" {
			// A company's name that is only an alias of one of its
			// products yields to the product serving the record's
			// storage disclosure.
			if tcf && !r.namedAs(id, k) {
				if d, dwhy := r.byDisclosure(rec); d != "" && d != id {
					return d, "domain", dwhy, nil
				}
			}
			return id, "name", fmt.Sprintf("%q is %q", rec.Name, k), nil
		}
	}
	for i, k := range r.aliasKeys {
		if id = r.byKey(k); id != "" {
			return id, "name", fmt.Sprintf("alias %q is %q", rec.Aliases[i], k), nil
		}
	}
	id, why, owners = r.byDomains(rec, tcf)
	if id != "" {
		if !r.usedOnSiteOf(rec, id) {
			return id, "domain", why, owners
		}
		r.rep.Conflicts = append(r.rep.Conflicts, fmt.Sprintf("%s: %s gives %s's domains and %s as controller but links its own privacy policy (%s): taken as a product used on %s's site, imported apart and without that controller", r.source, rec.Name, id, rec.Owner, rec.PrivacyPolicy, id))
		rec.Owner = ""
	}
	if id, why = r.byPolicy(rec); id != "" {
		return id, "privacy policy", why, owners
	}
	if id, why = r.byStem(rec, tcf); id != "" {
		return id, "name", why, owners
	}
	if tcf {
		if id, why = r.byDisclosure(rec); id != "" {
			return id, "domain", why, owners
		}
	}
	return "", "", "", owners
}

// byDomains is the vendor that covers at least half of rec's domains (the
// one that covers most of them), or, when the hosts covered are spread
// over several vendors of one owner (Google's, X's), the one of them that
// covers most; "" if none, with the hosts that decided it, and owner's
// answer for each of rec's domains.
//
// A record with a TCF id (tcf) joins by its domains only a vendor whose
// names share a word with it: OVK lists EMX Digital under aws.amazon.com
// alone, which would have made Amazon a TCF vendor.
func (r *resolver) byDomains(rec *data.Vendor, tcf bool) (string, string, []hostOwner) {
	domains := rec.Domains
	votes := map[string][]string{} // vendor id -> hosts it covers
	var order []string
	owners := r.ownerBuf[:0]
	for _, d := range domains {
		ho := hostOwner{above: hostingAbove{many: true}}
		ho.id = r.owner(d.Host, &ho.above)
		owners = append(owners, ho)
		if o := ho.id; o != "" {
			if _, ok := votes[o]; !ok {
				order = append(order, o)
			}
			votes[o] = append(votes[o], d.Host)
		}
	}
	r.ownerBuf = owners
	if len(order) == 0 {
		return "", "", owners
	}
	best := order[0]
	for _, o := range order[1:] {
		if len(votes[o]) > len(votes[best]) {
			best = o
		}
	}
	hosts := votes[best]
	if 2*len(hosts) < len(domains) && len(order) > 1 {
		best, hosts = r.byOwner(order, votes)
	}
	if best == "" || 2*len(hosts) < len(domains) {
		return "", "", owners
	}
	if tcf && !r.sharesWord(rec.Name, best) {
		return "", "", owners
	}
	return best, fmt.Sprintf("%d of %d hosts: %s", len(hosts), len(domains), strings.Join(hosts, ", ")), owners
}

// byOwner groups the vendors that voted (in order) by their owner and
// returns the vendor with most votes in the group with most, and the
// hosts the whole group covers.
func (r *resolver) byOwner(order []string, votes map[string][]string) (string, []string) {
	groups := map[string][]string{} // owner key -> hosts
	top := map[string]string{}      // owner key -> its vendor with most votes
	bestOwner := ""
	for _, id := range order {
		v := r.existingVendor(id)
		if v == nil || v.Owner == "" {
			continue
		}
		k := data.NormalizeName(v.Owner)
		groups[k] = append(groups[k], votes[id]...)
		if t, ok := top[k]; !ok || len(votes[id]) > len(votes[t]) {
			top[k] = id
		}
		if bestOwner == "" || len(groups[k]) > len(groups[bestOwner]) {
			bestOwner = k
		}
	}
	if bestOwner == "" {
		return "", nil
	}
	return top[bestOwner], groups[bestOwner]
}

// sharesWord reports whether a word of name (three letters or more, not
// a word many companies' names have) is a word of vendor id's id, name,
// owner or aliases.
func (r *resolver) sharesWord(name, id string) bool {
	v := r.existingVendor(id)
	if v == nil {
		return false
	}
	theirs := map[string]bool{}
	for _, n := range append([]string{id, v.Name, v.Owner}, v.Aliases...) {
		for _, w := range strings.Fields(data.NormalizeName(n)) {
			theirs[w] = true
		}
	}
	for _, w := range strings.Fields(data.NormalizeName(name)) {
		if len(w) >= 3 && !commonNameWords[w] && theirs[w] {
			return true
		}
	}
	return false
}

// commonNameWords say nothing about which company a name is.
var commonNameWords = map[string]bool{
	"the": true, "and": true, "media": true, "digital": true, "group": true, "ads": true, "tech": true,
	"technologies": true, "technology": true, "solutions": true, "services": true, "interactive": true,
	"network": true, "networks": true, "advertising": true, "marketing": true, "data": true, "global": true,
	"international": true, "online": true, "labs": true, "software": true, "holdings": true, "holding": true,
	"systems": true, "europe": true, "mobile": true, "web": true, "platform": true, "com": true,
}

// keepHosts drops the hosts of rec (of vendor rec.ID, which the file held
// as old, or nil) that another vendor covers, reporting each as a
// conflict, unless the layer is the user's; it reports the hosts new to
// the vendor.
func (r *resolver) keepHosts(rec, old *data.Vendor, owners []hostOwner) {
	id := rec.ID
	kept := rec.Domains[:0:0]
	// byDomains' answers (owners, one a domain, or nil) stand until this
	// record gives a host a vendor: then for the hosts under it only, and
	// past a few, for none.
	walked := owners // their hosting answers, the host's alone, stand throughout
	var buf [9]string
	given := buf[:0]
	for j, d := range rec.Domains {
		// The walks up from the host share whether a parent domain is at
		// or above its private public suffix: one question a host.
		above := hostingAbove{many: true}
		if walked != nil {
			above = walked[j].above
		}
		var o string
		if owners != nil && !slices.ContainsFunc(given, func(h string) bool { return data.InDomain(d.Host, h) }) {
			o = owners[j].id
		} else {
			o = r.owner(d.Host, &above)
		}
		if o == "" || o == id {
			// A host the catalogue or the user covers, even as a shared
			// host or through a parent domain, is not the import's to
			// give to another vendor.
			o = r.curatedCover(d.Host, id, &above)
		}
		if o != "" && o != id {
			if r.user {
				// The user's file wins, but not unseen.
				r.rep.Conflicts = append(r.rep.Conflicts, fmt.Sprintf("%s: %s was %s's; it is %s's now", r.source, d.Host, o, id))
			} else {
				r.rep.Conflicts = append(r.rep.Conflicts, fmt.Sprintf("%s: %s is %s's; not added to %s", r.source, d.Host, o, id))
				continue
			}
		}
		if h := r.platformSite(d.Host, rec, &above); h != "" && !r.user {
			r.rep.Conflicts = append(r.rep.Conflicts, fmt.Sprintf("%s: %s is a customer's name on %s's hosting, whose owner the file does not say; not added to %s", r.source, d.Host, h, id))
			continue
		}
		kept = append(kept, d)
		if _, ok := r.localHosts[d.Host]; !ok {
			r.localHosts[d.Host] = id
			if owners != nil {
				if given = append(given, d.Host); len(given) == cap(given) {
					owners = nil
				}
			}
			if old == nil || !data.HasDomain(old.Domains, d.Host) {
				r.listNew(&r.rep.NewDomains, &r.rep.Added.Domains, Change{d.Host, id})
			}
		}
	}
	rec.Domains = kept
}

// reportCategory reports a category of rec other than the vendor's.
func (r *resolver) reportCategory(rec, old *data.Vendor) {
	if old == nil || rec.Category == "" || old.Category == "" || rec.Category == old.Category {
		return
	}
	if r.user {
		r.rep.Conflicts = append(r.rep.Conflicts, fmt.Sprintf("%s: %s's category changes from %s to %s", r.source, rec.ID, old.Category, rec.Category))
	} else {
		r.rep.Conflicts = append(r.rep.Conflicts, fmt.Sprintf("%s: says %s is %s; the catalogue's %s stands", r.source, rec.ID, rec.Category, old.Category))
	}
}

// newID makes a stable id for a new vendor from its name (or, with no
// usable name, its first domain), suffixed -2, -3... when taken.
func newID(r *resolver, rec *data.Vendor) string {
	base := data.Slug(rec.Name)
	if base == "" && len(rec.Domains) > 0 {
		base = data.Slug(rec.Domains[0].Host)
	}
	if base == "" {
		base = "vendor"
	}
	id := base
	for n := 2; r.taken(id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}
