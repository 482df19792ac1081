package data

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func wantJSON(t testing.TB, v *Vendor) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func TestAppendJSONWritesWhatEncodingJSONWritesForTheCatalogue(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	for i := range vs {
		if got, want := string(vs[i].AppendJSON(nil)), wantJSON(t, &vs[i]); got != want {
			t.Fatalf("%s:\n got %s\nwant %s", vs[i].ID, got, want)
		}
	}
}

var awkwardStrings = []string{
	"", "plain", `quote " and \ backslash`, "<script>&amp;</script>", "tab\tnew\nline\rcr\bbs\fff",
	"\x00\x01\x1f\x7f", "bad utf-8 \xff\xfe end", "cut \xe2\x82", "sep \u2028 and \u2029", "Ünïcödé 中文 😀",
	"\x1b[31mred\x1b[0m", "\u00a0nbsp",
}

func TestAppendJSONWritesWhatEncodingJSONWritesForEveryFieldAndString(t *testing.T) {
	for _, s := range awkwardStrings {
		var v Vendor
		fillEveryField(reflect.ValueOf(&v).Elem(), s)
		if got, want := string(v.AppendJSON(nil)), wantJSON(t, &v); got != want {
			t.Errorf("every field set to %q:\n got %s\nwant %s", s, got, want)
		}
	}
	// Empty and omitted fields: a zero vendor, and empty (not nil) lists.
	for _, v := range []Vendor{{}, {Aliases: []string{}, Domains: []Domain{}, Categories: []Category{}, Storage: []StorageItem{{}}}} {
		if got, want := string(v.AppendJSON(nil)), wantJSON(t, &v); got != want {
			t.Errorf("got %s\nwant %s", got, want)
		}
	}
}

func TestAppendJSONKeepsLifetimesAsTheirCodes(t *testing.T) {
	for _, secs := range []int64{0, 1, 59, 3600, 86400, 86400 * 30, 86400 * 365, 63072006} {
		v := Vendor{Storage: []StorageItem{{Name: "x", Lifetime: Lifetime{Seconds: secs}}}}
		if got, want := string(v.AppendJSON(nil)), wantJSON(t, &v); got != want {
			t.Errorf("lifetime %ds:\n got %s\nwant %s", secs, got, want)
		}
	}
	for _, code := range []string{`"session"`, `"persistent"`, `"2y"`, `"13mo"`, `"30d"`} {
		var l Lifetime
		if err := json.Unmarshal([]byte(code), &l); err != nil {
			t.Fatal(err)
		}
		v := Vendor{Storage: []StorageItem{{Name: "x", Lifetime: l}}}
		if got, want := string(v.AppendJSON(nil)), wantJSON(t, &v); got != want {
			t.Errorf("lifetime %s:\n got %s\nwant %s", code, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range awkwardStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := AppendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
		var text bytes.Buffer
		enc := json.NewEncoder(&text)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got, want := string(AppendJSONText(nil, s)), strings.TrimSuffix(text.String(), "\n"); got != want {
			t.Errorf("%q without HTML escaping: got %s, want %s", s, got, want)
		}
	})
}

func BenchmarkVendorJSON(b *testing.B) {
	vs, err := Catalogue()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("AppendJSON", func(b *testing.B) {
		var buf []byte
		for i := 0; b.Loop(); i++ {
			buf = vs[i%len(vs)].AppendJSON(buf[:0])
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := json.Marshal(&vs[i%len(vs)]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
