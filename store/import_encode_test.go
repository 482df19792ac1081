package store

import (
	"encoding/json"
	"slices"
	"testing"
)

// The hand-written encodings of a large import write what encoding/json
// would, so that files written before and after read the same.
func TestBriefIsWrittenAsJSONWouldWriteIt(t *testing.T) {
	for _, b := range []brief{{}, {Name: "Hotjar", Category: "analytics", Block: "yes"}, {Name: "A & B <Ltd>"}, {Name: `Say "hi"`, Block: "no"}, {Name: "Ünïcode", Category: "marketing"}} {
		got, err := encodeBrief(b)
		want, _ := json.Marshal(b)
		if err != nil || string(got) != string(want) {
			t.Errorf("encodeBrief(%+v) = %s, %v; want %s", b, got, err, want)
		}
	}
}

func TestIndexKeysComeOutSortedWhateverOrderTheyWereSetIn(t *testing.T) {
	w := newDerivedWrites(4)
	for _, id := range []string{"b", "a", "c", "a"} {
		w.setBrief(id, []byte("{}"))
	}
	w.setCat("marketing\x00a", true)
	w.setCat("analytics\x00b", true)
	w.setCat("analytics\x00a", false)
	w.setCat("marketing\x00a", true)
	if got := sortedKeys(w.brief, w.briefOrder); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("brief keys = %q", got)
	}
	if got := sortedKeys(w.cats, catKeysOrdered(w.catOrder)); !slices.Equal(got, []string{"analytics\x00a", "analytics\x00b", "marketing\x00a"}) {
		t.Errorf("category keys = %q", got)
	}
}
