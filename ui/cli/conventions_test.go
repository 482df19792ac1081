package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// ocdFacebook is an Open Cookie Database row that gives _fbp to a vendor
// the catalogue does not know by that name.
const ocdFacebook = ocdHeader +
	"f1,Aardvark social plugins,Marketing,_fbp,,Tracks visits,4 months,Aardvark,https://aardvark.example/privacy,0\n"

// After importing the Open Cookie Database from stdin, `vendex cookie
// _fbp` still lists the catalogue's Meta Pixel first, and each row says
// where it came from, in the table and in JSON.
func TestCookieListsTheCatalogueFirstAndNamesEachSource(t *testing.T) {
	db := tempDB(t)
	if r := vendex(t, db, ocdFacebook, "import", "-"); r.code != 0 {
		t.Fatalf("import -: exit %d, %s", r.code, r.stderr)
	}
	r := vendex(t, db, "", "cookie", "_fbp")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 3 || !strings.Contains(lines[0], "SOURCE") {
		t.Fatalf("exit %d, want a header and two rows:\n%s", r.code, r.stdout)
	}
	if !strings.HasPrefix(lines[1], "_fbp   Meta Pixel") || !strings.Contains(lines[1], "embedded") {
		t.Errorf("first row is not the catalogue's Meta Pixel: %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], "_fbp   Aardvark") || !strings.Contains(lines[2], "import:ocd-csv:stdin") {
		t.Errorf("second row is not the import's, named: %q", lines[2])
	}
	r = vendex(t, db, "", "cookie", "--json", "_fbp")
	// One object a line, as lookup --json prints them.
	type hit struct {
		Input    string `json:"input"`
		VendorID string `json:"vendor_id"`
		Source   string `json:"source"`
	}
	var hits []hit
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var h hit
		if err := json.Unmarshal([]byte(line), &h); err != nil || h.Input != "_fbp" {
			t.Fatalf("cookie --json: %v\n%s", err, r.stdout)
		}
		hits = append(hits, h)
	}
	if len(hits) != 2 {
		t.Fatalf("cookie --json printed %d objects:\n%s", len(hits), r.stdout)
	}
	if hits[0].VendorID != "facebook-pixel" || hits[0].Source != "embedded" || hits[1].Source != "import:ocd-csv:stdin" {
		t.Errorf("cookie --json = %+v", hits)
	}
}

// Every command says "nothing found" the same way: exit status 1, with or
// without --json.
func TestNothingFoundExitsOneWithOrWithoutJSON(t *testing.T) {
	db := tempDB(t)
	for _, args := range [][]string{
		{"search", "zzzzqqq"}, {"search", "--json", "zzzzqqq"},
		{"cookie", "zzzzqqq"}, {"cookie", "--json", "zzzzqqq"},
		{"lookup", "zzzzqqq.example"}, {"lookup", "--json", "zzzzqqq.example"},
	} {
		if r := vendex(t, db, "", args...); r.code != 1 {
			t.Errorf("%q: exit %d, want 1", args, r.code)
		}
	}
	// JSON lines: no match is no line, as for cookie --json.
	if r := vendex(t, db, "", "search", "--json", "zzzzqqq"); r.stdout != "" {
		t.Errorf("search --json with no match printed %q, want nothing", r.stdout)
	}
}

// Arguments that ask for nothing are refused alike, as usage errors.
func TestMeaninglessArgumentsAreRefusedAlike(t *testing.T) {
	db := tempDB(t)
	for _, args := range [][]string{
		{"search", "  "}, {"search", "--limit", "-1", "x"}, {"coverage", "--top", "-1", "-"}, {"forget", ""}, {"forget", " "},
	} {
		r := vendex(t, db, "twilio.com\n", args...)
		if r.code != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", args, r.code, r.stderr)
		}
		if strings.Contains(r.stderr, `"."`) {
			t.Errorf("%q: %s", args, r.stderr)
		}
	}
}

// stats --json names categories by the slugs every other command uses.
func TestStatsJSONUsesCategorySlugs(t *testing.T) {
	r := vendex(t, tempDB(t), "", "stats", "--json")
	var st struct{ Categories []struct{ Category string } }
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range st.Categories {
		got = append(got, c.Category)
	}
	if !strings.Contains(strings.Join(got, " "), "strictly-necessary functional analytics marketing") {
		t.Errorf("stats --json categories %q", got)
	}
}

// `--` ends the flags wherever it stands: what follows is an argument.
func TestDoubleDashEndsTheFlags(t *testing.T) {
	r := vendex(t, tempDB(t), "", "lookup", "google.com", "--", "-bad-.com")
	if strings.Contains(r.stderr, "flag provided but not defined") || !strings.Contains(r.stdout, "-bad-.com") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
