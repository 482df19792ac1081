package store

import "hash/maphash"

// keyFilter is a Bloom filter over a set of strings: mayHave is false for
// a string never added, and true for one added (and for a few percent of
// the others). Two bits a key, from one 64-bit hash.
type keyFilter struct {
	seed maphash.Seed
	bits []uint64
	mask uint64
}

// newKeyFilter sizes a filter for n keys: 8 to 16 bits a key (a power of
// two), so that 1.5 to 5 misses in a hundred get through; every dataset's
// 67,000 domains take 128 KiB.
func newKeyFilter(n int) keyFilter {
	size := uint64(1 << 12)
	for size < uint64(n)*8 {
		size <<= 1
	}
	return keyFilter{seed: maphash.MakeSeed(), bits: make([]uint64, size/64), mask: size - 1}
}

func (f *keyFilter) add(k string) {
	h := maphash.String(f.seed, k)
	a, b := h&f.mask, (h>>32)&f.mask
	f.bits[a/64] |= 1 << (a % 64)
	f.bits[b/64] |= 1 << (b % 64)
}

// mayHave reports whether k may have been added; an empty filter (none
// made) may have anything.
func (f *keyFilter) mayHave(k string) bool {
	if f.bits == nil {
		return true
	}
	h := maphash.String(f.seed, k)
	a, b := h&f.mask, (h>>32)&f.mask
	return f.bits[a/64]&(1<<(a%64)) != 0 && f.bits[b/64]&(1<<(b%64)) != 0
}
