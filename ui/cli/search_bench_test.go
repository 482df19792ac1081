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
	db := benchDB(b)
	for b.Loop() {
		if err := run(context.Background(), []string{"--db", db, "search", "twilio"}, nil, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// benchDB is $VENDEX_BENCH_DB (a database with the datasets imported,
// say), or else a fresh seed of the embedded catalogue: the file each
// command benchmark here runs against.
func benchDB(b *testing.B) string {
	if db := os.Getenv("VENDEX_BENCH_DB"); db != "" {
		return db
	}
	db := filepath.Join(b.TempDir(), "v.db")
	if err := run(context.Background(), []string{"--db", db, "stats"}, nil, io.Discard, io.Discard); err != nil {
		b.Fatal(err)
	}
	return db
}
