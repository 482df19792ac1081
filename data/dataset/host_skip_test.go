package dataset

import (
	"slices"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
)

// A host that ends in a number but is no IP address (k1-1.1.1.1) is no
// host at all: a reader skips it with a warning, as it skips an address,
// instead of passing it on for the import's check to refuse the file.
func TestAHostEndingInANumberIsSkipped(t *testing.T) {
	in := `{"domain":"k1-1.1.1.1","owner":{"name":"Example Ads"},"resources":[]}
{"domain":"ads.example","owner":{"name":"Example Ads"},"resources":[]}
`
	vs, ws, err := ReadBytes(FormatTRDomain, "d.jsonl", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var hosts []string
	for _, v := range vs {
		for _, d := range v.Domains {
			hosts = append(hosts, d.Host)
		}
		if ps := data.ValidateImported(&v); len(ps) > 0 {
			t.Errorf("%s: %v", v.ID, ps)
		}
	}
	if !slices.Equal(hosts, []string{"ads.example"}) || len(ws) == 0 || !strings.Contains(ws[0].String(), "k1-1.1.1.1") {
		t.Errorf("hosts %q, warnings %v", hosts, ws)
	}
}
