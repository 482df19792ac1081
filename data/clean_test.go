package data

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCleanTextRemovesTerminalSequences(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"red \x1b[31mtext\x1b[0m", "red text"},
		{"title \x1b]0;pwned\x07done", "title done"},
		{"link \x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "link click"},
		{"clear\x1b[2J\x1b[Hscreen", "clearscreen"},
		{"bell\x07 and back\bspace", "bell and backspace"},
		{"c1 csi \u009b31mred", "c1 csi red"},
		{"tab\there", "tab here"},
		{"two\nlines", "two\nlines"},
		{"carriage\rreturn", "carriagereturn"},
		{"rtl \u202eevil", "rtl evil"},
		{"isolate \u2067evil\u2069 mark\u200f", "isolate evil mark"},
		{"embed \u202bx\u202c", "embed x"},
		{"DoubleVerify Inc.\u200b", "DoubleVerify Inc."},
		{"\ufeffword\u2060joiner", "wordjoiner"},
		{"emoji \U0001F468\u200d\U0001F469 and ZWNJ \u200c kept", "emoji \U0001F468\u200d\U0001F469 and ZWNJ \u200c kept"},
		{"bad utf8 \xff!", "bad utf8 \uFFFD!"},
		{"Café 東京", "Café 東京"},
		{"dangling \x1b", "dangling "},
	}
	for _, c := range cases {
		if got := CleanText(c.in); got != c.want {
			t.Errorf("CleanText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := CleanLine("a\nb"); got != "a b" {
		t.Errorf("CleanLine joined lines as %q", got)
	}
}

func TestParseTargetSaysWhatIsWrong(t *testing.T) {
	cases := map[string]string{
		"":                                      "empty",
		"has space.com":                         "contains spaces",
		"static.hotjar.com:abc":                 "port is not a number",
		"static.hotjar.com:99999":               "from 1 to 65535",
		"hotjar.com..":                          "empty label",
		"-x.example":                            "starts or ends with a hyphen",
		"bad-.google.com":                       "starts or ends with a hyphen",
		strings.Repeat("a", 64) + ".com":        "at most 63",
		strings.Repeat("abcdefgh.", 30) + "com": "at most 253",
		"ex@mple!.com":                          "cannot have",
		"http://":                               "no host",
		"a\x1b[31m.com":                         "control characters",
		strings.Repeat("a", 9000):               "longer than 8 KiB",
	}
	for in, want := range cases {
		_, err := ParseTarget(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseTarget(%.20q) = %v, want a message with %q", in, err, want)
		}
		if err != nil && (strings.Contains(err.Error(), "idna") || strings.Contains(err.Error(), "parse \"")) {
			t.Errorf("ParseTarget(%.20q) leaks library text: %v", in, err)
		}
		if err != nil && len(err.Error()) > 200 {
			t.Errorf("ParseTarget message is %d bytes long", len(err.Error()))
		}
	}
	for _, ok := range []string{"static.hotjar.com:443", "hotjar.com.", "bücher.example", "[2001:db8::1]:80", "192.0.2.1",
		"r5---sn-najern7r.googlevideo.com", "https://rr1---sn-abc.googlevideo.com/videoplayback", "xn--bcher-kva.example", "_dmarc.example.com"} {
		if _, err := ParseTarget(ok); err != nil {
			t.Errorf("ParseTarget(%q): %v", ok, err)
		}
	}
}

func TestCleanedVendorHoldsNoEscapes(t *testing.T) {
	e := "x\x1b[31m\x07y"
	v := Vendor{ID: e, Name: e, Owner: e, Aliases: []string{e}, Summary: e, Overview: e, Category: Category(e),
		Domains: []Domain{{Host: e, Note: e}}, Scripts: []Script{{Name: e, Host: e, Path: e, Description: e}},
		Connections: []Connection{{Kind: e, Hosts: []string{e}, Description: e}}, DataCollected: []string{e},
		Storage: []StorageItem{{Kind: StorageKind(e), Name: e, Purpose: e}}, Permissions: []Permission{{Name: PermissionName(e), When: e}},
		Compliance: Compliance{GDPR: e, CCPA: e, Role: Role(e)}, ConsentRequired: Verdict{Value: Answer(e), Reason: e},
		FAQ: []FAQ{{Question: e, Answer: e}}, Related: []string{e}, Sources: []Source{{Name: e, URL: e}},
		Provenance: []Provenance{{Field: e, Value: e, Source: e}}, SeenCategories: []string{e}, Unpublished: []string{e}}
	b, _ := json.Marshal(v.Cleaned())
	if strings.Contains(string(b), `\u001b`) || strings.Contains(string(b), `\u0007`) {
		t.Errorf("Cleaned left a control character: %s", b)
	}
	if v.Name != e {
		t.Error("Cleaned changed the original")
	}
}

func TestMessagesShowHostileInputEscapedNeverRaw(t *testing.T) {
	in := "a\x1b[2J\u009b1m\u202eb\u2066c\xff"
	if got, want := Quote(in), `"a\x1b[2J\u009b1m\u202eb\u2066c\xff"`; got != want {
		t.Errorf("Quote = %s, want %s", got, want)
	}
	if got, want := EscapeControls(in+"\n"), `a\x1b[2J\u009b1m\u202eb\u2066c\xff`+"\n"; got != want {
		t.Errorf("EscapeControls = %s, want %s", got, want)
	}
	if got, want := string(EscapeJSON([]byte(`{"n":"a`+"\u009b\u202e"+`b"}`))), `{"n":"a\u009b\u202eb"}`; got != want {
		t.Errorf("EscapeJSON = %s, want %s", got, want)
	}
	if q := Quote(strings.Repeat("x", 200)); len([]rune(q)) != 82 {
		t.Errorf("Quote does not cut a long input to 80 characters: %d", len([]rune(q)))
	}
}

func TestTheJSONExportSaysWhatTheOtherCardsSay(t *testing.T) {
	b, err := JSON(Vendor{ID: "x", Name: "Evil\u202eCo", Summary: "a\u2067b\u200fc\u061c"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(b), "\u202e\u2067\u200f\u061c") {
		t.Errorf("the JSON export carries a bidi control: %q", b)
	}
	if !strings.Contains(string(b), `"EvilCo"`) {
		t.Errorf("the name is not cleaned as the card cleans it: %s", b)
	}
}

// A lone ESC before a newline is dropped; the newline stays.
func TestALoneEscapeKeepsTheNewlineAfterIt(t *testing.T) {
	if got := CleanText("one\x1b\ntwo\x1b\x1b[31mthree"); got != "one\ntwothree" {
		t.Errorf("%q", got)
	}
}
