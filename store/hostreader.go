package store

import (
	"fmt"
	"strings"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// hostingAbove answers, on a walk up from a host, whether the claims on a
// parent domain are a hosting company's rather than the host's owner's:
// the domain is marked hosting on its card (see data.Domain's Hosting:
// wordpress.com), or it is, or sits above, the private public suffix the
// host is below (data.HostingSuffix: s3.amazonaws.com for a bucket's name,
// whatever card claims amazonaws.com). The suffix is worked out once, and
// only when a parent domain has claims that a private suffix may reach.
type hostingAbove struct {
	suffix string
	known  bool
	// many: the walk is one of many (an import's), which pays for the
	// table behind data.HostingSuffixMayReach.
	many bool
}

// above reports whether suffix, a parent domain of host, is the private
// public suffix host is below, or a domain above it: no claim there
// answers for host. e, in a batch, is suffix's index entry, which keeps
// whether any private suffix reaches down to suffix: most claimed
// domains, a vendor's own, have none under them, and then the Public
// Suffix List need not be asked about each host below them.
func (a *hostingAbove) above(suffix, host string, e *decodedEntry) bool {
	if suffix == host {
		return false
	}
	if !a.known {
		if !a.mayReach(suffix, e) {
			return false
		}
		a.suffix, a.known = data.HostingSuffix(host), true
	}
	return len(suffix) <= len(a.suffix)
}

// mayReach reports whether a private public suffix may be suffix or lie
// below it: false spares asking the Public Suffix List about the host.
// A batch keeps the answer in suffix's index entry e; a walk of many
// asks the table; a lone walk (no e, not many) does not build it.
func (a *hostingAbove) mayReach(suffix string, e *decodedEntry) bool {
	switch {
	case e != nil:
		if e.reach == reachUnknown {
			e.reach = reachNone
			if data.HostingSuffixMayReach(suffix) {
				e.reach = reachSome
			}
		}
		return e.reach == reachSome
	case a.many:
		return data.HostingSuffixMayReach(suffix)
	}
	return true
}

// claim is, when suffix (a parent of host, or host itself) is hosting for
// host, the hit naming the hosting company among cs and the domain the
// host is under (Matched); ok is false when suffix's claims answer for host.
func (a *hostingAbove) claim(cs []claim, suffix, host string, e *decodedEntry) (h Hit, matched string, ok bool) {
	if suffix == host {
		return Hit{}, "", false
	}
	for _, c := range cs {
		if c.Hosting && c.Path == "" && !data.PlatformsOwnName(host, suffix) {
			return newHit(c, suffix, cs), suffix, true
		}
	}
	if !a.above(suffix, host, e) || data.PlatformsOwnName(host, suffix) {
		return Hit{}, "", false
	}
	c, found := bestClaim(cs, "", true)
	if !found {
		if c, found = bestClaim(cs, "", false); !found {
			c = cs[0]
		}
	}
	return newHit(c, suffix, cs), a.suffix, true
}

// hostReader answers host lookups in one transaction.
type hostReader struct {
	tx      *bolt.Tx
	domains *bolt.Bucket
	brief   *bolt.Bucket
	n       int              // lookups so far
	index   map[string]int32 // the domain index, once n is large: a key's place in entries
	entries []indexEntry
	// filter answers "surely not in the index" for most hosts that are
	// not, from a bit set small enough to stay in the cache, where a miss
	// in the map costs a trip to memory; two thirds of a batch's probes
	// are misses (the observed-domains hosts: 1.16M probes, 0.86M misses).
	filter keyFilter
	briefs map[string]brief // the briefs read so far, in a batch
}

// indexEntry is one key of the domain index in a batch: its claims are
// decoded the first time a host reaches it, and kept, so that a host a
// batch names again (or another host under the same domain) costs no
// decoding. Small, as a batch makes one for every key.
type indexEntry struct {
	raw []byte        // valid while the transaction is open
	dec *decodedEntry // nil until a host reaches the key
}

type decodedEntry struct {
	cs []claim
	// filled are the briefs of the entry's claimants that hits have
	// needed so far: most entries have one claimant, found again without
	// hashing its id.
	filled []filledBrief
	// reach says whether a private public suffix may be the key or lie
	// below it (see hostingAbove.above), once a host has asked
	reach uint8
}

// The values of decodedEntry.reach.
const (
	reachUnknown = iota
	reachNone
	reachSome
)

type filledBrief struct {
	id string
	br brief
}

// batchMap is the number of lookups after which a batch reads the domain
// index into a map: a few thousand bbolt searches cost as much.
const batchMap = 2048

func newHostReader(tx *bolt.Tx) *hostReader {
	return &hostReader{tx: tx, domains: tx.Bucket(bucketDomains), brief: tx.Bucket(bucketBrief)}
}

// readIndex reads the domain index into r.index. The keys are cut from one
// string, and the map holds a small number per key, so that the map stays
// compact and its probes, most of them misses, touch little memory.
func (r *hostReader) readIndex() {
	n := r.domains.Stats().KeyN
	r.index = make(map[string]int32, n)
	r.entries = make([]indexEntry, 0, n)
	r.briefs = map[string]brief{}
	var keys strings.Builder
	keys.Grow(n * 16) // a little more than the usual key
	ends := make([]int, 0, n)
	r.domains.ForEach(func(k, v []byte) error {
		keys.Write(k)
		ends = append(ends, keys.Len())
		r.entries = append(r.entries, indexEntry{raw: v})
		return nil
	})
	all, start := keys.String(), 0
	r.filter = newKeyFilter(len(ends))
	for i, end := range ends {
		k := all[start:end]
		r.index[k] = int32(i)
		r.filter.add(k)
		start = end
	}
}

// claims is the decoded domain index entry for host, or nil when it has
// none; in a batch, with the entry that keeps them.
func (r *hostReader) claims(host string) ([]claim, *decodedEntry, error) {
	if r.index == nil {
		raw := r.domains.Get([]byte(host))
		if raw == nil {
			return nil, nil, nil
		}
		cs, err := decodeClaims(raw)
		return cs, nil, err
	}
	if !r.filter.mayHave(host) {
		return nil, nil, nil
	}
	i, ok := r.index[host]
	if !ok {
		return nil, nil, nil
	}
	e := &r.entries[i]
	if e.dec == nil {
		cs, err := decodeClaims(e.raw)
		if err != nil {
			return nil, nil, err
		}
		e.dec = &decodedEntry{cs: cs}
	}
	return e.dec.cs, e.dec, nil
}

func (r *hostReader) lookup(t data.Target) (Hit, bool, error) {
	if r.domains == nil {
		return Hit{}, false, nil
	}
	if r.n++; r.n == batchMap {
		r.readIndex()
	}
	t = t.BucketHost() // s3.amazonaws.com/bucket/ is bucket.s3.amazonaws.com
	t = t.ProbeHost()  // a per-visitor name of Akamai's probe is the probe's
	// The longest matching suffix wins, except that what the user's files
	// and the embedded catalogue say beats an imported dataset at any
	// length: an import may add hosts nobody covers, but it never takes a
	// host, or a subdomain of one, from the curated catalogue.
	var imported Hit
	var importedFrom *decodedEntry
	haveImported := false
	var above hostingAbove
	for suffix := range data.Parents(t.Host) {
		cs, e, err := r.claims(suffix)
		if err != nil {
			return Hit{}, false, fmt.Errorf("%w: domain index %s: %v", ErrCorrupt, data.Quote(suffix), err)
		}
		if cs != nil {
			if h, matched, ok := above.claim(cs, suffix, t.Host, e); ok {
				// A name under a hosting domain (someone.github.io) is the
				// customer's: the domain's owner hosts it, but whose the
				// content is it does not say.
				if haveImported {
					return r.fill(imported, importedFrom)
				}
				h, _, err := r.fill(h, e)
				return Hit{HostedOn: h.Name, HostedOnID: h.ID, Matched: matched}, false, err
			}
			if c, ok := bestClaim(cs, t.Path, true); ok {
				if haveImported && imported.ID == c.ID {
					// The same vendor, known more precisely through an import.
					return r.fill(imported, importedFrom)
				}
				return r.fill(newHit(c, suffix, cs), e)
			}
			if c, ok := bestClaim(cs, t.Path, false); ok && !haveImported {
				imported, importedFrom, haveImported = newHit(c, suffix, cs), e, true
			}
		}
	}
	if haveImported {
		return r.fill(imported, importedFrom)
	}
	// No card names the hosting suffix the host is under (gitlab.io):
	// still a user's name on a platform, said so (Matched, no HostedOn).
	if r.index != nil { // a batch: most misses are below no such suffix
		return Hit{Matched: data.HostingSuffixOfMany(t.Host)}, false, nil
	}
	return Hit{Matched: data.HostingSuffix(t.Host)}, false, nil
}

// fill adds the vendor's name, category and verdict from its brief. e,
// when not nil, is the index entry whose claim h comes from, which keeps
// the briefs it has given.
func (r *hostReader) fill(h Hit, e *decodedEntry) (Hit, bool, error) {
	if e != nil {
		for _, f := range e.filled {
			if f.id == h.ID {
				h.Name, h.Category, h.Block = f.br.Name, f.br.Category, f.br.Block
				return h, true, nil
			}
		}
	}
	br, ok := r.briefs[h.ID]
	if !ok && r.brief != nil {
		if raw := r.brief.Get([]byte(h.ID)); raw != nil {
			var err error
			if br, err = decodeHit(h.ID, raw); err != nil {
				return Hit{}, false, fmt.Errorf("%w: vendor %s: %v", ErrCorrupt, data.Quote(h.ID), err)
			}
		}
		if r.briefs != nil {
			r.briefs[h.ID] = br
		}
	}
	if e != nil {
		e.filled = append(e.filled, filledBrief{h.ID, br})
	}
	h.Name, h.Category, h.Block = br.Name, br.Category, br.Block
	return h, true, nil
}

func newHit(c claim, suffix string, cs []claim) Hit {
	h := Hit{ID: c.ID, Matched: suffix + c.Path, Source: c.Path != ""}
	for _, o := range cs {
		if o.ID != c.ID && o.Path == "" && o.Shared {
			h.Shared = append(h.Shared, o.ID)
		}
	}
	return h
}
