package data

import (
	"strings"
	"testing"
)

// The fast path for bare hosts answers exactly as the general one does.
func TestPlainHostsParseAsTheGeneralPathParsesThem(t *testing.T) {
	ins := []string{"example.com", "example.com.", "a.b.c.d.example.co.uk", "1.2.3.4", "01.2.3.4", "r5---sn-najern7r.googlevideo.com",
		"-a.com", "a-.com", "a..com", ".a.com", "a.com..", "_dmarc.example.com", "x", "0", "127.0.0.1.", strings.Repeat("a", 63) + ".com",
		strings.Repeat("a", 64) + ".com", strings.Repeat("a.", 126) + "com", strings.Repeat("a.", 127) + "com", "xn--bcher-kva.example", "a_b.c"}
	for _, in := range ins {
		if !plainHost(in) {
			continue
		}
		fast, err := ParseTarget(in)
		if err != nil {
			t.Fatalf("ParseTarget(%q): %v", in, err)
		}
		// The general path, as ParseTarget ran it before the fast one.
		u, err := ParseTarget("http://" + in)
		if err != nil || u != fast {
			t.Errorf("ParseTarget(%q) = %+v; the general path gives %+v, %v", in, fast, u, err)
		}
	}
	for _, in := range []string{"-a.com", "a..com", ".a.com", "A.com", "a.com/x", "a.com:80", strings.Repeat("a", 64) + ".com", "", "300.1.1.1", "1.2.3.4"} {
		if plainHost(in) {
			t.Errorf("plainHost(%q) is true", in)
		}
	}
}

func BenchmarkParseTargetHost(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ParseTarget("media.twiliocdn.com")
	}
}
