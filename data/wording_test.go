package data

import (
	"encoding/json"
	"regexp"
	"testing"
)

// A card is read by a site's owner, not by the machine that wrote it:
// "not reachable here" says where the author sat, not what the reader can
// do. A card says what is published or what it was checked against.
func TestCardsDoNotSpeakFromTheAuthoringMachine(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	here := regexp.MustCompile(`(?i)\b(reachable|read|fetched|opened|available) (from )?here\b|\bthis machine\b`)
	for _, v := range vs {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if m := here.Find(b); m != nil {
			t.Errorf("%s says %q: say what is published or what the card was checked against", v.ID, m)
		}
	}
}
