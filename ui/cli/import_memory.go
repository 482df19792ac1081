package cli

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The memory an import may take (issue 14): at most four times its input.
// What the process holds that the Go heap does not count (its code, the
// pages of the database it maps) comes off that, and what is left is the
// heap's first soft limit, never below importMinHeap, which a small import
// needs whatever its input (the catalogue it reads; a 1 KB file cannot be
// held to 4 KB). An import whose live heap comes near that limit may then
// take what an import of every public dataset takes (importAll, issue
// 13); one whose live heap comes near that is let go (see memoryLimit).
const (
	importPerByte = 4
	importOutside = 24 << 20
	importMinHeap = 24 << 20
	importAll     = 200 << 20
)

// importReadMemory is the soft limit on the heap while files are read, for
// an import past its budget: an import that fails should take at most 300
// MiB (issue 14), and the program itself takes some beside the heap.
const importReadMemory = 192 << 20

// importLimits are the soft limits on the heap an import of the files at
// paths is held to in turn, each taken when what is live comes near the
// one before (memoryLimit): its budget, then top; a budget past top is
// top's if capped (reading: a file refused at its end is held to
// importReadMemory however large), else top has no say. A path that is not
// a regular file (stdin) counts nothing.
func importLimits(paths []string, top int64, capped bool) []int64 {
	var size int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			size += fi.Size()
		}
	}
	budget := max(importPerByte*size-importOutside, importMinHeap)
	switch {
	case budget < top:
		return []int64{budget, top}
	case capped:
		return []int64{top}
	}
	return []int64{budget}
}

// memoryLimit holds the heap under a soft limit and, once what a
// collection leaves live comes near it, moves to the next of its limits:
// past there the collector would run without end (as often as the limit
// is reached, which is almost always) and free nothing, as what is live
// cannot go; the import would take several times its CPU and still miss
// its budget. Past the last, the limit is lifted if lifts, and stays
// lifted; else the last stands.
type memoryLimit struct {
	mu     sync.Mutex
	limits []int64 // limits[0] holds now; none: lifted, or stopped
	lifts  bool
	sample []metrics.Sample
}

// liftAt is the share of the heap's room under a limit that, live after
// a collection, moves past the limit: with a quarter of it left to fill,
// the collector runs four times as often as its default pace would.
const liftAt = 0.75

// holdMemory limits the heap to limits[0] bytes from now, watching each
// collection.
func holdMemory(limits []int64, lifts bool) *memoryLimit {
	m := &memoryLimit{limits: limits, lifts: lifts, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/goal:bytes"}}}
	debug.SetMemoryLimit(limits[0])
	m.watch()
	return m
}

// lift removes the limit, for good.
func (m *memoryLimit) lift() {
	m.mu.Lock()
	m.limits = nil
	m.mu.Unlock()
	debug.SetMemoryLimit(math.MaxInt64)
}

// from is limits without those m has moved past.
func (m *memoryLimit) from(limits []int64) []int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	for len(limits) > 1 && len(m.limits) > 0 && limits[0] < m.limits[0] {
		limits = limits[1:]
	}
	return limits
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
	if len(m.limits) == 0 {
		return
	}
	metrics.Read(m.sample)
	// The limit counts the runtime's own memory too, and the heap's goal
	// under it is what is left for the heap: what is live is compared
	// with that, the room the collector has.
	live, goal := float64(m.sample[0].Value.Uint64()), float64(m.sample[1].Value.Uint64())
	// One step a collection: the goal is the last limit's until the
	// next collection.
	if live > liftAt*min(goal, float64(m.limits[0])) && (len(m.limits) > 1 || m.lifts) {
		m.limits = m.limits[1:]
	}
	if len(m.limits) == 0 {
		debug.SetMemoryLimit(math.MaxInt64)
		return
	}
	debug.SetMemoryLimit(m.limits[0])
	m.watch()
}
