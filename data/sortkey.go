package data

// SortPrefix is the first 8 bytes of s, big-endian, as a number that
// orders as s does: sorting many strings on it first ends most
// comparisons without touching the strings (the store's index keys, the
// search's names).
func SortPrefix(s string) uint64 {
	var p uint64
	for i := range 8 {
		p <<= 8
		if i < len(s) {
			p |= uint64(s[i])
		}
	}
	return p
}
