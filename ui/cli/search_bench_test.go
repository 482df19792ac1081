package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkSearchCommand is `vendex search twilio` in process, against
// $VENDEX_BENCH_DB (every dataset imported, say) or else a fresh seed of
// the embedded catalogue: opening the file, reading the briefs, ranking.
// .ci/bench-all.sh times the whole command too.
func BenchmarkSearchCommand(b *testing.B) {
	db := os.Getenv("VENDEX_BENCH_DB")
	if db == "" {
		db = filepath.Join(b.TempDir(), "v.db")
		if err := run(context.Background(), []string{"--db", db, "stats"}, nil, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if err := run(context.Background(), []string{"--db", db, "search", "twilio"}, nil, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
