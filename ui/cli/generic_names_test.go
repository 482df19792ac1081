package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// githubPageHAR is a HAR of someone.github.io whose page sets its own cart
// and _s cookies and a _ga (Google Analytics through a server-side
// container on the site's own host: no request reaches Google); extra
// adds entries after the page's.
func githubPageHAR(extra string) string {
	entry := func(url, setCookies string) string {
		return `{"pageref":"p","startedDateTime":"2026-12-07T10:00:00.000Z","time":1,` +
			`"request":{"method":"GET","url":"` + url + `","httpVersion":"h2","headers":[],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},` +
			`"response":{"status":200,"statusText":"","httpVersion":"h2","headers":[` + setCookies + `],"cookies":[],` +
			`"content":{"size":0,"mimeType":"text/html"},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":1,"receive":0}}`
	}
	page := entry("https://someone.github.io/",
		`{"name":"set-cookie","value":"cart=abc; Path=/; Max-Age=1209600"},{"name":"set-cookie","value":"_s=xyz; Path=/; Max-Age=1800"},{"name":"set-cookie","value":"_ga=GA1.1.1.1; Path=/; Max-Age=63072000"}`)
	entries := page
	if extra != "" {
		entries += "," + entry(extra, "")
	}
	return `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},` +
		`"pages":[{"id":"p","startedDateTime":"2026-12-07T10:00:00.000Z","title":"https://someone.github.io/"}],"entries":[` + entries + `]}}`
}

// A platform's generic names (Shopify's cart and _s) on a page whose
// capture records its requests and none reached the platform are the
// site's own: declare leaves them for the site to describe. A marked
// name (_ga) stays Google Analytics' though no request reached Google,
// and the same page loading Shopify's CDN gives cart and _s to Shopify.
func TestGenericNamesAreAPlatformsOnlyWhereThePageReachedIt(t *testing.T) {
	db := tempDB(t)
	providers := func(har string) map[string]string {
		path := filepath.Join(t.TempDir(), "page.har")
		if err := os.WriteFile(path, []byte(har), 0o600); err != nil {
			t.Fatal(err)
		}
		r := vendex(t, db, "", "declare", "--format", "csv", path)
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("declare: exit %d %v\n%s%s", r.code, err, r.stdout, r.stderr)
		}
		got := map[string]string{}
		for _, row := range rows[1:] {
			got[row[2]] = row[6] // name, provider
		}
		return got
	}
	got := providers(githubPageHAR(""))
	if got["cart"] != "someone.github.io" || got["_s"] != "someone.github.io" || got["_ga"] != "Google Analytics" {
		t.Errorf("github.io page alone: providers %v, want cart and _s the site's, _ga Google Analytics'", got)
	}
	got = providers(githubPageHAR("https://cdn.shopify.com/s/files/1/shop.js"))
	if got["cart"] != "Shopify" || got["_s"] != "Shopify" || got["_ga"] != "Google Analytics" {
		t.Errorf("page loading Shopify's CDN: providers %v, want cart and _s Shopify's", got)
	}
}
