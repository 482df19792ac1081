package cli

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/vendex/vendex/data"
)

// A line of lookup --json is what encoding/json wrote for it (through
// jsonEscaper, as every --json output goes) before the line was built by
// hand: for a hit, a miss, a hosted miss and an invalid input, with texts
// holding quotes, HTML characters, controls, bidi marks, separators and
// invalid UTF-8.
func TestLookupJSONLineIsWhatEncodingJSONWrites(t *testing.T) {
	texts := []string{"", "plain.example", `q"uote\back`, "<b>&amp;</b>", "tab\tnl\ncr\r\x00\x1f\x7f",
		"\x1b[31mred", "\u202egoogle.com", "\u0085c1\u009b", "sep\u2028\u2029", "bad\xff\xfeutf8", "café 中文 😀"}
	for _, s := range texts {
		for _, r := range []lookupResult{
			{Input: s, Found: true, VendorID: s, Name: s, Category: data.Category(s), Matched: s, Block: data.Answer(s)},
			{Input: s, Block: "unknown"},
			{Input: s, Block: "unknown", Matched: s, HostedOn: s, HostedOnID: s},
			{Input: s, Block: "unknown", Error: s},
		} {
			var want bytes.Buffer
			enc := json.NewEncoder(jsonEscaper{&want})
			enc.SetEscapeHTML(false)
			if err := enc.Encode(&r); err != nil {
				t.Fatal(err)
			}
			if got := appendLookupJSON([]byte("before"), &r); string(got) != "before"+want.String() {
				t.Errorf("%+v:\n got %s\nwant before%s", r, got, want.String())
			}
		}
	}
}
