package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// BenchmarkCookieBatch is `vendex cookie -` over names, one a line:
// $VENDEX_BENCH_NAMES (a file) against $VENDEX_BENCH_DB, or else a mix of
// known names, names a pattern matches and misses against a fresh seed. It
// reports names/s, to set beside BenchmarkLookupBatch's hosts/s.
func BenchmarkCookieBatch(b *testing.B) {
	db := benchDB(b)
	var names []byte
	if f := os.Getenv("VENDEX_BENCH_NAMES"); f != "" {
		var err error
		if names, err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	if names == nil {
		var sb strings.Builder
		for i := range 20000 {
			for _, n := range []string{"_ga", "_fbp", "PHPSESSID", "OptanonConsent"} {
				sb.WriteString(n + "\n")
			}
			fmt.Fprintf(&sb, "_ga_%06X\n_hjSessionUser_%d\nnope_%d\n", i, i, i)
		}
		names = []byte(sb.String())
	}
	n := bytes.Count(names, []byte("\n"))
	b.ResetTimer()
	for b.Loop() {
		run(context.Background(), []string{"--db", db, "cookie", "-"}, bytes.NewReader(names), io.Discard, io.Discard)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "names/s")
}
