package data

import "testing"

// Folding reads long names eight bytes at a time: an accent at any place
// is still taken off, and an ASCII name is the same string.
func TestFoldFindsAccentsAnywhereInALongName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Versandhaus Müller", "Versandhaus Muller"},
		{"Versandé", "Versande"},
		{"Versandhé", "Versandhe"},
		{"Ütility analytics platform", "Utility analytics platform"},
		{"Plain ASCII name, long enough", "Plain ASCII name, long enough"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
