package store

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
)

// The hand-written encodings of a large import write what encoding/json
// would, so that files written before and after read the same.
func TestBriefIsWrittenAsJSONWouldWriteIt(t *testing.T) {
	for _, b := range []brief{{}, {Name: "Hotjar", Category: "analytics", Block: "yes"}, {Name: "A & B <Ltd>"}, {Name: `Say "hi"`, Block: "no"}, {Name: "Ünïcode", Category: "marketing"}, {Name: "ctl\x01\u2028\xff", Category: "x<y"}} {
		got := encodeBrief(b)
		want, _ := json.Marshal(b)
		if string(got) != string(want) {
			t.Errorf("encodeBrief(%+v) = %s; want %s", b, got, want)
		}
	}
}

func TestIndexKeysComeOutSortedWhateverOrderTheyWereSetIn(t *testing.T) {
	w := newDerivedWrites(4)
	for _, id := range []string{"b", "a", "c", "a"} {
		w.setBrief(id, []byte("{}"))
	}
	if got := sortedKeys(w.brief, w.briefOrder); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("brief keys = %q", got)
	}
}

func TestALayerWithAVendorTwiceIsRefusedAndNothingChanges(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "v.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v := data.Vendor{ID: "acme", Name: "Acme"}
	err = s.PutLayer(LayerInfo{Name: "user:x", Kind: KindUser}, []data.Vendor{v, {ID: "beta", Name: "Beta"}, v})
	if err == nil || !strings.Contains(err.Error(), `vendor id "acme" appears twice`) {
		t.Fatalf("PutLayer = %v, want the repeated id named", err)
	}
	if ls, _ := s.Layers(); len(ls) != 0 {
		t.Errorf("layers after the refusal = %v, want none", ls)
	}
}

func TestMergeSortedKeepsOneOfEach(t *testing.T) {
	got := mergeSorted([]string{"a", "c", "e"}, []string{"b", "c", "f"})
	if want := []string{"a", "b", "c", "e", "f"}; !slices.Equal(got, want) {
		t.Errorf("mergeSorted = %q, want %q", got, want)
	}
}
