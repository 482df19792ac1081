package dataset

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadTrackerRadar reads Tracker Radar's domain files as the
// import command does (Read of a stream): JSON lines (22 MB) and the
// domain index CSV (2.6 MB). -benchmem gives what a read allocates.
func BenchmarkReadTrackerRadar(b *testing.B) {
	for _, name := range []string{"domains-GB.jsonl", "domain-index-all-regions.csv"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "datasets", "tracker-radar", name))
		if err != nil {
			b.Skipf("Tracker Radar is not here (%v)", err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if _, _, err := Read(FormatTRDomain, name, bytes.NewReader(raw)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
