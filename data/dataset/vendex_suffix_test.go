package dataset

import (
	"strings"
	"testing"
)

// A card of the user's claiming a public suffix would give every name
// under it to one vendor (www.bbc.co.uk "Acme, functional"): it is refused
// at its place, with what to do. A hosting company's own suffix stands
// when the card marks it as its customers', as an exported GitHub card does.
func TestAVendexCardClaimingAPublicSuffixIsRefused(t *testing.T) {
	for host, want := range map[string]string{
		"co.uk":     `[0].domains[1].host: "co.uk" is a public suffix, under which anyone can have a name; name the vendor's own domain under it`,
		"github.io": `mark a hosting company's suffix "hosting": true`,
	} {
		file := []byte(`[{"id": "acme", "name": "Acme", "category": "functional", "domains": [{"host": "acme.example"}, {"host": "` + host + `"}]}]`)
		if _, _, err := ReadBytes(FormatVendex, "acme.json", file); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error containing %q", host, err, want)
		}
	}
	// Every suffix a card claims is named at once, not one a run (trial7).
	file := []byte(`[{"id": "acme", "name": "Acme", "category": "functional", "domains": [{"host": "co.uk"}, {"host": "acme.example"}, {"host": "vercel.app"}]}]`)
	if _, _, err := ReadBytes(FormatVendex, "acme.json", file); err == nil || !strings.Contains(err.Error(), `[0].domains[0].host: "co.uk" and "vercel.app" are public suffixes`) {
		t.Errorf("two suffixes: %v", err)
	}
	file = []byte(`[{"id": "acme", "name": "Acme", "category": "functional", "domains": [{"host": "github.io", "hosting": true}]}]`)
	if vs, _, err := ReadBytes(FormatVendex, "acme.json", file); err != nil || len(vs) != 1 {
		t.Errorf("a hosting suffix marked as such: %v", err)
	}
}
