package cli

import (
	"strings"
	"testing"
)

// Each message a new user met without a next step now says one, and the
// sub-commands word their option mistakes as the top level does.
func TestMessagesSayWhatToDoNext(t *testing.T) {
	db, dir := tempDB(t), t.TempDir()
	cases := []struct {
		args   []string
		code   int
		stream string // "out" or "err"
		want   string
		not    string
	}{
		{[]string{"help", "nosuch"}, 2, "err", `help: unknown command "nosuch"; 'vendex help' lists the commands`, ""},
		{[]string{"lookup", "--nope", "x.com"}, 2, "err", `lookup: unknown option "--nope"`, "flag provided"},
		{[]string{"export", "twilio", "-o"}, 2, "err", `export: option "-o" needs a value`, "flag needs"},
		{[]string{"search", "--limit", "many", "x"}, 2, "err", `search: option "--limit" takes a number, not "many"`, ""},
		{[]string{"declare", dir}, 1, "err", dir + " is a folder; name the capture files in it", "scan:"},
		{[]string{"coverage", dir}, 1, "err", "coverage: " + dir + " is a folder; name a file of hosts in it", "read host list"},
		{[]string{"import", dir}, 1, "err", dir + " is a folder; name the files to import in it", ""},
		{[]string{"lookup", "hotjar"}, 1, "err", `("hotjar" has no dot: if it is a vendor's name, try vendex search "hotjar")`, ""},
		// localhost is a host, and no vendor's name: the hint is about hotjar.
		{[]string{"lookup", "localhost", "hotjar"}, 1, "err", `try vendex search "hotjar")`, `search "localhost"`},
		// A cookie's domain names the domain: it is looked up as one.
		{[]string{"lookup", ".doubleclick.net"}, 0, "out", "(google-ads)", ""},
	}
	for _, c := range cases {
		r := vendex(t, db, "", c.args...)
		got := r.stderr
		if c.stream == "out" {
			got = r.stdout
		}
		if r.code != c.code || !strings.Contains(got, c.want) || (c.not != "" && strings.Contains(r.stderr, c.not)) {
			t.Errorf("%v: exit %d\nstdout %q\nstderr %q\nwant %d and %q", c.args, r.code, r.stdout, r.stderr, c.code, c.want)
		}
	}
}
