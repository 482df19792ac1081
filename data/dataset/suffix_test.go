package dataset

import (
	"strings"
	"testing"
)

// An imported vendor never claims a public suffix: every name under it
// would be taken for the vendor's.
func TestAnImportRefusesAPublicSuffixAsAVendorsDomain(t *testing.T) {
	in := `[{"name": "Some Host", "domains": ["github.io", "co.uk", "somehost.example"]}]`
	vs, ws, err := ReadBytes(FormatThirdPartyWeb, "psl.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || len(vs[0].Domains) != 1 || vs[0].Domains[0].Host != "somehost.example" {
		t.Fatalf("domains %+v", vs)
	}
	var said []string
	for _, w := range ws {
		said = append(said, w.String())
	}
	if len(ws) != 2 || !strings.Contains(strings.Join(said, "\n"), `skipped "github.io": a public suffix`) {
		t.Errorf("warnings %v", said)
	}
}
