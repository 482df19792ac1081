package dataset

import (
	"testing"

	"github.com/vendex/vendex/data"
)

// The OCD's Domain column names the domain a cookie is set on, the
// vendor's: from a site that uses the vendor, a third-party cookie. With
// no domain, only a description calling it a first party cookie says it
// is one; a pattern of a character or two is not imported.
func TestOCDRowsSayTheirCookiesParty(t *testing.T) {
	csv := "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n" +
		"1,Acme,Marketing,acme_uid,acme.example (3rd party),An id.,1 year,Acme,,0\n" +
		"2,Acme,Marketing,acme_login,.acme.example,Signed in.,1 year,Acme,,0\n" +
		"3,Acme,Marketing,acme_fp,,Our first party cookie set via headers.,1 year,Acme,,0\n" +
		"4,Acme,Marketing,acme_any,,Checks whether third party cookies are accepted.,1 year,Acme,,0\n" +
		"5,Acme,Marketing,ac,acme.example,Short.,1 year,Acme,,1\n" +
		"6,Acme,Marketing,acm,acme.example,Long enough.,1 year,Acme,,1\n"
	vs, ws, err := ReadBytes(FormatOCDCSV, "ocd.csv", []byte(csv))
	if err != nil || len(vs) != 1 {
		t.Fatalf("%v %d", err, len(vs))
	}
	want := map[string]data.Party{"acme_uid": data.ThirdParty, "acme_login": data.ThirdParty, "acme_fp": data.FirstParty, "acme_any": "", "acm*": data.ThirdParty}
	got := map[string]data.Party{}
	for _, st := range vs[0].Storage {
		got[st.Name] = st.Party
	}
	if len(got) != len(want) {
		t.Errorf("items %v, want %v", got, want)
	}
	for n, p := range want {
		if q, ok := got[n]; !ok || q != p {
			t.Errorf("%s: party %q, want %q", n, q, p)
		}
	}
	if len(ws) != 1 || ws[0].String() != `ocd.csv:6: Acme: the pattern "ac*" is too short to tell the vendor's cookies from any other's; not imported` {
		t.Errorf("warnings: %v", ws)
	}
}
