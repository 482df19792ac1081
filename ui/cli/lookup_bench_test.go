package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
)

// BenchmarkLookupBatch is `vendex lookup -` over hosts, one a line:
// $VENDEX_BENCH_HOSTS (a file) against $VENDEX_BENCH_DB, or else, against
// a fresh seed, hosts under the embedded catalogue's domains and misses,
// each named once (distinct: what a batch's memo cannot help) or the same
// 2,500 eight times over (repeated: a log); as a table and as --json. It
// reports hosts/s; .ci/bench-all.sh times the whole command too.
func BenchmarkLookupBatch(b *testing.B) {
	db := benchDB(b)
	if f := os.Getenv("VENDEX_BENCH_HOSTS"); f != "" {
		hosts, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("table", func(b *testing.B) { benchLookupBatch(b, db, hosts) })
		b.Run("json", func(b *testing.B) { benchLookupBatch(b, db, hosts, "--json") })
		return
	}
	vs, err := data.Catalogue()
	if err != nil {
		b.Fatal(err)
	}
	var domains []string
	for _, v := range vs {
		for _, d := range v.Domains {
			domains = append(domains, d.Host)
		}
	}
	list := func(n, times int) []byte {
		var sb strings.Builder
		for range times {
			for i := range n / 2 {
				d := domains[i%len(domains)]
				fmt.Fprintf(&sb, "h%d.%s\nh%d.%s.zz\n", i, d, i, d)
			}
		}
		return []byte(sb.String())
	}
	for _, f := range [][]string{nil, {"--json"}} {
		name := "table"
		if f != nil {
			name = "json"
		}
		b.Run("distinct-"+name, func(b *testing.B) { benchLookupBatch(b, db, list(20000, 1), f...) })
		b.Run("repeated-"+name, func(b *testing.B) { benchLookupBatch(b, db, list(2500, 8), f...) })
	}
}

func benchLookupBatch(b *testing.B, db string, hosts []byte, flags ...string) {
	n := bytes.Count(hosts, []byte("\n"))
	args := append(append([]string{"--db", db, "lookup"}, flags...), "-")
	for b.Loop() {
		run(context.Background(), args, bytes.NewReader(hosts), io.Discard, io.Discard)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "hosts/s")
}
