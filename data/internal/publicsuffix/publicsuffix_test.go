package publicsuffix

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/idna"
	xps "golang.org/x/net/publicsuffix"
)

// TestSameAnswersAsXNet: for every rule of the list (a name it lists, one
// and two labels below it, the name a wildcard or an exception stands
// for) and for hosts no rule names, PublicSuffix and EffectiveTLDPlusOne
// answer as golang.org/x/net/publicsuffix does. The list and x/net must be
// of one revision: update them together.
func TestSameAnswersAsXNet(t *testing.T) {
	for _, h := range listHosts(t) {
		ps, icann := PublicSuffix(h)
		wantPS, wantICANN := xps.PublicSuffix(h)
		if ps != wantPS || icann != wantICANN {
			t.Errorf("PublicSuffix(%q) = %q, %v; x/net says %q, %v (list %s)", h, ps, icann, wantPS, wantICANN, version)
		}
		site, err := EffectiveTLDPlusOne(h)
		wantSite, wantErr := xps.EffectiveTLDPlusOne(h)
		if site != wantSite || (err == nil) != (wantErr == nil) {
			t.Errorf("EffectiveTLDPlusOne(%q) = %q, %v; x/net says %q, %v", h, site, err, wantSite, wantErr)
		}
	}
}

// TestPrivateReachesEveryPrivateSuffix: for every name of
// TestSameAnswersAsXNet whose public suffix is of the private section,
// PrivateReaches says so of that suffix and of every domain above it, and
// the hosting rule's shortcut never hides a customer's name.
func TestPrivateReachesEveryPrivateSuffix(t *testing.T) {
	private, no := 0, 0
	for _, h := range listHosts(t) {
		ps, icann := PublicSuffix(h)
		if icann || ps == h || !strings.Contains(ps, ".") {
			continue
		}
		private++
		for d := ps; ; {
			if !PrivateReaches(d) {
				t.Errorf("PrivateReaches(%q) = false, but %q has the private suffix %q", d, h, ps)
			}
			i := strings.IndexByte(d, '.')
			if i < 0 {
				break
			}
			d = d[i+1:]
		}
	}
	for _, d := range []string{"example.com", "google.com", "hotjar.com", "co.uk", "x.y.nosuchtld"} {
		if !PrivateReaches(d) {
			no++
		}
	}
	if private < 5000 || no < 4 {
		t.Fatalf("%d names with a private suffix, %d of 5 domains with none under them answered no: the test reads too little", private, no)
	}
}

// TestMayBeBelowPrivateRulesOutOnlyNamesBelowNone: for every name of
// TestSameAnswersAsXNet below a public suffix of the private section,
// MayBeBelowPrivate says one may be above it, so that a batch lookup's
// shortcut never hides a user's name under a hosting suffix; and it rules
// out names with none above them.
func TestMayBeBelowPrivateRulesOutOnlyNamesBelowNone(t *testing.T) {
	private := 0
	for _, h := range listHosts(t) {
		ps, icann := PublicSuffix(h)
		if icann || ps == h || !strings.Contains(ps, ".") {
			continue
		}
		private++
		if !MayBeBelowPrivate(h) {
			t.Errorf("MayBeBelowPrivate(%q) = false, but it is below the private suffix %q", h, ps)
		}
	}
	for _, h := range []string{"www.example.com", "example.com", "com", "a.co.uk", "alice.io", "gitlab.io", "x.y.nosuchtld"} {
		if MayBeBelowPrivate(h) {
			t.Errorf("MayBeBelowPrivate(%q) = true: no private rule is above it", h)
		}
	}
	if private < 5000 {
		t.Fatalf("%d names below a private suffix: the test reads too little", private)
	}
}

// listHosts is, for every rule of the list, the name it lists, one and two
// labels below it, the name a wildcard or an exception stands for, and
// hosts no rule names.
func listHosts(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("public_suffix_list.dat")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hosts := []string{"", "com", "example.com", "www.example.com", "nosuchtld", "a.b.nosuchtld", "192.0.2.1", "::1",
		"Example.COM", ".example.com", "example.com.", "a..example.com", "maps.googleapis.com", "www.ck", "x.www.ck", "a.b.ck"}
	rules := 0
	in := bufio.NewScanner(f)
	for in.Scan() {
		s := strings.TrimSpace(in.Text())
		if s == "" || strings.HasPrefix(s, "//") {
			continue
		}
		s, err := idna.ToASCII(s)
		if err != nil {
			t.Fatal(err)
		}
		rules++
		s = strings.TrimPrefix(strings.TrimPrefix(s, "*."), "!")
		hosts = append(hosts, s, "x."+s, "y.x."+s, "*."+s)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			hosts = append(hosts, s[i+1:], "x"+s[i:])
		}
	}
	if err := in.Err(); err != nil {
		t.Fatal(err)
	}
	if rules < 9000 {
		t.Fatalf("read %d rules from public_suffix_list.dat; the list has some 10,000", rules)
	}
	return hosts
}

// BenchmarkEffectiveTLDPlusOne holds the table's speed next to x/net's
// (imports ask it of every host).
func BenchmarkEffectiveTLDPlusOne(b *testing.B) {
	hosts := []string{"maps.googleapis.com", "www.example.co.uk", "a.b.c.d.nosuchtld", "static.hotjar.com", "cdn.shopify.com", "x.s3.amazonaws.com"}
	for _, c := range []struct {
		name string
		fn   func(string) (string, error)
	}{{"table", EffectiveTLDPlusOne}, {"x-net", xps.EffectiveTLDPlusOne}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for _, h := range hosts {
					_, _ = c.fn(h)
				}
			}
		})
	}
}
