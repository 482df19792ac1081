package search

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/internal/synth"
)

// BenchmarkIndexMemory is what the browser keeps of 100,000 synthetic
// imported vendors (a name, an alias and a host each) once it has indexed
// them and built its one-letter tables: the live heap it adds, and the
// peak of the heap while it does (the runtime's own count, after a
// collection on either side). .ci/bench-all.sh measures the process's
// resident memory too.
func BenchmarkIndexMemory(b *testing.B) {
	names := synth.Names(300_000)
	briefs := func() []data.Brief {
		bs := make([]data.Brief, 0, len(names)/3)
		for i := 0; i+2 < len(names); i += 3 {
			bs = append(bs, data.Brief{ID: fmt.Sprint("v", i), Name: names[i], Aliases: []string{names[i+1]},
				Hosts: []string{strings.ReplaceAll(strings.ToLower(names[i+2]), " ", "-") + ".com"}, Imported: true})
		}
		return bs
	}
	var before, after runtime.MemStats
	var live, peak float64
	for b.Loop() {
		bs := briefs()
		runtime.GC()
		runtime.ReadMemStats(&before)
		x := NewBriefIndex(bs)
		x.Find("")
		x.Prepare()
		runtime.ReadMemStats(&after)
		peak = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
		runtime.GC()
		runtime.ReadMemStats(&after)
		live = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
		runtime.KeepAlive(x)
	}
	b.ReportMetric(live, "live-MiB")
	b.ReportMetric(peak, "before-GC-MiB")
}
