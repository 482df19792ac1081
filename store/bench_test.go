package store

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// benchTargets are a hit through a deep subdomain, a path-prefixed source
// and a miss.
var benchTargets = []data.Target{
	{Host: "a.b.c.media.twiliocdn.com", Path: "/sdk/js/client/v1.3/twilio.min.js"},
	{Host: "www.google.com", Path: "/recaptcha/api.js"},
	{Host: "cdn.unknown-vendor.example"},
}

// BenchmarkByDomain looks up hosts in a store seeded with the embedded
// catalogue: a hit through a deep subdomain, a path-prefixed source, a miss.
func BenchmarkByDomain(b *testing.B) {
	s, err := OpenCatalogue(filepath.Join(b.TempDir(), "v.db"), true)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.ByDomain(benchTargets[i%len(benchTargets)])
	}
}

// BenchmarkOpenCatalogue is the fixed cost every reading command pays.
func BenchmarkOpenCatalogue(b *testing.B) {
	path := filepath.Join(b.TempDir(), "v.db")
	s, err := OpenCatalogue(path, true)
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := OpenCatalogue(path, true)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkSeed is a first run: the embedded catalogue written into a
// new file and opened for reading, as any command's first start does.
func BenchmarkSeed(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		s, err := OpenCatalogue(filepath.Join(dir, fmt.Sprintf("v%d.db", i)), true)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkLookupHost is the per-line cost of `vendex lookup -`.
func BenchmarkLookupHost(b *testing.B) {
	s, err := OpenCatalogue(filepath.Join(b.TempDir(), "v.db"), true)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.LookupHost(benchTargets[i%len(benchTargets)])
	}
}

// BenchmarkLookups is a batch of `vendex lookup -` in the store: 20,000
// hosts under the embedded catalogue's domains and misses, each named
// once (distinct) or the same 2,500 eight times over (repeated), as a
// host list from logs does. It reports hosts/s.
func BenchmarkLookups(b *testing.B) {
	s, err := OpenCatalogue(filepath.Join(b.TempDir(), "v.db"), true)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var domains []string
	s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDomains).ForEach(func(k, _ []byte) error {
			domains = append(domains, string(k))
			return nil
		})
	})
	targets := func(n int) []data.Target {
		ts := make([]data.Target, 0, n)
		for i := 0; len(ts) < n; i++ {
			d := domains[i%len(domains)]
			ts = append(ts, data.Target{Host: fmt.Sprintf("h%d.%s", i, d)}, data.Target{Host: fmt.Sprintf("h%d.%s.zz", i, d)})
		}
		return ts
	}
	distinct, few := targets(20000), targets(2500)
	var repeated []data.Target
	for range 8 {
		repeated = append(repeated, few...)
	}
	for _, c := range []struct {
		name string
		ts   []data.Target
	}{{"distinct", distinct}, {"repeated", repeated}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				s.Lookups(func(lookup func(data.Target) (Hit, error)) error {
					for _, t := range c.ts {
						lookup(t)
					}
					return nil
				})
			}
			b.ReportMetric(float64(len(c.ts))*float64(b.N)/b.Elapsed().Seconds(), "hosts/s")
		})
	}
}

// BenchmarkCookies is a batch of `vendex cookie -` in the store: every name
// of the embedded catalogue's cookie index, a name for each pattern and a
// miss for each. It reports names/s.
func BenchmarkCookies(b *testing.B) {
	s, err := OpenCatalogue(filepath.Join(b.TempDir(), "v.db"), true)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	names := cookieNames(b, s)
	for b.Loop() {
		s.Cookies(func(byCookie func(string) ([]CookieMatch, error)) error {
			for _, n := range names {
				byCookie(n)
			}
			return nil
		})
	}
	b.ReportMetric(float64(len(names))*float64(b.N)/b.Elapsed().Seconds(), "names/s")
}
