package dataset

import (
	"strings"

	"github.com/vendex/vendex/data"
)

// collector gathers records by a key (a platform, an owner, a pattern) in
// the order first seen.
type collector struct {
	n     int // vendors handed out
	byKey map[string]*data.Vendor
	// Vendors are handed out in order from slabs, each twice the size of
	// the one before: one allocation for many vendors. When the first slab
	// holds them all it is the result as it stands, not copied.
	slab  []data.Vendor   // where the next vendors go
	slabs [][]data.Vendor // every slab made, in order
	last  int             // the size of the last
	first int             // the first slab's size, from reserve
}

// reserve makes the first slab room for n vendors: the caller's best
// guess. Too small costs a copy of every vendor at the end (with
// 100,000 vendors, a third of a second of write barriers); too large
// costs zeroed memory.
func (c *collector) reserve(n int) {
	if c.n == 0 && n > 0 {
		c.first = n
		c.byKey = make(map[string]*data.Vendor, n)
	}
}

func newCollector() *collector { return &collector{byKey: map[string]*data.Vendor{}} }

func (c *collector) get(key, name string) *data.Vendor {
	return c.getNormal(data.NormalizeName(key), name)
}

// getNormal is get of a key already normalised.
func (c *collector) getNormal(k, name string) *data.Vendor {
	if v, ok := c.byKey[k]; ok {
		return v
	}
	if len(c.slab) == 0 {
		size := max(256, 2*c.last)
		if len(c.slabs) == 0 && c.first > 0 {
			size = c.first
		}
		c.slab = make([]data.Vendor, size)
		c.slabs = append(c.slabs, c.slab)
		c.last = size
	}
	v := &c.slab[0]
	c.slab = c.slab[1:]
	v.Name = strings.Clone(text(name)) // not the whole CSV row it is part of
	c.byKey[k] = v
	c.n++
	return v
}

func (c *collector) vendors() []data.Vendor {
	n := c.n
	if len(c.slabs) == 1 {
		first := c.slabs[0]
		out := first[:0:n]
		for i := range first[:n] {
			switch {
			case first[i].Name == "":
			case len(out) == i:
				out = out[:i+1] // already in place
			default:
				out = append(out, first[i])
			}
		}
		return out
	}
	return c.appendTo(make([]data.Vendor, 0, n))
}

// appendTo appends the vendors handed out, in order, to out.
func (c *collector) appendTo(out []data.Vendor) []data.Vendor {
	n := c.n
	for _, slab := range c.slabs {
		for i := range slab[:min(n, len(slab))] {
			if slab[i].Name != "" {
				out = append(out, slab[i])
			}
		}
		n -= min(n, len(slab))
	}
	return out
}
