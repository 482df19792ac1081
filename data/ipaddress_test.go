package data

import (
	"net"
	"strings"
	"testing"
)

// FuzzIPAddress: IPAddress accepts what net.ParseIP accepts (brackets
// trimmed, as NormalizeHost always did) and gives the text net.IP gives,
// so that dropping package net changed no stored host.
func FuzzIPAddress(f *testing.F) {
	for _, s := range []string{"192.0.2.1", "[2001:db8::1]", "::ffff:192.0.2.1", "::1", "fe80::1%eth0", "2001:0db8:0:0:0:0:0:1",
		"1:0:0:1:0:0:0:1", "0.0.0.0", "::", "01.2.3.4", "1.2.3", "256.1.1.1", "example.com", "", "[", "::ffff:0:0", "64:ff9b::c000:201"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := IPAddress(in)
		ip := net.ParseIP(strings.Trim(in, "[]"))
		if ok != (ip != nil) || ok && got != ip.String() {
			t.Errorf("IPAddress(%q) = %q, %v; net.ParseIP gives %v", in, got, ok, ip)
		}
	})
}
