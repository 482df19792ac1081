package data

import (
	"strings"
	"testing"
)

// FuzzParseTarget: whatever is pasted, ParseTarget answers without a
// panic; a host it accepts is already normal (lower case, ASCII, no
// control or bidi character), and its error shows the input escaped.
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{
		"https://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js", "WWW.Example.COM.", "example.com:8443",
		"//cdn.example.com/x.js", "bücher.example", "[::1]:80", "192.168.0.1", "http://a..b", "-x.example",
		"xn--bcher-kva.example", "w\xff\xfe.com", "ex\x1bample.com", "a\u202eb.com", "http://user:pw@host/x?y#z",
		"http://example.com:99999", "", " ", "ftp://x.example", strings.Repeat("a.", 200) + "com",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		tgt, err := ParseTarget(in)
		if err != nil {
			if msg := err.Error(); EscapeControls(msg) != msg {
				t.Errorf("the error for %q carries a control character: %q", in, msg)
			}
			return
		}
		if tgt.Host == "" || EscapeControls(tgt.Host) != tgt.Host || strings.ToLower(tgt.Host) != tgt.Host {
			t.Errorf("ParseTarget(%q) accepted the host %q", in, tgt.Host)
		}
		if again, err := NormalizeHost(tgt.Host); err != nil || again != tgt.Host {
			t.Errorf("ParseTarget(%q) = %q, which normalises to %q (%v)", in, tgt.Host, again, err)
		}
	})
}
