package data

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// splitMatch is MatchPattern as it was first written, with strings.Split:
// the rule the allocation-free one must keep.
func splitMatch(pattern, name string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == name
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(name, parts[0]) {
		return false
	}
	name = name[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(name, p)
		if i < 0 {
			return false
		}
		name = name[i+len(p):]
	}
	return strings.HasSuffix(name, parts[len(parts)-1])
}

// _hjSession_* matches _hjSession_123 and not _hjSessionUser_1; every
// pattern and name of a small alphabet matches as the Split rule says.
func TestMatchPatternMatchesAsTheCardsMeanIt(t *testing.T) {
	for _, c := range []struct {
		pattern, name string
		want          bool
	}{{"_hjSession_*", "_hjSession_123", true}, {"_hjSession_*", "_hjSessionUser_1", false}, {"_ga_*", "_ga", false},
		{"*_consent", "site_consent", true}, {"a*b*c", "abc", true}, {"a*b*c", "acb", false}, {"ab*ba", "aba", false}, {"_ga", "_ga", true}} {
		if got := MatchPattern(c.pattern, c.name); got != c.want {
			t.Errorf("MatchPattern(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	word := func(alphabet string) string {
		b := make([]byte, r.IntN(7))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 200000 {
		p, n := word("ab*"), word("ab")
		if MatchPattern(p, n) != splitMatch(p, n) {
			t.Fatalf("MatchPattern(%q, %q) = %v, the Split rule %v", p, n, MatchPattern(p, n), splitMatch(p, n))
		}
	}
}
