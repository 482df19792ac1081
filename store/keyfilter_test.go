package store

import (
	"fmt"
	"testing"
)

// The filter never turns away a key it was given, and turns away most of
// the others: that is all a batch lookup relies on.
func TestAKeyFilterKeepsEveryKeyAndTurnsAwayMostOthers(t *testing.T) {
	f := newKeyFilter(5000)
	for i := range 5000 {
		f.add(fmt.Sprintf("host%d.example", i))
	}
	for i := range 5000 {
		if k := fmt.Sprintf("host%d.example", i); !f.mayHave(k) {
			t.Fatalf("%s was added and is turned away", k)
		}
	}
	through := 0
	for i := range 20000 {
		if f.mayHave(fmt.Sprintf("other%d.example", i)) {
			through++
		}
	}
	if through > 20000/10 {
		t.Errorf("%d of 20000 strings never added got through (want a few in a hundred)", through)
	}
	var none keyFilter
	if !none.mayHave("x.example") {
		t.Error("a filter never made must let everything through")
	}
}
