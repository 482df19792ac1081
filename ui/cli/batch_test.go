package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// columnStart is where the cell that starts with text begins in line, in
// bytes (every cell the tests look at is ASCII), or -1.
func columnStart(line, text string) int { return strings.Index(line, text) }

// A batch longer than a chunk keeps the columns its first rows set: a
// wider input after row 512 pushes only its own row, and every other row
// lines up under the titles from the first line to the last.
func TestBatchTablesKeepTheirColumnsPastTheFirstChunk(t *testing.T) {
	db := tempDB(t)
	long := "a-much-longer-host-name-than-any-before.twilio.com"
	in := strings.Repeat("twilio.com\n", 600) + long + "\n" + strings.Repeat("twilio.com\n", 600)
	r := vendex(t, db, in, "lookup", "-")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if r.code != 0 || len(lines) != 1202 {
		t.Fatalf("lookup -: %d, %d lines, %q", r.code, len(lines), r.stderr)
	}
	vendor, category := columnStart(lines[0], "VENDOR"), columnStart(lines[0], "CATEGORY")
	for i, l := range lines[1:] {
		if strings.HasPrefix(l, long) {
			if !strings.HasPrefix(l, long+"  Twilio (twilio)  Functional") {
				t.Errorf("the long input's row lost a cell:\n%s", l)
			}
			continue
		}
		if columnStart(l, "Twilio") != vendor || columnStart(l, "Functional") != category {
			t.Fatalf("row %d moved:\n%s\n%s", i+1, lines[0], l)
		}
	}

	in = strings.Repeat("_ga\n", 600) + "_ga_THELONGESTMEASUREMENTIDEVER\n" + strings.Repeat("_ga\n", 600)
	r = vendex(t, db, in, "cookie", "-")
	lines = strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	vendor, lifetime := columnStart(lines[0], "VENDOR"), columnStart(lines[0], "LIFETIME")
	if len(lines) != 1202 {
		t.Fatalf("cookie -: %d lines", len(lines))
	}
	for i, l := range lines[1:] {
		if strings.HasPrefix(l, "_ga ") && (columnStart(l, "Google Analytics") != vendor || columnStart(l, "2 years") != lifetime) {
			t.Fatalf("row %d moved:\n%s\n%s", i+1, lines[0], l)
		}
	}
}

// A list of cookies seen on many pages names the same unknown ones again
// and again: the summary counts each name once and says how often it was
// asked (a Cookie: line asks about several names, and an empty
// Set-Cookie: line about none).
func TestCookieBatchSummaryCountsEachUnknownNameOnce(t *testing.T) {
	r := vendex(t, tempDB(t), "zz_unknown_one\n_ga\nSet-Cookie: \nCookie: zz_unknown_one=1; zz_unknown_two=2\nzz_unknown_one\n", "cookie", "-")
	want := `vendex: 2 names (asked 4 times) are set by no vendor known: "zz_unknown_one", "zz_unknown_two"`
	if r.code != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "classify them in a vendor file of your own and vendex import it") {
		t.Errorf("got %d %q, want %q and the next step", r.code, r.stderr, want)
	}
	r = vendex(t, tempDB(t), "nothing.invalid\nnothing.invalid\n", "lookup", "-")
	if want := `2 lines) matched no vendor: "nothing.invalid"` + "\n"; r.code != 1 || !strings.Contains(r.stderr, "1 input (on "+want) {
		t.Errorf("lookup: %d %q", r.code, r.stderr)
	}
}

// jsonLines decodes out as JSON lines, one T a line, failing the test on
// a line that is not one object.
func jsonLines[T any](t *testing.T, out string) []T {
	t.Helper()
	var vs []T
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if l == "" {
			continue
		}
		var v T
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("not a JSON line: %q: %v", l, err)
		}
		vs = append(vs, v)
	}
	return vs
}

// lookup, cookie and search answer --json alike: one object a line.
func TestEveryListingCommandPrintsJSONLines(t *testing.T) {
	db := tempDB(t)
	for _, args := range [][]string{
		{"search", "--json", "--limit", "3", "google"},
		{"lookup", "--json", "twilio.com", "hotjar.com"},
		{"cookie", "--json", "_ga", "_fbp"},
	} {
		r := vendex(t, db, "", args...)
		lines := jsonLines[map[string]any](t, r.stdout)
		if r.code != 0 || len(lines) < 2 || strings.HasPrefix(r.stdout, "[") {
			t.Errorf("%v: exit %d, want an object a line:\n%s", args, r.code, r.stdout)
		}
	}
}

// A batch that names inputs again (a log of page loads) answers every
// line of an input as its first: the same row, the same JSON object as
// the input alone gets, whether it is found, found by its path (two paths
// on one host are two answers), under a hosting domain, unknown or not a
// host; and the summary counts its lines.
func TestBatchAnswersARepeatedInputAsItsFirstLine(t *testing.T) {
	db := tempDB(t)
	ins := []string{"twilio.com", "https://www.google.com/recaptcha/api.js", "https://www.google.com/maps",
		"someone.github.io", "nothing.invalid", "ht!tp://::bad"}
	var batch strings.Builder
	for range 3 {
		for _, in := range ins {
			batch.WriteString(in + "\n")
		}
	}
	js := jsonLines[lookupResult](t, vendex(t, db, batch.String(), "lookup", "--json", "-").stdout)
	r := vendex(t, db, batch.String(), "lookup", "-")
	rows := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")[1:]
	if len(js) != 3*len(ins) || len(rows) != 3*len(ins) {
		t.Fatalf("%d objects, %d rows for %d lines", len(js), len(rows), 3*len(ins))
	}
	for i, in := range ins {
		alone := jsonLines[lookupResult](t, vendex(t, db, "", "lookup", "--json", in).stdout)
		for n := range 3 {
			j := n*len(ins) + i
			if js[j] != alone[0] {
				t.Errorf("line %d, %s: %+v, alone %+v", j+1, in, js[j], alone[0])
			}
			if rows[j] != rows[i] || !strings.HasPrefix(rows[j], in+" ") {
				t.Errorf("line %d, %s:\n%s\nfirst:\n%s", j+1, in, rows[j], rows[i])
			}
		}
	}
	for _, want := range []string{`vendex: 2 inputs (on 6 lines) matched no vendor: "someone.github.io", "nothing.invalid"`,
		`vendex: 1 input (on 3 lines) is not a host or URL: "ht!tp://::bad"`} {
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("got %d %q, want %q", r.code, r.stderr, want)
		}
	}
}

// A long list read over again (a crawl's hosts, twice) gets, on its
// second reading, the rows its first gave, line for line, though the
// batch remembers only a sample of inputs while none repeat; the summary
// counts each unknown host once, on both its lines.
func TestALongListReadTwiceAnswersAsTheFirstTime(t *testing.T) {
	db := tempDB(t)
	const n = 3 * memoWindow / 2
	var list strings.Builder
	for i := range n {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&list, "h%d.twilio.com\n", i)
		case 1:
			fmt.Fprintf(&list, "h%d.nothing.invalid\n", i)
		default:
			fmt.Fprintf(&list, "https://www.google.com/recaptcha/%d.js\n", i)
		}
	}
	r := vendex(t, db, list.String()+list.String(), "lookup", "-")
	rows := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")[1:]
	if len(rows) != 2*n {
		t.Fatalf("%d rows for %d lines", len(rows), 2*n)
	}
	for i := range n {
		if rows[n+i] != rows[i] {
			t.Fatalf("line %d:\n%s\nthe first time:\n%s", n+i+1, rows[n+i], rows[i])
		}
	}
	if !strings.Contains(rows[0], "Twilio (twilio)") || !strings.Contains(rows[2], "Google") || !strings.Contains(rows[1], "no vendor known") {
		t.Errorf("first rows:\n%s", strings.Join(rows[:3], "\n"))
	}
	if want := fmt.Sprintf("vendex: %d inputs (on %d lines) matched no vendor: \"h1.nothing.invalid\"", n/3, 2*n/3); r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("got %d %q, want %q", r.code, r.stderr, want)
	}
}
