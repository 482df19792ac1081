package store

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// A brief survives its compact encoding whole, and an older file's JSON
// brief still reads as the vendor's name, category and verdict.
func TestBriefSurvivesItsEncodingAndOldJSONBriefsStillRead(t *testing.T) {
	for _, b := range []data.Brief{
		{ID: "x"},
		{ID: "hotjar", Name: "Hotjar", Category: "analytics", Block: "yes", MainDomain: "hotjar.com", Hosts: []string{"hotjar.com", "hotjar.io"}, Aliases: []string{"Hotjar Ltd"}},
		{ID: "ab", Name: "A & B <Ltd>", Imported: true, Hosts: []string{""}},
		{ID: "u", Name: "Ünïcode", Category: "functional", Aliases: []string{"", "ü"}},
	} {
		raw := data.AppendBrief(nil, b)
		var d data.BriefDecoder // as the store reads every brief
		got, err := d.Decode(b.ID, raw)
		if err != nil || !reflect.DeepEqual(got, b) {
			t.Errorf("Decode(AppendBrief(%+v)) = %+v, %v", b, got, err)
		}
		hit, err := decodeHit(b.ID, raw)
		if err != nil || hit != (brief{Name: b.Name, Category: b.Category, Block: b.Block}) {
			t.Errorf("decodeHit(%+v) = %+v, %v", b, hit, err)
		}
		if _, err := d.Decode(b.ID, raw[:len(raw)-1]); len(raw) > 2 && len(b.Hosts)+len(b.Aliases) > 0 && err == nil {
			t.Errorf("a brief cut short decodes: %+v", b)
		}
	}
	// A brief an older vendex wrote for a vendor with no verdict of its
	// own reads with the one its category implies (data.CategoryVerdict).
	old := data.AppendBrief(nil, data.Brief{ID: "m", Name: "Acme Ads", Category: data.Marketing})
	var d data.BriefDecoder
	if got, err := d.Decode("m", old); err != nil || got.Block != data.AnswerYes {
		t.Errorf("an old marketing brief with no verdict: %+v, %v", got, err)
	}
	if hit, err := decodeHit("m", old); err != nil || hit.Block != data.AnswerYes {
		t.Errorf("an old marketing brief with no verdict, as a hit: %+v, %v", hit, err)
	}
	for _, b := range []brief{{}, {Name: "Hotjar", Category: "analytics", Block: "yes"}, {Name: `Say "hi"`, Block: "no"}} {
		raw, _ := json.Marshal(b)
		if got, err := decodeHit("x", raw); err != nil || got != b {
			t.Errorf("decodeHit(%s) = %+v, %v", raw, got, err)
		}
	}
}

func TestIndexKeysComeOutSortedWhateverOrderTheyWereSetIn(t *testing.T) {
	w := newDerivedWrites(4, nil)
	for i, id := range []string{"b", "a", "c", "a", "", "c", "c"} {
		w.setBrief(id, []byte{byte('0' + i)})
	}
	keys, vals := w.briefs()
	if !slices.Equal(keys, []string{"a", "b", "c"}) || fmt.Sprintf("%q", vals) != `["3" "0" "6"]` {
		t.Errorf("briefs = %q %q, want a b c with the last of each", keys, vals)
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

// An index key that only gains entries has its list read from the file at
// the end, by lookups when the keys are few among many and by one pass
// over the bucket otherwise; both give every key its old entries and its
// new ones, in order.
func TestQueuedIndexEntriesJoinTheListsInTheFileEitherWay(t *testing.T) {
	for _, keyN := range []int{0, 1 << 20} { // one pass; lookups
		s, err := Open(filepath.Join(t.TempDir(), "v.db"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		var vals [][]byte
		for i := range 100 {
			keys = append(keys, fmt.Sprintf("c%03d", i))
			vals = append(vals, appendRefs(nil, []cookieRef{{ID: "old", Index: i}}))
		}
		err = s.update(func(tx *bolt.Tx) error { return writeBucket(tx, bucketCookies, keys, vals, -1) })
		if err != nil {
			t.Fatal(err)
		}
		c := indexChanges[cookieRef]{loaded: map[string][]cookieRef{}}
		// c050 was loaded (a vendor lost its entry there); the others only
		// gain one; "d" and "a" are new keys.
		c.loaded["c050"] = []cookieRef{{ID: "kept", Index: 0}}
		for i, k := range []string{"c099", "d", "c000", "c050", "a", "c000"} {
			c.add(k, cookieRef{ID: "new", Index: i})
		}
		ib := bucketOf(bucketCookies, &c, decodeRefs, sortRefs, appendRefs)
		ib.prepare()
		err = s.view(func(tx *bolt.Tx) error { return ib.fetch(fileBucket(tx.Bucket(bucketCookies)), keyN) })
		if err != nil {
			t.Fatal(err)
		}
		gotKeys, gotVals := ib.encode()
		var got []string
		for i, k := range gotKeys {
			rs, _ := decodeRefs(gotVals[i])
			got = append(got, fmt.Sprintf("%s=%v", k, rs))
		}
		want := []string{"a=[{new 4}]", "c000=[{new 2} {new 5} {old 0}]", "c050=[{kept 0} {new 3}]", "c099=[{new 0} {old 99}]", "d=[{new 1}]"}
		if !slices.Equal(got, want) {
			t.Errorf("keyN %d:\n got %q\nwant %q", keyN, got, want)
		}
		s.Close()
	}
}

// Queued entries sort by key, then in the order they came, however many
// there are (a large queue is sorted in halves and merged).
func TestQueuedEntriesSortByKeyThenArrival(t *testing.T) {
	for _, n := range []int{10, 40000} {
		var c indexChanges[cookieRef]
		c.loaded = map[string][]cookieRef{}
		for i := range n {
			// Keys sharing their first 8 bytes, keys shorter than 8, and
			// repeats.
			k := fmt.Sprintf("_shared_prefix_%d", (i*7919)%(n/3+1))
			if i%5 == 0 {
				k = fmt.Sprintf("k%d", i%7)
			}
			c.add(k, cookieRef{ID: "v", Index: i})
		}
		sortKeyed(c.added)
		for i := 1; i < len(c.added); i++ {
			a, b := c.added[i-1], c.added[i]
			if a.Key > b.Key || a.Key == b.Key && a.e.Index > b.e.Index {
				t.Fatalf("n=%d: %q/%d before %q/%d", n, a.Key, a.e.Index, b.Key, b.e.Index)
			}
		}
	}
}
