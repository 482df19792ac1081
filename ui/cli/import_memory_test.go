package cli

import (
	"math"
	"runtime"
	"runtime/debug"
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
	m := holdMemory(40 << 20) // 48 MiB live is past three quarters of it
	if got := waitForLimit(math.MaxInt64); got != math.MaxInt64 {
		t.Errorf("with 48 MiB live the 40 MiB limit still stands (%d)", got)
	}
	runtime.KeepAlive(live)
	m.lift()
}

// One that stays well under its budget keeps it until the import ends.
func TestAMemoryLimitWellAboveWhatIsLiveHolds(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	m := holdMemory(1 << 40)
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
