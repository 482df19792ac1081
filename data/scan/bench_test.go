package scan

import (
	"os"
	"path/filepath"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/vendex/vendex/data/scan/internal/hargen"
)

// BenchmarkReadHAR reads a 100 MB HAR of 20,000 entries, most of it
// response bodies, and reports the peak of the heap while reading: it
// stays a small part of the file because bodies are skipped entry by
// entry.
func BenchmarkReadHAR(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.har")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := hargen.Write(f, hargen.Entries, hargen.Size); err != nil {
		b.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ResetTimer()
	var peak uint64
	for b.Loop() {
		stop := samplePeakHeap(&peak)
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		ev, err := Read("big.har", f, FormatHAR)
		f.Close()
		stop()
		if err != nil || len(ev.Requests) != hargen.Entries {
			b.Fatalf("read %d requests: %v", len(ev.Requests), err)
		}
	}
	b.ReportMetric(float64(st.Size())/(1<<20), "file-MiB")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// samplePeakHeap records the largest live heap seen until stop is called.
func samplePeakHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			*peak = max(*peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
