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
	// the one before up to slabMax: few allocations, and none as large as
	// the file's vendors. The slabs are the records' chunks as they stand
	// (chunks): never copied into one list.
	slab  []data.Vendor   // where the next vendors go
	slabs [][]data.Vendor // every slab made, in order
	last  int             // the size of the last
	first int             // the first slab's size, from reserve
}

// slabMax is the most vendors a slab holds: 4096 are 3 MB. Slabs that
// doubled without bound held a file's 182,828 vendors in room for
// 262,016 (188 MB), which were then copied into one list (126 MB more).
const slabMax = 4096

// reserve makes room for n vendors, the caller's best guess: the key map
// is sized for them, and the first slab for as many as a slab holds.
func (c *collector) reserve(n int) {
	if c.n == 0 && n > 0 {
		c.first = min(n, slabMax)
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
		size := min(max(256, 2*c.last), slabMax)
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

// chunks are the vendors handed out, in order, slab by slab, each slab
// without the vendors taken back (no name) and the room it had left:
// moved within it, not copied out. Pointers to the vendors no longer
// point to them.
func (c *collector) chunks() [][]data.Vendor {
	out := make([][]data.Vendor, 0, len(c.slabs))
	n := c.n
	for _, slab := range c.slabs {
		used := slab[:min(n, len(slab))]
		n -= len(used)
		kept := used[:0]
		for i := range used {
			switch {
			case used[i].Name == "":
			case len(kept) == i:
				kept = kept[:i+1] // already in place
			default:
				kept = append(kept, used[i])
			}
		}
		clear(used[len(kept):]) // what moved, or was taken back, holds nothing
		if len(kept) > 0 {
			out = append(out, kept[:len(kept):len(kept)])
		}
	}
	return out
}
