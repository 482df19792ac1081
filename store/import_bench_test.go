package store

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/vendex/vendex/data"
)

// ocdRows writes an Open Cookie Database CSV of n rows, perVendor rows to
// a platform, each platform with its own domain. One row per vendor is the
// worst case for the store; the real database has about 6.5.
func ocdRows(n, perVendor int) []byte {
	var b bytes.Buffer
	b.WriteString("ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n")
	for i := 0; i < n; i++ {
		p := i / perVendor
		fmt.Fprintf(&b, "id-%d,Platform %d,Marketing,cookie_%d,tracker%d.example,Keeps visitor %d's id,1 year,Owner %d,https://owner%d.example/privacy,0\n", i, p, i, p, i, p%1000, p%1000)
	}
	return b.Bytes()
}

// BenchmarkImport reads and imports a 100,000-row file into a seeded
// store, in one transaction; it reports rows/s.
func BenchmarkImport(b *testing.B) {
	for _, per := range []int{1, 8} {
		b.Run(fmt.Sprintf("rows-per-vendor=%d", per), func(b *testing.B) { benchmarkImport(b, per) })
	}
}

func benchmarkImport(b *testing.B, perVendor int) {
	const rows = 100_000
	file := ocdRows(rows, perVendor)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "v.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Seed(fixture(), "test-1"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		vs, _, err := data.ReadFile(data.FormatOCDCSV, "bench.csv", bytes.NewReader(file))
		if err != nil {
			b.Fatal(err)
		}
		rep, err := s.Import(vs, ImportOptions{Format: string(data.FormatOCDCSV), File: "bench.csv", Hash: fmt.Sprintf("%016d", i)})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if len(rep.NewVendors) != rows/perVendor {
			b.Fatalf("new vendors = %d, want %d", len(rep.NewVendors), rows/perVendor)
		}
		s.Close()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
