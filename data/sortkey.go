package data

import "strings"

// SortKey is a string with its first 8 bytes kept as a number that orders
// as the string does: sorting many keys on it first ends most comparisons
// without touching the strings (the store's index keys, the search's
// names).
type SortKey struct {
	Prefix uint64 // Key's first 8 bytes, big-endian, zero-padded
	Key    string
}

// NewSortKey is s as a SortKey.
func NewSortKey(s string) SortKey {
	var p uint64
	for i := range 8 {
		p <<= 8
		if i < len(s) {
			p |= uint64(s[i])
		}
	}
	return SortKey{p, s}
}

// Compare orders a and b as strings.Compare(a.Key, b.Key) does.
func (a SortKey) Compare(b SortKey) int {
	switch {
	case a.Prefix < b.Prefix:
		return -1
	case a.Prefix > b.Prefix:
		return 1
	}
	return strings.Compare(a.Key, b.Key)
}
