package store

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/vendex/vendex/data"
)

// Where a vendor's own documentation says what its script does, the
// category follows it rather than one dataset's label: Visually runs A/B
// tests and personalisation (help.visually.io), not advertising; uptain
// shows retention pop-ups and sends cart-reminder emails (uptain.de), not
// site analytics.
func TestACategoryFollowsTheVendorsOwnDescription(t *testing.T) {
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for host, want := range map[string]data.Category{
		"live.visually-io.com": data.Analytics,
		"app.uptain.de":        data.Marketing,
	} {
		tg, err := data.ParseTarget(host)
		if err != nil {
			t.Fatal(err)
		}
		if h, err := s.LookupHost(tg); err != nil || h.Category != want {
			t.Errorf("lookup %s: %s (%s), %v; want %s", host, h.ID, h.Category, err, want)
		}
	}
	v, err := s.Find("visually")
	if err != nil || !slices.Contains(v.Categories, data.Personalisation) {
		t.Errorf("show visually: categories %s %v, %v; want personalisation among them", v.Category, v.Categories, err)
	}
}
