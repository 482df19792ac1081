package search

import "github.com/vendex/vendex/data"

// unfoldOffsets turns byte offsets in data.Fold(s) into byte offsets in s.
func unfoldOffsets(s string, offsets []int) []int {
	if len(offsets) == 0 {
		return offsets
	}
	folded := data.Fold(s)
	if len(folded) == len(s) {
		return offsets // ASCII, or nothing folded: the same bytes
	}
	// rune index -> byte offset, in each string
	at := make(map[int]int, len(offsets)) // folded byte offset -> rune index
	ri := 0
	for b := range folded {
		at[b] = ri
		ri++
	}
	starts := make([]int, 0, ri)
	for b := range s {
		starts = append(starts, b)
	}
	out := make([]int, 0, len(offsets))
	for _, o := range offsets {
		if r, ok := at[o]; ok && r < len(starts) {
			out = append(out, starts[r])
		}
	}
	return out
}
