package store

import (
	"path/filepath"
	"testing"

	"github.com/vendex/vendex/data"
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
