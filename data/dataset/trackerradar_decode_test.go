package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// checkTRDecode fails t if decodeTRDomain answers for b other than
// json.Unmarshal does; it reports whether it answered.
func checkTRDecode(t *testing.T, b []byte) bool {
	t.Helper()
	var fast, slow trDomain
	if !decodeTRDomain(b, &fast) {
		return false
	}
	if err := json.Unmarshal(b, &slow); err != nil {
		t.Fatalf("decodeTRDomain took %q, which encoding/json refuses: %v", b, err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("decodeTRDomain(%q)\n = %+v\nencoding/json:\n   %+v", b, fast, slow)
	}
	return true
}

// Every record of Tracker Radar's JSON lines decodes as encoding/json
// decodes it, and the fast decoder answers for nearly all of them (else
// this test would hold it to nothing).
func TestDecodeTRDomainMatchesEncodingJSONOnTrackerRadar(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "datasets", "tracker-radar", "domains-GB.jsonl"))
	if err != nil {
		t.Skipf("Tracker Radar is not here (%v)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, MaxRecord)
	lines, answered := 0, 0
	for sc.Scan() {
		lines++
		if checkTRDecode(t, sc.Bytes()) {
			answered++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines == 0 || answered < lines*99/100 {
		t.Errorf("the fast decoder answered %d of %d records", answered, lines)
	}
}

// trDecodeCases are records where a decoder that skipped encoding/json's
// rules would answer otherwise: each must be left to encoding/json, or
// answered as it answers.
var trDecodeCases = []string{
	`{"domain":"a.example","owner":{"name":"A","displayName":"A Inc","privacyPolicy":"https://a.example/p","url":"https://a.example"},"categories":["Analytics"],"resources":[{"sites":3,"prevalence":0.5,"cnames":[{"original":"x"}],"firstPartyCookies":{"_a":{"ttl":86400,"prevalence":0.25,"length":3}},"rule":"a\\.example\\/x\\u0041"}],"x":[1,-2.5e3,true,false,null,{"k":[{}]},[]]}`,
	`{"Domain":"a.example"}`, // encoding/json takes a key in any case
	`{"domain":"a.example","DOMAIN":"b.example"}`,
	`{"domain":"a.example","domain":"b.example"}`, // the last one wins
	`{"owner":{"name":"A"},"owner":{"url":"u"}}`,  // a repeated object merges
	`{"resources":[{"firstPartyCookies":{"a":{"ttl":1},"a":{"prevalence":2}}}]}`,
	`{"domain":null}`, `null`, `{"categories":null}`, `{"categories":[null]}`, `{"resources":[null]}`,
	`{"resources":[{"cnames":[null,"x"]}]}`, `{"resources":[{"sites":"3"}]}`,
	`{"domain":"a\u00e9.example"}`, `{"domain":"a\\u00e9.example"}`, "{\"domain\":\"a\xff.example\"}",
	`{"resources":[{"sites":1.0}]}`, `{"resources":[{"sites":1e2}]}`, `{"resources":[{"prevalence":1e400}]}`,
	`{"resources":[{"sites":-0,"prevalence":-0.0}]}`, `{"resources":[{"sites":null,"prevalence":nul}]}`, `{"resources":[{"sites":01}]}`,
	`{"resources":[{"sites":99999999999999999999}]}`,
	`{"x":"\q"}`, `{"x":"\u12"}`, `{"x":[1,]}`, `{"x":{"a":1,}}`, `{"x":[1}`, `{"x":{"a"}}`, `{"x":tru}`,
	`{"domain":"a.example"} x`, `{"domain":"a.example"}{}`, `{"domain":"a.example"` + "\n \t\r", `[]`, `"x"`, ``,
	`{"domain":"a.example","x":"` + "\x01" + `"}`, `{"ſomething":1,"domaın":"x"}`, `{"firstpartycookies":{}}`,
	`{"resources":[{"firstPartyCookies":{"é":{"ttl":1}}}]}`, `{"resources":[{"FirstPartyCookies":{}}]}`,
	`{"resources":[],"categories":[],"owner":{}}`, `{"resources":[{"cnames":[],"firstPartyCookies":{}}]}`,
	`{"resources":[{"sites":null,"firstPartyCookies":{"a":{"ttl":null,"prevalence":0.5}}}]}`,
	" {\"x\":" + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "} ",
}

func TestDecodeTRDomainLeavesToEncodingJSONWhatItDoesNotRead(t *testing.T) {
	answered := 0
	for _, c := range trDecodeCases {
		if checkTRDecode(t, []byte(c)) {
			answered++
		}
	}
	// The first record and the last few, as Tracker Radar writes them,
	// are the decoder's own.
	for _, c := range append(trDecodeCases[:1:1], trDecodeCases[len(trDecodeCases)-4:]...) {
		if !decodeTRDomain([]byte(c), new(trDomain)) {
			t.Errorf("the fast decoder left %s to encoding/json", c)
		}
	}
	if answered == len(trDecodeCases) {
		t.Error("the fast decoder answered every case, those encoding/json reads its own way too")
	}
}

func FuzzDecodeTRDomain(f *testing.F) {
	for _, c := range trDecodeCases {
		f.Add([]byte(c))
	}
	if raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "datasets", "tracker-radar", "domains-GB.jsonl")); err == nil {
		for _, line := range bytes.SplitN(raw, []byte("\n"), 6)[:5] {
			f.Add(line)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkTRDecode(t, b) })
}
