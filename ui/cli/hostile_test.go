package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// hostile holds what a file or an argument can carry to hijack a terminal:
// an OSC title, a screen clear, an 8-bit CSI, a bidi override and isolate,
// and bytes that are not UTF-8.
const hostile = "\x1b]0;PWNED\x07\x1b[2J\u009b31m\u202eevil\u2066\xff\xfe"

// terminalUnsafe names the first character in s that a terminal would act
// on or reorder by: ESC and other C0 controls but newline and tab, C1
// controls, bidi controls, invalid UTF-8.
func terminalUnsafe(s string) string {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return "invalid UTF-8"
		case r == '\n' || r == '\t':
		case unicode.IsControl(r), r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069',
			r == '\u200e', r == '\u200f', r == '\u061c', r == '\u2028', r == '\u2029':
			return fmt.Sprintf("U+%04X", r)
		}
	}
	return ""
}

func TestNoErrorMessageLetsAHostileInputReachTheTerminal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vendex.db")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ocdHeader := write("h.csv", "Platform,Cookie / Data Key name,"+hostile+"\nx,y,z\n")
	ocdRow := write("r.csv", ocdHeader+"1,"+hostile+",Marketing,"+hostile+",x.example,"+hostile+",1 year,"+hostile+",,0\n")
	badID := write("id.json", `[{"id":"`+hostile+`","name":"x","category":"analytics"}]`)
	badCat := write("cat.json", `[{"id":"x","name":"x","category":"`+hostile+`"}]`)
	bidiName := write("bidi.json", `[{"id":"bidi","name":"Bidi`+"\u202e"+`Co","summary":"a`+"\u2066"+`b","category":"analytics","domains":[{"host":"bidi.example"}]}]`)
	hosts := write("hosts.txt", hostile+" 3\nexample.com\n"+hostile+".example 2\n")
	damaged := write(hostile+".db", strings.Repeat("garbage!", 4096))
	namedHostile := filepath.Join(dir, hostile+".csv")

	for _, args := range [][]string{
		{hostile},
		{"--" + hostile},
		{"lookup", hostile},
		{"lookup", "w\xff\xfe.com"},
		{"lookup", "--json", hostile},
		{"lookup", "-"},
		{"show", hostile},
		{"search", hostile},
		{"cookie", hostile},
		{"export", hostile},
		{"export", "--format", hostile, "twilio"},
		{"import", ocdHeader},
		{"import", ocdRow},
		{"import", badID},
		{"import", badCat},
		{"import", namedHostile},
		{"import", bidiName},
		{"show", "bidi"},
		{"export", "--format", "json", "bidi"},
		{"export", "--format", "md", "bidi"},
		{"search", "--json", "bidi"},
		{"coverage", hosts},
		{"forget", hostile},
		{"--db", damaged, "lookup", "twilio.com"},
		{"--db", filepath.Join(dir, hostile, "v.db"), "stats"},
	} {
		stdin := hostile + "\nexample.com\n"
		r := vendex(t, db, stdin, args...)
		for stream, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
			if bad := terminalUnsafe(out); bad != "" {
				t.Errorf("vendex %q: %s carries %s to the terminal:\n%q", args, stream, bad, out)
			}
		}
	}
	// The header row is echoed, escaped: the user can see what was there.
	if r := vendex(t, db, "", "import", ocdHeader); !strings.Contains(r.stderr, `\x1b]0;PWNED\a`) {
		t.Errorf("the refused header is not shown escaped: %q", r.stderr)
	}
	// A miss names the input as typed, escaped, not a cleaned copy of it.
	if r := vendex(t, db, "", "lookup", "ex\x1bample.com"); !strings.Contains(r.stderr, `"ex\x1bample.com"`) {
		t.Errorf("stderr does not name the input as given: %q", r.stderr)
	}
	if r := vendex(t, db, "", "lookup", "w\xff\xfe.com"); r.code != 1 || !strings.Contains(r.stdout+r.stderr, "not valid UTF-8") {
		t.Errorf("invalid UTF-8 was taken as a host: %+v", r)
	}
}

// A hostile input is shown in lookup's INPUT column as every message
// echoes it (data.Quote), never cleaned into a string that reads as a
// real host ("evil\x1b[31m.com" is not evil.com); a clean accented host
// is shown as typed.
func TestLookupShowsAHostileInputQuoted(t *testing.T) {
	r := vendex(t, tempDB(t), "", "lookup", "evil\x1b[31m.com", "a\u202eb.com", "zürich.ch")
	rows := strings.Split(r.stdout, "\n")
	if len(rows) < 4 {
		t.Fatalf("want a header and three rows:\n%s", r.stdout)
	}
	for i, want := range []string{`"evil\x1b[31m.com"  `, `"a\u202eb.com"  `, "zürich.ch  "} {
		if !strings.HasPrefix(rows[i+1], want) {
			t.Errorf("row %d is %q; want it to start %q", i+1, rows[i+1], want)
		}
	}
	if strings.Contains(r.stdout, "\x1b") || strings.Contains(r.stdout, "\u202e") || strings.Contains(r.stdout, "evil.com ") {
		t.Errorf("the table shows the input cleaned or raw:\n%q", r.stdout)
	}
}

// A Set-Cookie header whose name vendex cannot read (a space, a non-ASCII
// letter, an escape sequence) is not dropped without a word: the scan says
// how many, quotes the first one's name (not its value) safely, and still
// reads the others.
func TestUnreadableSetCookieHeadersAreCounted(t *testing.T) {
	db := tempDB(t)
	har := writeFile(t, "h.har", `{"log":{"version":"1.2","entries":[{"startedDateTime":"2026-01-01T00:00:00Z",
"request":{"method":"GET","url":"https://www.example.test/","headers":[]},
"response":{"status":200,"headers":[
{"name":"Set-Cookie","value":"ok_name=1; Path=/"},{"name":"Set-Cookie","value":"名前=s3cr3t-session-token; Path=/"},
{"name":"Set-Cookie","value":"bad name=1"},{"name":"set-cookie","value":"a\u001b[2Jb=1"},{"name":"Set-Cookie","value":""}]}}]}}`)
	r := vendex(t, db, "", "scan", har)
	out := flat(r.stdout)
	if r.code != 0 || !strings.Contains(out, `3 Set-Cookie headers could not be read and are left out (the first is named "名前")`) || !strings.Contains(out, "ok_name cookie") {
		t.Errorf("scan: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A report is shared: a cookie's value (often a session token) is
	// never in it.
	if strings.Contains(r.stdout+r.stderr, "s3cr3t") {
		t.Errorf("the warning quotes the cookie's value:\n%s", r.stdout)
	}
	if bad := terminalUnsafe(r.stdout + r.stderr); bad != "" {
		t.Errorf("the warning lets %s through:\n%s", bad, r.stdout)
	}
}
