package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkLookupBatch is `vendex lookup -` over hosts, one a line:
// $VENDEX_BENCH_HOSTS (a file) against $VENDEX_BENCH_DB, or else the
// embedded catalogue's own domains and misses against a fresh seed. It
// reports hosts/s; .ci/bench-all.sh times the whole command too.
func BenchmarkLookupBatch(b *testing.B) {
	db := os.Getenv("VENDEX_BENCH_DB")
	var hosts []byte
	if f := os.Getenv("VENDEX_BENCH_HOSTS"); f != "" {
		var err error
		if hosts, err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	if db == "" {
		db = filepath.Join(b.TempDir(), "v.db")
		if err := run(context.Background(), []string{"--db", db, "stats"}, nil, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	if hosts == nil {
		var sb strings.Builder
		for i := range 20000 {
			for _, h := range []string{"www.googletagmanager.com", "media.twiliocdn.com", "cdn.unknown-vendor.example", "https://www.google.com/recaptcha/api.js"} {
				sb.WriteString(h)
				if i%7 == 0 {
					sb.WriteString(".x")
				}
				sb.WriteByte('\n')
			}
		}
		hosts = []byte(sb.String())
	}
	n := bytes.Count(hosts, []byte("\n"))
	b.ResetTimer()
	for b.Loop() {
		run(context.Background(), []string{"--db", db, "lookup", "-"}, bytes.NewReader(hosts), io.Discard, io.Discard)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "hosts/s")
}
