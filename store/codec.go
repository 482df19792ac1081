package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/vendex/vendex/data"
)

// The derived buckets, schema 2. Every vendor has a brief (the registry of
// ids) and a categories key. vendors holds a merged record only for a
// vendor that more than one layer describes: one layer's record is read
// from the layer and merged alone on the way out, which saves writing
// every imported record twice. names, domains, cookies and
// cookie_patterns hold every vendor that makes a key, best first, in a
// packed form (valuePacked, then entries) that costs no JSON; schema 1
// wrote the winning id alone (names) or JSON (the rest), which readers
// still accept.
const valuePacked = 0x01

// decodeRecord is the stored record raw of vendor id: layer's, or ("")
// the merged one. Every read of a record comes here, so a damaged one is
// named the same way wherever it is found.
func decodeRecord(layer, id string, raw []byte) (data.Vendor, error) {
	var v data.Vendor
	err := decodeRecordInto(layer, id, raw, &v)
	return v, err
}

// decodeRecordInto is decodeRecord into v, which a caller decoding many
// records one after another may use again.
func decodeRecordInto(layer, id string, raw []byte, v *data.Vendor) error {
	if err := data.UnmarshalVendor(raw, v); err != nil {
		if layer == "" {
			return fmt.Errorf("%w: vendor %s: %v", ErrCorrupt, data.Quote(id), err)
		}
		return fmt.Errorf("%w: layer %s vendor %s: %v", ErrCorrupt, data.Quote(layer), data.Quote(id), err)
	}
	return nil
}

// nameEntry is one vendor's claim on a normalised name: rank 0 is its id,
// 1 its name, 2 an alias.
type nameEntry struct {
	rank byte
	id   string
}

func appendNames(b []byte, es []nameEntry) []byte {
	b = append(b, valuePacked)
	for _, e := range es {
		b = append(b, e.rank)
		b = binary.AppendUvarint(b, uint64(len(e.id)))
		b = append(b, e.id...)
	}
	return b
}

func decodeNames(raw []byte) ([]nameEntry, error) {
	if len(raw) == 0 || raw[0] != valuePacked {
		return []nameEntry{{id: string(raw)}}, nil // schema 1: the winner alone
	}
	var out []nameEntry
	for p := raw[1:]; len(p) > 0; {
		if len(p) < 2 {
			return nil, fmt.Errorf("%w: name index entry cut short", ErrCorrupt)
		}
		rank := p[0]
		id, rest, err := readString(p[1:])
		if err != nil {
			return nil, err
		}
		out = append(out, nameEntry{rank, id})
		p = rest
	}
	return out, nil
}

// nameWinner is the vendor a name index value resolves to.
func nameWinner(raw []byte) string {
	es, err := decodeNames(raw)
	if err != nil || len(es) == 0 {
		return ""
	}
	return es[0].id
}

func readString(p []byte) (string, []byte, error) {
	n, k := binary.Uvarint(p)
	if k <= 0 || uint64(len(p)-k) < n {
		return "", nil, fmt.Errorf("%w: index entry cut short", ErrCorrupt)
	}
	return string(p[k : k+int(n)]), p[k+int(n):], nil
}

func appendClaims(b []byte, cs []claim) []byte {
	b = append(b, valuePacked)
	for _, c := range cs {
		flags := byte(0)
		if c.Shared {
			flags |= 1
		}
		if c.Hosting {
			flags |= 2
		}
		b = append(b, byte(c.rank), flags)
		b = binary.AppendUvarint(b, uint64(len(c.ID)))
		b = append(b, c.ID...)
		b = binary.AppendUvarint(b, uint64(len(c.Path)))
		b = append(b, c.Path...)
	}
	return b
}

func decodeClaims(raw []byte) ([]claim, error) {
	if len(raw) > 0 && raw[0] != valuePacked {
		var cs []claim
		err := json.Unmarshal(raw, &cs)
		return cs, err
	}
	var out []claim
	for p := raw[min(1, len(raw)):]; len(p) > 0; {
		if len(p) < 2 {
			return nil, fmt.Errorf("%w: domain index entry cut short", ErrCorrupt)
		}
		c := claim{rank: rank(p[0]), Shared: p[1]&1 != 0, Hosting: p[1]&2 != 0}
		var err error
		if c.ID, p, err = readString(p[2:]); err != nil {
			return nil, err
		}
		if c.Path, p, err = readString(p); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func appendRefs(b []byte, rs []cookieRef) []byte {
	b = append(b, valuePacked)
	for _, r := range rs {
		b = binary.AppendUvarint(b, uint64(len(r.ID)))
		b = append(b, r.ID...)
		b = binary.AppendUvarint(b, uint64(r.Index))
	}
	return b
}

func decodeRefs(raw []byte) ([]cookieRef, error) {
	if len(raw) > 0 && raw[0] != valuePacked {
		var rs []cookieRef
		err := json.Unmarshal(raw, &rs)
		return rs, err
	}
	var out []cookieRef
	for p := raw[min(1, len(raw)):]; len(p) > 0; {
		id, rest, err := readString(p)
		if err != nil {
			return nil, err
		}
		i, k := binary.Uvarint(rest)
		if k <= 0 {
			return nil, fmt.Errorf("%w: cookie index entry cut short", ErrCorrupt)
		}
		out = append(out, cookieRef{ID: id, Index: int(i)})
		p = rest[k:]
	}
	return out, nil
}

// decodeHit reads the name, category and verdict of a brief: this
// schema's compact encoding, or the JSON of an older file's.
func decodeHit(id string, raw []byte) (brief, error) {
	if !data.IsEncodedBrief(raw) {
		var br brief
		err := json.Unmarshal(raw, &br)
		return br, err
	}
	name, c, block, err := data.BriefHead(raw)
	return brief{Name: name, Category: c, Block: block}, err
}

// claim is one vendor's claim on a host, with an optional path prefix.
type claim struct {
	ID     string `json:"id"`
	Path   string `json:"path,omitempty"`
	Shared bool   `json:"shared,omitempty"`
	// Hosting marks a domain whose customers get names under it (see
	// data.Domain): a host under it is not the claimant's.
	Hosting bool `json:"hosting,omitempty"`
	rank    rank // that of the layer that made the claim; not in the JSON of schema 1
}

type cookieRef struct {
	ID    string `json:"id"`
	Index int    `json:"i"`
}
