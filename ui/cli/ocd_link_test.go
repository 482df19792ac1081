package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// The Open Cookie Database links each cookie to a page, for most
// platforms their privacy policy but for some a home page or docs
// (Axeptio's www.axept.io, Django's i18n topic): an import showed those as
// the vendor's privacy policy. Now only a page that plausibly is one
// becomes it; a home page is the website, any other page a source.
func TestAnImportedCookieLinkIsAPrivacyPolicyOnlyWhenItIsOne(t *testing.T) {
	db := tempDB(t)
	importOCD(t, db, "1,Policyco,Analytics,pc_id,policyco.example,Counts visits,1 year,Policyco Ltd,https://policyco.example/legal/privacy-policy,0\n"+
		"2,Homeco,Analytics,hc_id,homeco.example,Counts visits,1 year,Homeco Ltd,https://www.homeco.example/,0\n"+
		"3,Docsco,Analytics,dc_id,docsco.example,Counts visits,1 year,Docsco Ltd,https://docs.docsco.example/en/stable/topics/i18n/,0\n"+
		"4,Docsco,Analytics,dc_lang,docsco.example,Language,1 year,Docsco Ltd,https://docsco.example/datenschutz,0\n")
	card := func(id string) (v struct {
		Website       string `json:"website"`
		PrivacyPolicy string `json:"privacy_policy"`
		Sources       []struct{ URL string }
	}) {
		r := vendex(t, db, "", "export", id, "--format", "json")
		if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
			t.Fatalf("export %s: %v\n%s%s", id, err, r.stdout, r.stderr)
		}
		return v
	}
	if v := card("policyco"); v.PrivacyPolicy != "https://policyco.example/legal/privacy-policy" {
		t.Errorf("Policyco's privacy policy is %q", v.PrivacyPolicy)
	}
	if v := card("homeco"); v.PrivacyPolicy != "" || v.Website != "https://www.homeco.example/" {
		t.Errorf("Homeco's home page: privacy policy %q, website %q", v.PrivacyPolicy, v.Website)
	}
	v := card("docsco")
	if v.PrivacyPolicy != "https://docsco.example/datenschutz" {
		t.Errorf("Docsco's privacy policy is %q, want its Datenschutz page, not its docs", v.PrivacyPolicy)
	}
	docs := false
	for _, s := range v.Sources {
		docs = docs || s.URL == "https://docs.docsco.example/en/stable/topics/i18n/"
	}
	if !docs {
		t.Errorf("Docsco's docs link is not kept as a source: %+v", v.Sources)
	}
}

// ocdHeader is the Open Cookie Database CSV's header row.
const ocdHeader = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n"

// importOCD imports rows, an Open Cookie Database CSV's rows, into db.
func importOCD(t *testing.T, db, rows string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "open-cookie-database.csv")
	if err := os.WriteFile(file, []byte(ocdHeader+rows), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := vendex(t, db, "", "import", file); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
}
