package cli

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// importReadMemory is the soft limit on the heap while files are read:
// an import that fails should take at most 300 MiB (issue 14), and the
// program itself takes some beside the heap.
const importReadMemory = 192 << 20

// The memory an import may take once its files are read (issue 14): at
// most four times its input, but never less than importFloor, what an
// import of every public dataset may take; less importOutside, what the
// process holds that the Go heap does not count (its code, the pages of
// the database it maps).
const (
	importPerByte = 4
	importFloor   = 200 << 20
	importOutside = 24 << 20
)

// writeMemory is the soft limit on the heap while an import of the files
// at paths is written: the collector's default pace lets the heap grow to
// twice what is live, which for a large import is far past its budget. A
// path that is not a regular file (stdin) counts nothing.
func writeMemory(paths []string) int64 {
	var size int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			size += fi.Size()
		}
	}
	return max(importPerByte*size, importFloor) - importOutside
}

// memoryLimit holds the heap under a soft limit and lifts it once what a
// collection leaves live comes near it: past there the collector would
// run without end (as often as the limit is reached, which is almost
// always) and free nothing, as what is live cannot go; the import would
// take several times its CPU and still miss its budget. A limit lifted
// stays lifted.
type memoryLimit struct {
	mu     sync.Mutex
	limit  int64 // 0: none, or lifted
	sample []metrics.Sample
}

// liftAt is the share of the limit that, live after a collection, lifts
// it: with a quarter of it left to fill, the collector runs four times as
// often as its default pace would.
const liftAt = 0.75

// holdMemory limits the heap to limit bytes from now, watching each
// collection.
func holdMemory(limit int64) *memoryLimit {
	m := &memoryLimit{limit: limit, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	debug.SetMemoryLimit(limit)
	m.watch()
	return m
}

// lift removes the limit, for good.
func (m *memoryLimit) lift() {
	m.mu.Lock()
	m.limit = 0
	m.mu.Unlock()
	debug.SetMemoryLimit(math.MaxInt64)
}

// watch runs afterCollection once the next collection has run: the
// runtime runs an object's cleanup after the collection that finds it
// unreachable, and this one is unreachable at once.
func (m *memoryLimit) watch() {
	runtime.AddCleanup(new(collectionTick), func(m *memoryLimit) { m.afterCollection() }, m)
}

// collectionTick is large enough to be an allocation of its own (the
// runtime may pack tiny ones together, and they then go together).
type collectionTick struct{ _ [32]byte }

func (m *memoryLimit) afterCollection() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.limit == 0 {
		return
	}
	metrics.Read(m.sample)
	if live := m.sample[0].Value.Uint64(); float64(live) > liftAt*float64(m.limit) {
		m.limit = 0
		debug.SetMemoryLimit(math.MaxInt64)
		return
	}
	m.watch()
}
