package cli

import (
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"testing"
	"time"
)

// currentLimit is the soft memory limit as it stands.
func currentLimit() int64 { return debug.SetMemoryLimit(-1) }

// waitForLimit collects until the limit is want, or a few seconds pass
// (the watch runs on the runtime's cleanup goroutine, after a collection).
func waitForLimit(want int64) int64 {
	for range 200 {
		runtime.GC()
		if currentLimit() == want {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	return currentLimit()
}

// An import whose live heap comes near its budget is not left collecting
// without end: the limit is lifted, and stays lifted.
func TestAMemoryLimitThatWhatIsLiveNearsIsLifted(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	live := make([][]byte, 0, 64)
	for range 48 {
		live = append(live, make([]byte, 1<<20))
	}
	m := holdMemory([]int64{40 << 20}, true) // 48 MiB live is past three quarters of it
	if got := waitForLimit(math.MaxInt64); got != math.MaxInt64 {
		t.Errorf("with 48 MiB live the 40 MiB limit still stands (%d)", got)
	}
	runtime.KeepAlive(live)
	m.lift()
}

// One that stays well under its budget keeps it until the import ends.
func TestAMemoryLimitWellAboveWhatIsLiveHolds(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	m := holdMemory([]int64{1 << 40}, true)
	for range 5 {
		runtime.GC()
	}
	time.Sleep(50 * time.Millisecond) // for a wrong lift to show
	if got := currentLimit(); got != 1<<40 {
		t.Errorf("a limit far above what is live was lifted: %d", got)
	}
	m.lift()
	if got := currentLimit(); got != math.MaxInt64 {
		t.Errorf("lift left a limit of %d", got)
	}
}

// An import whose live heap outgrows its budget moves to the next limit,
// not to none; the last limit of one that may not lift stands.
func TestAMemoryLimitMovesToTheNextOne(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	live := make([][]byte, 0, 64)
	for range 48 {
		live = append(live, make([]byte, 1<<20))
	}
	m := holdMemory([]int64{40 << 20, 1 << 40}, true)
	if got := waitForLimit(1 << 40); got != 1<<40 {
		t.Errorf("with 48 MiB live the limits 40 MiB then 1 TiB stand at %d", got)
	}
	if got := m.from([]int64{40 << 20, 1 << 39}); len(got) != 1 || got[0] != 1<<39 {
		t.Errorf("the limits after the first one passed are %v", got)
	}
	m.lift()
	m = holdMemory([]int64{40 << 20}, false)
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := waitForLimit(40 << 20); got != 40<<20 {
		t.Errorf("a last limit that may not lift was moved to %d", got)
	}
	runtime.KeepAlive(live)
	m.lift()
}

// The budget is four times the input less what lies outside the heap,
// never below what a small import needs; past it, the next limit.
func TestImportLimitsAreTheInputsBudgetThenTheNext(t *testing.T) {
	dir := t.TempDir()
	small, large := filepath.Join(dir, "small.csv"), filepath.Join(dir, "large.csv")
	if err := os.WriteFile(small, []byte("a,b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(large)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(27 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, capped := range []bool{false, true} {
		if got := importLimits([]string{small}, 176<<20, capped); !slices.Equal(got, []int64{importMinHeap, 176 << 20}) {
			t.Errorf("a 4-byte file's limits are %v", got)
		}
		if got := importLimits([]string{large, "-"}, 176<<20, capped); !slices.Equal(got, []int64{4*27<<20 - importOutside, 176 << 20}) {
			t.Errorf("a 27 MiB file's limits are %v", got)
		}
	}
	if got := importLimits([]string{large, large}, 176<<20, false); !slices.Equal(got, []int64{4*54<<20 - importOutside}) {
		t.Errorf("two 27 MiB files' limits are %v", got)
	}
	if got := importLimits([]string{large, large}, 176<<20, true); !slices.Equal(got, []int64{176 << 20}) {
		t.Errorf("two 27 MiB files' limits, capped, are %v", got)
	}
}
