package audit

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/store"
)

// BenchmarkAuditCookies audits a capture of a site with many cookies and
// storage keys, some of them known vendors' names and patterns, some
// unknown, against a seeded catalogue (or $VENDEX_BENCH_DB, a database
// with the datasets imported): the name lookups are most of what it costs.
func BenchmarkAuditCookies(b *testing.B) {
	path := os.Getenv("VENDEX_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "v.db")
	}
	s, err := store.OpenCatalogue(path, true)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ev := &scan.Evidence{Site: "www.shop.example", Captured: captured}
	known := []string{"_ga", "_fbp", "_gid", "PHPSESSID", "OptanonConsent", "__cf_bm", "_hjSessionUser_1", "IDE", "test_cookie", "sessionid"}
	for i := range 2000 {
		domain := ".shop.example"
		if i%3 == 0 {
			domain = fmt.Sprintf(".vendor%d.example", i%40)
		}
		name := known[i%len(known)]
		if i%2 == 0 {
			name = fmt.Sprintf("site_pref_%d", i)
		}
		ev.Cookies = append(ev.Cookies, cookie(name, domain, time.Duration(i%5)*24*time.Hour))
		ev.Storage = append(ev.Storage, scan.StorageKey{Origin: "https://www.shop.example", Kind: "localStorage", Name: fmt.Sprintf("key_%d", i%700), Source: "bench"})
	}
	for b.Loop() {
		if _, err := Run(s, ev, Options{Mode: BeforeConsent}); err != nil {
			b.Fatal(err)
		}
	}
}
