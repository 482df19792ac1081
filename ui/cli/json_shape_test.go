package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// keysOf is the keys of each JSON object a line of out holds.
func keysOf(t *testing.T, out string) [][]string {
	t.Helper()
	var all [][]string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %q: %v", l, err)
		}
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		all = append(all, ks)
	}
	return all
}

// A hit, a miss, a miss under a hosting domain and a malformed input are
// one record shape in lookup --json: a miss under netlify.app says its
// verdict is unknown, as the table does, and names the hosting vendor's id.
func TestLookupJSONIsOneShapeForEveryAnswer(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "lookup", "--json", "static.hotjar.com", "foo.netlify.app", "nothing.example", "bad host!")
	shapes := keysOf(t, r.stdout)
	if len(shapes) != 4 || !slices.EqualFunc(shapes, [][]string{shapes[0], shapes[0], shapes[0], shapes[0]}, slices.Equal) {
		t.Errorf("lookup --json shapes differ: %q\n%s", shapes, r.stdout)
	}
	if !strings.Contains(r.stdout, `{"input":"foo.netlify.app","found":false,"vendor_id":"","name":"","category":"","matched":"netlify.app","block_before_consent":"unknown","hosted_on":"Netlify","hosted_on_id":"netlify","error":""}`) {
		t.Errorf("the hosted miss:\n%s", r.stdout)
	}
}

// cookie --json keeps the card's purpose and vendex's note apart: a
// vendor answering by a Set-Cookie line's Domain alone has no purpose and
// a note saying why; a miss has the same keys.
func TestCookieJSONKeepsANoteOutOfThePurpose(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "Set-Cookie: uuid=1; domain=.agkn.com\n_ga\nzzzz_nobody\n", "cookie", "--json", "-")
	shapes := keysOf(t, r.stdout)
	if len(shapes) != 3 || !slices.Equal(shapes[0], shapes[1]) || !slices.Equal(shapes[0], shapes[2]) {
		t.Errorf("cookie --json shapes differ: %q\n%s", shapes, r.stdout)
	}
	if !strings.Contains(r.stdout, `"vendor_id":"neustar","name":"Neustar (TransUnion)","category":"marketing","key":"uuid","kind":"cookie","lifetime":"","purpose":"","note":"Not on this vendor's card; the cookie's domain, agkn.com, is the vendor's.","source":"domain agkn.com"`) {
		t.Errorf("the domain's vendor:\n%s", r.stdout)
	}
	if r := vendex(t, db, "", "cookie", "uuid=1; Domain=.agkn.com"); !strings.Contains(r.stdout, "domain agkn.com  Not on this vendor's card") {
		t.Errorf("the table shows the note where the purpose goes:\n%s", r.stdout)
	}
}
