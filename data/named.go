package data

import (
	"slices"
	"strings"
)

// Named is one of a fixed set of names, such as a file format, with what
// it is in a few words.
type Named[N ~string] struct {
	Format N
	Title  string
	// Aliases are other names Parse accepts for it ("markdown" for md),
	// never shown in lists.
	Aliases []string
}

// NamedList is such a set, in the order help text lists it: the dataset
// formats vendex imports, the capture formats a scan reads.
type NamedList[N ~string] []Named[N]

// Names is the list's names, comma separated, for messages.
func (l NamedList[N]) Names() string {
	s := make([]string, len(l))
	for i, n := range l {
		s[i] = string(n.Format)
	}
	return strings.Join(s, ", ")
}

// Parse finds a name, or one of its aliases, in the list, in any case
// and spacing.
func (l NamedList[N]) Parse(s string) (N, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	for _, n := range l {
		if string(n.Format) == k || slices.Contains(n.Aliases, k) {
			return n.Format, true
		}
	}
	return "", false
}

// Title is what the list says n is, "" for a name not in it.
func (l NamedList[N]) Title(n N) string {
	for _, x := range l {
		if x.Format == n {
			return x.Title
		}
	}
	return ""
}
