package data

import (
	"strings"
	"testing"
)

func TestAHostListWithAHugeLineSaysWhichLine(t *testing.T) {
	in := "example.com 3\n" + strings.Repeat("x", 3<<20) + "\nother.example\n"
	_, err := ReadHostCounts(strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), "line 2 is longer than 1 MiB") || strings.Contains(err.Error(), "bufio") {
		t.Errorf("err = %v; want line 2 named as too long, in words", err)
	}
}

func TestTrackerRadarDomainRecordsWeighBySites(t *testing.T) {
	in := `{"domain":"a.example","owner":{},"prevalence":0.0004,"sites":4,"resources":[{"rule":"x"}]}
{"domain":"b.example","prevalence":0.0001,"sites":1}`
	hs, err := ReadHostCounts(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 2 || hs[0] != (HostCount{"a.example", 4}) || hs[1] != (HostCount{"b.example", 1}) {
		t.Errorf("got %+v, want a.example weighing 4 and b.example 1", hs)
	}
	for _, bad := range []struct{ in, want string }{
		{`{"a": 1}`, `JSON object 1 has no "domain"`},
		{`{"domain":"a.example","sites":2}` + "\n" + `{"domain":"b.example","prevalence":0.1}`, `JSON object 2 ("b.example") has no "sites"`},
		{`{"domain":"a.example","sites":-2}`, "negative"},
		{`{"domain":"a.example","sites":2} {"dom`, "JSON object 2"},
	} {
		if _, err := ReadHostCounts(strings.NewReader(bad.in)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: err = %v; want it to say %q", bad.in, err, bad.want)
		}
	}
}
