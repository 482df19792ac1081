package data

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"reflect"
	"strings"
	"testing"
)

// viaEncodingJSON decodes b as DecodeVendor did before it had a fast
// path: encoding/json, strict, nothing after the value.
func viaEncodingJSON(b []byte) (Vendor, error) {
	var v Vendor
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return Vendor{}, err
	}
	return v, trailing(b, dec)
}

// fastVendor is the fast path alone: the vendor, and whether it took b.
func fastVendor(b []byte) (Vendor, bool) {
	var v Vendor
	ok := decodeFast(string(b), func(r *jsonReader) { r.vendor(&v) })
	return v, ok
}

func TestEveryCardFileDecodesWithoutReflectionToWhatEncodingJSONGives(t *testing.T) {
	names, err := fs.Glob(catalogueFS, "vendors/*.json")
	if err != nil || len(names) < 1000 {
		t.Fatalf("%d card files, %v", len(names), err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(catalogueFS, name)
		if err != nil {
			t.Fatal(err)
		}
		want, err := viaEncodingJSON(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, ok := fastVendor(b)
		if !ok {
			t.Fatalf("%s: the fast path left it to encoding/json", name)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: got %+v\nwant %+v", name, got, want)
		}
	}
}

// A first run keeps the cards without the white space that lays them out
// for people, as json.Compact would.
func TestCardsAreCompactedAsJSONCompactDoes(t *testing.T) {
	names, _ := fs.Glob(catalogueFS, "vendors/*.json")
	var texts [][]byte
	for _, name := range names {
		b, _ := fs.ReadFile(catalogueFS, name)
		texts = append(texts, b)
	}
	for _, s := range awkwardStrings {
		var v Vendor
		fillEveryField(reflect.ValueOf(&v).Elem(), s+`\"\\" \`)
		b, _ := json.MarshalIndent([]Vendor{v, {}}, " ", "\t")
		texts = append(texts, b)
	}
	for _, b := range texts {
		var want bytes.Buffer
		if err := json.Compact(&want, b); err != nil {
			t.Fatal(err)
		}
		if got := appendCompact([]byte("x"), b); !bytes.Equal(got, append([]byte("x"), want.Bytes()...)) {
			t.Fatalf("got %s\nwant x%s", got, want.Bytes())
		}
		in := bytes.Clone(b)
		if got := appendCompact(in[:0], in); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("in place: got %s\nwant %s", got, want.Bytes())
		}
	}
	_, cards, err := CatalogueJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range texts[:len(names)] {
		v, err := DecodeVendor(b)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		json.Compact(&want, b)
		if !bytes.Equal(cards[v.ID], want.Bytes()) {
			t.Fatalf("%s: the card kept is\n%s\nnot\n%s", v.ID, cards[v.ID], want.Bytes())
		}
	}
}

func TestEveryFieldAndStringDecodesWithoutReflectionToWhatEncodingJSONGives(t *testing.T) {
	vendors := []Vendor{fullVendor("x"), {}, {Aliases: []string{}, Domains: []Domain{}, Storage: []StorageItem{{Name: "x", Lifetime: Lifetime{Session: true}}}}}
	for _, s := range awkwardStrings {
		var v Vendor
		fillEveryField(reflect.ValueOf(&v).Elem(), s)
		vendors = append(vendors, v)
	}
	for _, v := range vendors {
		compact, err := json.Marshal(&v)
		if err != nil {
			t.Fatal(err)
		}
		indented, _ := json.MarshalIndent(&v, "", "  ")
		// Every escape JSON has, where AppendJSON writes none of some.
		escaped := bytes.ReplaceAll(compact, []byte(`"name":"`), []byte(`"name":"\/\b\f\n\r\t\"\\\u00e9\ud83d\ude00`))
		for _, b := range [][]byte{compact, indented, escaped} {
			want, err := viaEncodingJSON(b)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := fastVendor(b)
			if !ok {
				t.Fatalf("the fast path left %s to encoding/json", b)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s:\n got %+v\nwant %+v", b, got, want)
			}
		}
		list := append(append([]byte("[ "), indented...), "\n]\n"...)
		got, err := DecodeVendors(bytes.NewReader(list))
		if err != nil || len(got) != 1 {
			t.Fatalf("a list of one card: %d vendors, %v", len(got), err)
		}
	}
}

// What the fast path does not take goes to encoding/json, which decodes it
// or says what is wrong as it always did.
func TestACardTheFastPathDoesNotTakeGetsEncodingJSONsAnswer(t *testing.T) {
	for _, in := range []string{
		``, `   `, `{`, `{"id":"a"} ,`, `{"id":"a",}`, `{"id":"a"} {"id":"b"}`, `{"id":"a"}x`, `[{"id":"a"}]`,
		`{"idd":"a"}`, `{"ID":"a"}`, `{"id":"a","id":"b"}`, `{"domains":[{"host":"a"}],"domains":[{"note":"n"}]}`,
		`{"id":null}`, `{"aliases":null}`, `{"storage":[{"name":"x","lifetime":86400}]}`,
		`{"storage":[{"name":"x","lifetime":"2 fortnights"}]}`, `{"domains":[{"host":"a","shared":1}]}`,
		`{"name":"\ud800"}`, `{"name":"\udc00\ud800"}`, "{\"name\":\"bad \xff utf-8\"}", "{\"name\":\"tab\tinside\"}",
		`{"name":"\x"}`, `{"name":"\u12"}`, `{"name":"cut`, `{"domains":[{"host":"a"},]}`, `{"domains":{}}`,
		`{"compliance":[]}`, `{"name":true}`, `{"domains":[{"host":"a","shared":tru}]}`, "\ufeff{}",
	} {
		want, wantErr := viaEncodingJSON([]byte(in))
		got, err := DecodeVendor([]byte(in))
		if (err != nil) != (wantErr != nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %+v, %v\nwant %+v, %v", in, got, err, want, wantErr)
		}
		if _, ok := fastVendor([]byte(in)); ok {
			t.Errorf("%q: the fast path took it", in)
		}
	}
	// An unknown field is still named where it is.
	_, err := DecodeVendor([]byte("{\n  \"id\": \"a\",\n  \"nmae\": \"A\"\n}"))
	if err == nil || !strings.Contains(err.Error(), `unknown field "nmae"`) || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("a misspelt field: %v", err)
	}
}

// The store's records decode as json.Unmarshal decodes them, a field of
// another vendex's skipped, and stay whole when the page they came from is
// reused.
func TestAStoredRecordDecodesAsJSONUnmarshalDoes(t *testing.T) {
	full := fullVendor("x")
	records := [][]byte{full.AppendJSON(nil), []byte(`{"id":"a","name":"A","from_a_later_vendex":[1,{"x":null}]}`),
		[]byte(`{"id":"a","aliases":null}`), []byte(`{"ID":"a"}`), []byte(`{"name":"\ud800"}`), []byte(`{"id":"a"} x`),
		[]byte(`{"storage":[{"name":"x","lifetime":86400}]}`), []byte(`[]`), nil}
	names, _ := fs.Glob(catalogueFS, "vendors/*.json")
	for _, name := range names {
		b, _ := fs.ReadFile(catalogueFS, name)
		records = append(records, b)
	}
	for _, b := range records {
		var want Vendor
		wantErr := json.Unmarshal(b, &want)
		page := bytes.Clone(b)
		var got Vendor
		err := UnmarshalVendor(page, &got)
		for i := range page {
			page[i] = 'x'
		}
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%.80q: error %v, want %v", b, err, wantErr)
		}
		if wantErr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%.80q:\n got %+v\nwant %+v", b, got, want)
		}
	}
}

func FuzzDecodeVendorFast(f *testing.F) {
	for _, s := range []string{`{"id":"a","domains":[{"host":"h","shared":true}]}`, `{"name":"\u00e9\ud83d\ude00\n"}`,
		`{"storage":[{"name":"x","lifetime":"2y"}],"compliance":{"role":"controller"}}`} {
		f.Add([]byte(s))
	}
	v := fullVendor("x")
	f.Add(v.AppendJSON(nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		var stored, unmarshalled Vendor
		err, wantErr := UnmarshalVendor(b, &stored), json.Unmarshal(b, &unmarshalled)
		if (err != nil) != (wantErr != nil) || err == nil && !reflect.DeepEqual(stored, unmarshalled) {
			t.Fatalf("%q as a stored record: %+v, %v\nwant %+v, %v", b, stored, err, unmarshalled, wantErr)
		}
		got, ok := fastVendor(b)
		if !ok {
			return
		}
		want, err := viaEncodingJSON(b)
		if err != nil {
			t.Fatalf("%q: the fast path took what encoding/json refuses: %v", b, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %+v\nwant %+v", b, got, want)
		}
	})
}

// BenchmarkDecodeCatalogue decodes every card file, as a first run does,
// and as encoding/json alone did.
func BenchmarkDecodeCatalogue(b *testing.B) {
	names, _ := fs.Glob(catalogueFS, "vendors/*.json")
	files := make([][]byte, len(names))
	for i, name := range names {
		files[i], _ = fs.ReadFile(catalogueFS, name)
	}
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			for _, f := range files {
				if _, err := DecodeVendor(f); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			for _, f := range files {
				if _, err := viaEncodingJSON(f); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
