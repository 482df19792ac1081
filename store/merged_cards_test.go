package store

import (
	"path/filepath"
	"testing"

	"github.com/vendex/vendex/data"
)

// Semasio and SearchForce are one company (Disconnect's one entity for
// semasio.* and searchforce.*): one card answers for both names and all
// four domains, and Semasio's own site (semasio.com) is no longer another
// vendor's while its pixel host is Semasio's.
func TestSemasioAndSearchForceAreOneCard(t *testing.T) {
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, host := range []string{"uipglob.semasio.net", "www.semasio.com", "sftrack.searchforce.net", "searchforce.com"} {
		tg, err := data.ParseTarget(host)
		if err != nil {
			t.Fatal(err)
		}
		if h, err := s.LookupHost(tg); err != nil || h.ID != "semasio" {
			t.Errorf("lookup %s: %q, %v; want semasio", host, h.ID, err)
		}
	}
	for _, q := range []string{"searchforce", "SearchForce", "semasio"} {
		if v, err := s.Find(q); err != nil || v.ID != "semasio" {
			t.Errorf("show %s: %q, %v; want semasio", q, v.ID, err)
		}
	}
}
