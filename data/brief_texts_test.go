package data

import (
	"reflect"
	"testing"
)

// A search reads a brief's name, aliases and hosts, and BriefTexts gives
// exactly those, in that order, from the encoding; damaged bytes are
// reported, not read past.
func TestBriefTextsAreWhatASearchReads(t *testing.T) {
	b := Brief{Name: "Twilio", Aliases: []string{"Twilio WebRTC", "Segment"}, OwnAliases: 1,
		Hosts: []string{"twilio.com", "xn--bcher-kva.de"}, MainDomain: "twilio.com", Category: "communication", Block: "no"}
	raw := AppendBrief(nil, b)
	var got []string
	if !BriefTexts(raw, func(s []byte) bool { got = append(got, string(s)); return true }) {
		t.Fatal("BriefTexts calls a well-formed brief damaged")
	}
	if want := []string{"Twilio", "Twilio WebRTC", "Segment", "twilio.com", "xn--bcher-kva.de"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("BriefTexts gives %q, want %q", got, want)
	}
	got = got[:0]
	BriefTexts(raw, func(s []byte) bool { got = append(got, string(s)); return len(got) < 2 })
	if len(got) != 2 {
		t.Fatalf("BriefTexts went on after fn said stop: %q", got)
	}
	for _, bad := range [][]byte{nil, raw[:1], raw[:len(raw)-3], append([]byte{'{'}, raw[1:]...)} {
		if BriefTexts(bad, func([]byte) bool { return true }) {
			t.Errorf("BriefTexts(%q) reads damaged bytes as a brief", bad)
		}
	}
}

// A brief keeps the letters of everything a search matches in it (each
// string folded, a host also in Unicode), and says whether its texts are
// those strings as they are; a brief an older vendex wrote has none.
func TestABriefKeepsTheLettersASearchNeeds(t *testing.T) {
	for _, c := range []struct {
		b     Brief
		want  string
		plain bool
	}{
		{Brief{Name: "Twilio", Aliases: []string{"Segment 2"}, Hosts: []string{"twil.io"}}, "twiloSEGMN2", true},
		{Brief{Name: "Bücher", Hosts: []string{"xn--mnchen-3ya.de"}}, "bucherxnmnchen3yad", false},
		{Brief{Name: "Maſter \u212Aelvin"}, "masterkelvin", false},
	} {
		got, plain, ok := BriefLetters(AppendBrief(nil, c.b))
		if !ok || got != Letters(c.want) || plain != c.plain {
			t.Errorf("%+v: letters %x, plain %v, %v; want %x (%s), %v", c.b, got, plain, ok, Letters(c.want), c.want, c.plain)
		}
	}
	if _, _, ok := BriefLetters([]byte{briefVersion, 0, 0}); ok {
		t.Error("a brief without letters reads as having them")
	}
}

// A list with no query orders vendors by name, imported ones last: BriefName
// reads both from the encoding, and refuses damaged bytes.
func TestBriefNameIsWhatAListIsOrderedBy(t *testing.T) {
	for _, b := range []Brief{{Name: "Twilio", Aliases: []string{"Segment"}}, {Name: "ADARA MEDIA", Imported: true}, {Name: ""}} {
		raw := AppendBrief(nil, b)
		name, imported, ok := BriefName(raw)
		if !ok || string(name) != b.Name || imported != b.Imported {
			t.Errorf("BriefName of %+v: %q, imported %v, %v", b, name, imported, ok)
		}
		for _, bad := range [][]byte{nil, raw[:1], append([]byte{'{'}, raw[1:]...)} {
			if _, _, ok := BriefName(bad); ok {
				t.Errorf("BriefName(%q) reads damaged bytes as a brief", bad)
			}
		}
	}
	if _, _, ok := BriefName(AppendBrief(nil, Brief{Name: "Twilio"})[:5]); ok {
		t.Error("BriefName reads a name cut short")
	}
}
