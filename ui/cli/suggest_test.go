package cli

import (
	"strings"
	"testing"
)

// A suggestion is close or none: two edits in six letters is no likeness
// (trial8: with every dataset imported, "declare nosuch" suggested
// QOS.ch), while one letter missing still is.
func TestAMissSuggestsOnlyCloseNames(t *testing.T) {
	db := tempDB(t)
	qos := writeFile(t, "qos.json", `[{"id": "qos-ch", "name": "QOS.ch", "category": "functional", "domains": [{"host": "qos.ch"}]}]`)
	if r := vendex(t, db, "", "import", qos); r.code != 0 {
		t.Fatalf("import: exit %d %s", r.code, r.stderr)
	}
	for _, cmd := range [][]string{{"show", "nosuch"}, {"declare", "--vendors", "nosuch"}} {
		if r := vendex(t, db, "", cmd...); r.code != 1 || strings.Contains(r.stderr, "closest") || !strings.Contains(r.stderr, `no vendor "nosuch"`) {
			t.Errorf("%v: exit %d %q", cmd, r.code, r.stderr)
		}
	}
	if r := vendex(t, db, "", "show", "qos.c"); !strings.Contains(r.stderr, "closest: QOS.ch") {
		t.Errorf("show qos.c: %q", r.stderr)
	}
}

// Two neighbouring letters swapped is one slip, suggested like a letter
// missing (review9: hotjra, goolge and stirpe suggested nothing once a
// swap counted as two edits).
func TestASwappedPairOfLettersIsStillSuggested(t *testing.T) {
	db := tempDB(t)
	for q, want := range map[string]string{"hotjra": "closest: Hotjar", "goolge": "closest: Google", "stirpe": "closest: Stripe"} {
		if r := vendex(t, db, "", "show", q); r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("show %s: exit %d %q", q, r.code, r.stderr)
		}
	}
}
