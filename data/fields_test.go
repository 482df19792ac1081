package data

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// filler sets every string, bool, number and list reachable from a value,
// so that a field added to Vendor and forgotten by a walk shows. Each
// string is s, or with distinct, s between a count and a marker ("7<s>!"),
// so that no two fields hold the same value.
type filler struct {
	s        string
	distinct bool
	n        int
}

func fillEveryField(v reflect.Value, s string) { (&filler{s: s}).fill(v) }

// fullVendor is a Vendor with every field set to a value of its own, each
// string holding plant.
func fullVendor(plant string) Vendor {
	var v Vendor
	(&filler{s: plant, distinct: true}).fill(reflect.ValueOf(&v).Elem())
	return v
}

func (f *filler) fill(v reflect.Value) {
	f.n++
	if v.Type() == reflect.TypeFor[Lifetime]() {
		// A lifetime's JSON is one code: only one of its forms is set.
		v.Set(reflect.ValueOf(Lifetime{Seconds: int64(day * (400 + f.n))}))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if f.distinct {
			v.SetString(strconv.Itoa(f.n) + "<" + f.s + ">!")
		} else {
			v.SetString(f.s)
		}
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(86400 * (400 + f.n)))
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				f.fill(v.Field(i))
			}
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		f.fill(v.Index(0))
		s := f.s
		if !f.distinct {
			f.s += "2"
		}
		f.fill(v.Index(1))
		f.s = s
	default:
		panic("fill: a field of kind " + v.Kind().String() + " needs a value here")
	}
}

func TestEveryFieldSurvivesAClone(t *testing.T) {
	v := fullVendor("x")
	c := cloneVendor(v)
	if !reflect.DeepEqual(c, v) {
		t.Fatalf("the clone differs:\n got %+v\nwant %+v", c, v)
	}
	sharesNoArray(t, "Vendor", reflect.ValueOf(c), reflect.ValueOf(v))
}

// sharesNoArray fails if any list reachable from a is backed by b's array.
func sharesNoArray(t *testing.T, path string, a, b reflect.Value) {
	t.Helper()
	switch a.Kind() {
	case reflect.Struct:
		for i := range a.NumField() {
			sharesNoArray(t, path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
		}
	case reflect.Slice:
		if a.Len() > 0 && a.UnsafePointer() == b.UnsafePointer() {
			t.Errorf("%s shares its backing array", path)
		}
		for i := range min(a.Len(), b.Len()) {
			sharesNoArray(t, path+"["+strconv.Itoa(i)+"]", a.Index(i), b.Index(i))
		}
	}
}

func TestEveryFieldSurvivesCleaningAndLosesItsEscapes(t *testing.T) {
	planted := fullVendor("a\x1b[31mb\u202ec")
	before := cloneVendor(planted)
	got := planted.Cleaned()
	if want := fullVendor("abc"); !reflect.DeepEqual(got, want) {
		t.Errorf("cleaned:\n got %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(planted, before) {
		t.Error("Cleaned changed the original")
	}
	sharesNoArray(t, "Vendor", reflect.ValueOf(got), reflect.ValueOf(planted))
}

func TestEveryFieldSurvivesAJSONRoundTrip(t *testing.T) {
	v := fullVendor("x")
	for name, b := range map[string][]byte{"AppendJSON": v.AppendJSON(nil), "json.Marshal": []byte(wantJSON(t, &v))} {
		back, err := DecodeVendors(strings.NewReader(string(b)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(back[0], v) {
			t.Errorf("%s and back:\n got %+v\nwant %+v", name, back[0], v)
		}
	}
}

func TestAFullFirstLayerIsKeptWholeByMerge(t *testing.T) {
	first, later := fullVendor("first"), fullVendor("later")
	first.Provenance, later.Provenance = nil, nil
	got := Merge([]SourcedVendor{{Source: "user:a.json", Vendor: first}})
	got.Provenance = nil
	if !reflect.DeepEqual(got, first) {
		t.Errorf("one layer:\n got %+v\nwant %+v", got, first)
	}
	got = Merge([]SourcedVendor{{Source: "user:a.json", Vendor: first}, {Source: EmbeddedSource, Vendor: later}})
	covers(t, "Vendor", reflect.ValueOf(got), reflect.ValueOf(first), true)
}

// TestMergeFillsEveryFieldFromALowerLayer merges, for each field of
// Vendor, a record with only that field set over a full one: the result
// has the one field of the first and every other fact of the lower.
func TestMergeFillsEveryFieldFromALowerLayer(t *testing.T) {
	full, lower := fullVendor("higher"), fullVendor("lower")
	typ := reflect.TypeFor[Vendor]()
	for i := range typ.NumField() {
		sf := typ.Field(i)
		if p := sf.Tag.Get("merge"); p == "-" {
			continue // Merge writes it
		}
		var higher Vendor
		reflect.ValueOf(&higher).Elem().Field(i).Set(reflect.ValueOf(full).Field(i))
		got := Merge([]SourcedVendor{{Source: "user:a.json", Vendor: higher}, {Source: EmbeddedSource, Vendor: lower}})
		gv, lv := reflect.ValueOf(got), reflect.ValueOf(lower)
		covers(t, sf.Name+" set: "+sf.Name, gv.Field(i), reflect.ValueOf(full).Field(i), true)
		for j := range typ.NumField() {
			other := typ.Field(j)
			if j == i || other.Tag.Get("merge") == "keep" || other.Tag.Get("merge") == "-" {
				continue
			}
			covers(t, sf.Name+" set: "+other.Name, gv.Field(j), lv.Field(j), false)
		}
	}
}

// covers fails unless got holds want's facts: its strings and flags, and
// want's list items, first in got's list when first is set (the first
// layer's items lead), anywhere in it otherwise.
func covers(t *testing.T, path string, got, want reflect.Value, first bool) {
	t.Helper()
	switch got.Kind() {
	case reflect.Struct:
		if got.Type() == reflect.TypeFor[Lifetime]() {
			break
		}
		for i := range got.NumField() {
			covers(t, path+"."+got.Type().Field(i).Name, got.Field(i), want.Field(i), first)
		}
		return
	case reflect.Slice:
		for i := range want.Len() {
			found := false
			if first {
				found = i < got.Len() && reflect.DeepEqual(got.Index(i).Interface(), want.Index(i).Interface())
			}
			for j := 0; !first && j < got.Len() && !found; j++ {
				found = reflect.DeepEqual(got.Index(j).Interface(), want.Index(i).Interface())
			}
			if !found {
				t.Errorf("%s: %v is missing from %v", path, want.Index(i), got)
			}
		}
		return
	}
	if !reflect.DeepEqual(got.Interface(), want.Interface()) {
		t.Errorf("%s: got %v, want %v", path, got, want)
	}
}

func TestIsVendorFieldKnowsEveryJSONKey(t *testing.T) {
	v := fullVendor("x")
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(wantJSON(t, &v)), &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw) != reflect.TypeFor[Vendor]().NumField() {
		t.Errorf("a full vendor has %d JSON keys for %d fields", len(raw), reflect.TypeFor[Vendor]().NumField())
	}
	for k := range raw {
		if !IsVendorField(k) {
			t.Errorf("IsVendorField(%q) is false", k)
		}
	}
	if IsVendorField("nmae") {
		t.Error("IsVendorField knows a typo")
	}
}

func TestCleanedKeepsNewlinesOnlyInTheFieldsTaggedText(t *testing.T) {
	got := fullVendor("a\nb").Cleaned()
	var walk func(path string, v reflect.Value, tag reflect.StructTag)
	walk = func(path string, v reflect.Value, tag reflect.StructTag) {
		switch v.Kind() {
		case reflect.String:
			text := tag.Get("clean") == "text"
			if s := v.String(); strings.Contains(s, "\n") != text || !strings.Contains(s, "a") {
				t.Errorf("%s (clean:%q) is %q", path, tag.Get("clean"), s)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i), v.Type().Field(i).Tag)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(path+"["+strconv.Itoa(i)+"]", v.Index(i), tag)
			}
		}
	}
	walk("Vendor", reflect.ValueOf(got), "")
}
