package search

import (
	"slices"
	"unsafe"

	"github.com/vendex/vendex/data"
)

// First keeps the first n vendors of the list with no query (Find("")'s
// order: the catalogue's vendors by name, then those only imports know)
// from briefs read one by one in any order, and counts them all: the
// browser draws its first screen, a screenful of a catalogue that may hold
// a hundred thousand vendors, before it reads and orders the rest. As with
// Scan, Skips sees each brief encoded and rules out, undecoded, those that
// list after the n kept so far.
type First struct {
	n     int
	seen  int          // briefs shown to Skips
	added int          // briefs given to Add
	kept  []*firstItem // the first so far, in list order, at most n
}

type firstItem struct {
	b    data.Brief
	name data.SortKey // nameOrder(b.Name)
}

// NewFirst starts keeping the first n vendors (n > 0).
func NewFirst(n int) *First { return &First{n: max(1, n)} }

// Skips reports that a vendor, given as its encoded brief, lists after the
// n kept so far. A brief whose name orders as the last one's is not
// skipped: the ids decide, in Add; nor is one that does not read as a
// brief, so that decoding it reports the damage.
func (f *First) Skips(raw []byte) bool {
	f.seen++
	if len(f.kept) < f.n {
		return false
	}
	name, imported, ok := data.BriefName(raw)
	if !ok {
		return false
	}
	last := f.kept[len(f.kept)-1]
	if g, lg := group(false, false, imported), group(false, false, last.b.Imported); g != lg {
		return g > lg
	}
	s := unsafe.String(unsafe.SliceData(name), len(name))
	if p := namePrefix(s); p != last.name.Prefix {
		return p > last.name.Prefix
	}
	return nameOrder(s).Key > last.name.Key
}

// Add keeps one vendor if it is among the first n so far. b's strings need
// not outlive the call: a vendor kept is copied.
func (f *First) Add(b data.Brief) {
	f.added++
	item := firstItem{b: b, name: nameOrder(b.Name)}
	i, _ := slices.BinarySearchFunc(f.kept, &item, compareFirst)
	if i >= f.n {
		return
	}
	item.b = b.Clone()
	item.name = nameOrder(item.b.Name)
	if len(f.kept) == f.n {
		f.kept = f.kept[:f.n-1]
	}
	f.kept = slices.Insert(f.kept, i, &item)
}

// compareFirst is the order of the list with no query: curatedFirst's
// groups (no match is exact or strong), each in name order (compareNames).
func compareFirst(a, b *firstItem) int {
	if c := group(false, false, a.b.Imported) - group(false, false, b.b.Imported); c != 0 {
		return c
	}
	return compareNames(a.name, b.name, a.b.ID, b.b.ID)
}

// Total is how many vendors were read: every brief is shown to Skips, or,
// from an older file read without encoded briefs, given to Add.
func (f *First) Total() int {
	if f.seen > 0 {
		return f.seen
	}
	return f.added
}

// Complete reports whether the vendors kept are all that were read.
func (f *First) Complete() bool { return len(f.kept) == f.Total() }

// Briefs is the vendors kept, in list order.
func (f *First) Briefs() []data.Brief {
	out := make([]data.Brief, len(f.kept))
	for i, it := range f.kept {
		out[i] = it.b
	}
	return out
}
