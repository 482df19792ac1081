package store

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/dataset"
)

const benchRows = 100_000

const ocdHeader = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n"

// ocdRows writes an Open Cookie Database CSV of n rows, perVendor rows to
// a platform, each platform with its own domain. One row per vendor is the
// worst case for the store; the real database has about 6.4.
func ocdRows(n, perVendor int) []byte {
	var b bytes.Buffer
	b.WriteString(ocdHeader)
	for i := 0; i < n; i++ {
		p := i / perVendor
		fmt.Fprintf(&b, "id-%d,Platform %d,Marketing,cookie_%d,tracker%d.example,Keeps visitor %d's id,1 year,Owner %d,https://owner%d.example/privacy,0\n", i, p, i, p, i, p%1000, p%1000)
	}
	return b.Bytes()
}

// ocdRepeated is the real Open Cookie Database CSV, from
// ../shared/datasets, repeated to n rows: its platforms, their sizes (108
// of 354 have one row, a few have 98), categories, retention periods and
// domains as they are. The first copy is the file itself, so it joins the
// catalogue's vendors as a real import does; each further copy renames its
// platforms ("Hotjar 3"), cookies ("_hjid_3") and domains
// ("hotjar-3.com"), so that it is as many new vendors again.
func ocdRepeated(tb testing.TB, n int) []byte {
	path := filepath.Join(datasetsDir, "open-cookie-database", "open-cookie-database.csv")
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Skipf("the Open Cookie Database is not here (%v)", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(recs[0])
	rows := recs[1:]
	for i := 0; i < n; i++ {
		r := append([]string(nil), rows[i%len(rows)]...)
		if k := i / len(rows); k > 0 {
			r[0] = fmt.Sprintf("%s-%d", r[0], k)
			r[1] = fmt.Sprintf("%s %d", r[1], k)
			r[3] = fmt.Sprintf("%s_%d", r[3], k)
			host, rest, _ := strings.Cut(r[4], " ")
			if dot := strings.LastIndexByte(host, '.'); dot > 0 {
				r[4] = strings.TrimSpace(fmt.Sprintf("%s-%d%s %s", host[:dot], k, host[dot:], rest))
			}
		}
		w.Write(r)
	}
	w.Flush()
	return b.Bytes()
}

// BenchmarkImport reads and imports a 100,000-row OCD CSV into a store
// seeded with the embedded catalogue, in one transaction, as vendex import
// does (with its GC setting); it reports rows/s. The floor is
// 150,000 rows/s; see .ci/bench-import.sh for the command as a whole.
func BenchmarkImport(b *testing.B) {
	cat, err := data.Catalogue()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		file func(testing.TB) []byte
	}{
		{"open-cookie-database-repeated", func(tb testing.TB) []byte { return ocdRepeated(tb, benchRows) }},
		{"rows-per-vendor=8", func(testing.TB) []byte { return ocdRows(benchRows, 8) }},
		{"rows-per-vendor=1", func(testing.TB) []byte { return ocdRows(benchRows, 1) }},
		// Few vendors of many rows: a row's cookies were looked up in
		// its vendor's whole list, quadratic in the rows.
		{"rows-per-vendor=2000", func(testing.TB) []byte { return ocdRows(benchRows, 2_000) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			file := c.file(b)
			b.ResetTimer()
			benchmarkImport(b, cat, file)
		})
	}
}

func benchmarkImport(b *testing.B, cat []data.Vendor, file []byte) {
	defer debug.SetGCPercent(debug.SetGCPercent(200)) // as vendex import sets it
	records := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "v.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Seed(append([]data.Vendor(nil), cat...), "bench"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		chunks, _, err := dataset.ReadBytesChunks(dataset.FormatOCDCSV, "bench.csv", file)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := s.Import(RecordsOf(chunks...), ImportOptions{Format: string(dataset.FormatOCDCSV), File: "bench.csv", Hash: fmt.Sprintf("%016d", i)})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		records = rep.Records
		s.Close()
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(records), "vendors")
}

// TestWriteImportBenchFiles writes BenchmarkImport's files into the
// directory $VENDEX_BENCH_FILES, for .ci/bench-import.sh to time the
// vendex import command on the same rows; without it, it skips.
func TestWriteImportBenchFiles(t *testing.T) {
	dir := os.Getenv("VENDEX_BENCH_FILES")
	if dir == "" {
		t.Skip("VENDEX_BENCH_FILES is not set; .ci/bench-import.sh sets it")
	}
	files := map[string][]byte{
		"rows-per-vendor-1.csv": ocdRows(benchRows, 1),
		"rows-per-vendor-8.csv": ocdRows(benchRows, 8),
	}
	if _, err := os.Stat(filepath.Join(datasetsDir, "open-cookie-database")); err == nil {
		files["open-cookie-database-repeated.csv"] = ocdRepeated(t, benchRows)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
