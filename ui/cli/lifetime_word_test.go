package cli

import (
	"strings"
	"testing"
)

// A cookie a card calls persistent without saying for how long (Medallia's
// kampyle_userid) reads "persistent" wherever its lifetime is shown, as its JSON
// code does: "until cleared" read like a cookie that lasts until the
// browser clears it (verify9), and a cookie has an end date, only not one
// any source gives.
func TestPersistentCookieOfUnknownLengthReadsPersistentEverywhere(t *testing.T) {
	db := tempDB(t)
	for _, args := range [][]string{
		{"cookie", "kampyle_userid"},
		{"show", "medallia"},
		{"export", "--format", "md", "medallia"},
		{"export", "--format", "txt", "medallia"},
		{"declare", "--vendors", "medallia"},
		{"declare", "--format", "csv", "--vendors", "medallia"},
	} {
		r := vendex(t, db, "", args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		var row string
		for _, l := range strings.Split(r.stdout, "\n") {
			if strings.Contains(l, "kampyle_userid") {
				row = l
				break
			}
		}
		if !strings.Contains(row, "persistent") || strings.Contains(r.stdout, "until cleared") {
			t.Errorf("%v: kampyle_userid's lifetime is not \"persistent\": %q\n%s", args, row, r.stdout)
		}
	}
}
