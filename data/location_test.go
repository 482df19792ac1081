package data

import "testing"

func TestLocationSaysWhatIsKnown(t *testing.T) {
	for _, c := range []struct {
		loc  Location
		want string
	}{
		{Location{File: "a.json"}, "a.json"},
		{Location{File: "a.json", Line: 3}, "a.json:3"},
		{Location{File: "a.json", Line: 3, Column: 7}, "a.json:3:7"},
		{Location{File: "a.json", Line: 3, Column: 7, Path: "log.entries"}, "a.json:3:7: log.entries"},
		{Location{Line: 3, Column: 7}, "line 3, column 7"},
		{Location{Column: 7}, ""}, // a column without its line says nothing
		{Location{Path: "cookies[2]"}, "cookies[2]"},
	} {
		if got := c.loc.String(); got != c.want {
			t.Errorf("%#v: %q, want %q", c.loc, got, c.want)
		}
	}
}
