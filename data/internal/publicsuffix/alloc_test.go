package publicsuffix

import "testing"

// A host's suffix is found without allocating: only a string that could
// be an address (a final digit, a colon) is parsed as one. The search
// index asks this for every host it holds.
func TestPublicSuffixOfAHostDoesNotAllocate(t *testing.T) {
	for _, h := range []string{"www.example.co.uk", "cdn.github.io", "analytics.js", "localhost"} {
		if n := testing.AllocsPerRun(100, func() { PublicSuffix(h) }); n != 0 {
			t.Errorf("PublicSuffix(%q): %v allocations, want 0", h, n)
		}
	}
	for h, want := range map[string]string{"192.168.0.1": "192.168.0.1", "::1": "::1", "a.b9": "b9"} {
		if got, _ := PublicSuffix(h); got != want {
			t.Errorf("PublicSuffix(%q) = %q, want %q", h, got, want)
		}
	}
}
