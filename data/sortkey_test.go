package data

import (
	"strings"
	"testing"
)

// Keys order exactly as their strings do, where the prefix decides and
// where it cannot (short keys, a zero byte, a shared first 8 bytes).
func TestSortKeysOrderAsTheirStrings(t *testing.T) {
	keys := []string{"", "a", "a\x00", "ab", "abcdefgh", "abcdefgh\x00", "abcdefghi", "abcdefgz", "b", "\xff", "googleta", "googletagmanager.com"}
	for _, a := range keys {
		for _, b := range keys {
			if got, want := NewSortKey(a).Compare(NewSortKey(b)), strings.Compare(a, b); got != want {
				t.Errorf("%q vs %q: %d, strings.Compare says %d", a, b, got, want)
			}
		}
	}
}
