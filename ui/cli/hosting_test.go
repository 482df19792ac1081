package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
)

// A platform that gives its users sites under its own domain answers for
// its own services there, never for a user's site: `vendex lookup
// alice.wordpress.com` says whose hosting it is and that whose the site is
// is not known (no vendor, no verdict), while WordPress.com's API and
// Jetpack's statistics keep their owner and verdict.
func TestLookupTellsAUsersSiteFromThePlatformsOwnHosts(t *testing.T) {
	sites := []struct{ host, matched, hostedOn string }{
		{"alice.wordpress.com", "wordpress.com", "WordPress.com and Jetpack CDN"},
		{"alice.squarespace.com", "squarespace.com", "Squarespace"},
		{"alice.tumblr.com", "tumblr.com", "Tumblr"},
		{"alice.substack.com", "substack.com", "Substack"},
		{"alice.bandcamp.com", "bandcamp.com", "Bandcamp"},
		{"alice.blogspot.co.uk", "blogspot.co.uk", "Blogger"},
		{"alice.blogspot.com", "blogspot.com", "Blogger"},
		{"alice.github.io", "github.io", "GitHub (Pages, raw files, assets)"},
		// Below a suffix of the Public Suffix List's private section,
		// whichever card claims a domain above it.
		{"alices-bucket.s3.amazonaws.com", "s3.amazonaws.com", "Amazon Web Services (S3 and hosted apps)"},
		{"alices-bucket.s3.us-west-2.amazonaws.com", "s3.us-west-2.amazonaws.com", "Amazon Web Services (S3 and hosted apps)"},
		// A bucket may be called www, and nothing says a platform keeps
		// the www name under its Public Suffix List suffix: whose it is
		// is not known, as for any other name there (review9: trial8 gave
		// www.netlify.app, www.github.io, ... to the platform).
		{"www.s3.amazonaws.com", "s3.amazonaws.com", "Amazon Web Services (S3 and hosted apps)"},
		{"www.netlify.app", "netlify.app", "Netlify"},
		{"www.github.io", "github.io", "GitHub (Pages, raw files, assets)"},
		{"www.web.app", "web.app", "Firebase"},
		{"www.herokuapp.com", "herokuapp.com", "Heroku"},
		{"www.myshopify.com", "myshopify.com", "Shopify"},
		{"www.blogspot.com", "blogspot.com", "Blogger"},
		// The same buckets named in a URL's path (trial6: the path-style
		// URL was "Amazon Web Services, block: no").
		{"https://s3.amazonaws.com/alices-bucket/t.js", "s3.amazonaws.com", "Amazon Web Services (S3 and hosted apps)"},
		{"https://s3.us-west-2.amazonaws.com/alices-bucket/t.js", "s3.us-west-2.amazonaws.com", "Amazon Web Services (S3 and hosted apps)"},
		{"https://s3-eu-west-1.amazonaws.com/alices-bucket/t.js", "s3-eu-west-1.amazonaws.com", "Amazon Web Services (S3 and hosted apps)"},
		{"alices-store-a.akamaihd.net", "akamaihd.net", "Akamai CDN"},
		{"alices.clientnsv4-s.akamaihd.net", "akamaihd.net", "Akamai CDN"},
		{"www.alice.com.edgekey.net", "edgekey.net", "Akamai CDN"},
		{"alices-space.nyc3.digitaloceanspaces.com", "nyc3.digitaloceanspaces.com", "DigitalOcean Spaces"},
		{"alice.blob.core.windows.net", "blob.core.windows.net", "Microsoft Azure hosting and CDN"},
		// The app platforms whose suffixes the List's private section
		// names (issue 12: a new user found these answered "no vendor").
		{"foo.netlify.app", "netlify.app", "Netlify"},
		{"foo.netlify.com", "netlify.com", "Netlify"},
		{"foo.vercel.app", "vercel.app", "Vercel"},
		{"foo.now.sh", "now.sh", "Vercel"},
		{"foo.pages.dev", "pages.dev", "Cloudflare Pages, Workers and R2"},
		{"foo.bar.workers.dev", "workers.dev", "Cloudflare Pages, Workers and R2"},
		{"pub-0123abcd.r2.dev", "r2.dev", "Cloudflare Pages, Workers and R2"},
		{"foo.onrender.com", "onrender.com", "Render"},
		{"foo.app.render.com", "app.render.com", "Render"},
		{"foo.fly.dev", "fly.dev", "Fly.io"},
		{"foo.web.app", "web.app", "Firebase"},
		{"1596384882.rsc.cdn77.org", "rsc.cdn77.org", "CDN77"},
		{"abcdefghijklmnop.supabase.co", "supabase.co", "Supabase"},
		{"foo.up.railway.app", "up.railway.app", "Railway"},
		{"foo-app-u7ksx.ondigitalocean.app", "ondigitalocean.app", "DigitalOcean App Platform"},
	}
	services := []struct {
		host, id string
		block    data.Answer
	}{
		{"public-api.wordpress.com", "wordpress-com", data.AnswerNo},
		{"r-login.wordpress.com", "wordpress-com", data.AnswerNo},
		{"s0.wp.com", "wordpress-com", data.AnswerNo},
		{"stats.wp.com", "jetpack-stats", data.AnswerYes},
		{"wordpress.com", "wordpress-com", data.AnswerNo},
		// A platform's www name is its own website, no customer's (trial6).
		{"www.wordpress.com", "wordpress-com", data.AnswerNo},
		{"www.squarespace.com", "squarespace", data.AnswerConditional},
		{"www.substack.com", "substack", data.AnswerNo},
		{"assets.squarespace.com", "squarespace", data.AnswerConditional},
		{"static1.squarespace.com", "squarespace", data.AnswerConditional},
		{"images.squarespace-cdn.com", "squarespace", data.AnswerConditional},
		{"assets.tumblr.com", "tumblr", data.AnswerConditional},
		{"64.media.tumblr.com", "tumblr", data.AnswerConditional},
		{"platform.tumblr.com", "tumblr", data.AnswerConditional},
		{"substack.com", "substack", data.AnswerNo},
		{"substackcdn.com", "substack", data.AnswerNo},
		{"bandcamp.com", "bandcamp", data.AnswerConditional},
		{"1.bp.blogspot.com", "blogger", data.AnswerNo},
		{"s3.amazonaws.com", "amazon-web-services", data.AnswerNo},
		{"fonts.googleapis.com", "google-fonts", data.AnswerConditional},
		{"maps.googleapis.com", "google-maps", data.AnswerConditional},
		{"csp.withgoogle.com", "google", data.AnswerConditional},
		{"trial-eum-clientnsv4-s.akamaihd.net", "akamai", data.AnswerNo},
		// The per-visitor names Akamai's probe redirects to are the
		// probe's (trial8: ferguson.com's two were "owner unknown").
		{"kxsyq7b6p6iugyp4xbqq-phui23-a8bcda042-clientnsv4-s.akamaihd.net", "akamai", data.AnswerNo},
		{"85-229-136-124_s-62-127-145-185_ts-1643952225-clienttons-s.akamaihd.net", "akamai", data.AnswerNo},
		{"user-images.githubusercontent.com", "github", data.AnswerNo},
		{"raw.githubusercontent.com", "github", data.AnswerNo},
		{"identity.netlify.com", "netlify", data.AnswerNo},
		{"www.netlify.com", "netlify", data.AnswerNo},
		{"vercel.live", "vercel", data.AnswerConditional},
		{"vitals.vercel-insights.com", "vercel-speed-insights", data.AnswerYes},
		{"pages.dev", "cloudflare-pages", data.AnswerConditional},
		{"render.com", "render", data.AnswerConditional},
		{"fly.io", "fly-io", data.AnswerConditional},
		{"api.cdn77.com", "cdn77", data.AnswerConditional},
		{"supabase.com", "supabase", data.AnswerConditional},
		{"railway.com", "railway", data.AnswerConditional},
	}
	var in strings.Builder
	for _, s := range sites {
		in.WriteString(s.host + "\n")
	}
	for _, s := range services {
		in.WriteString(s.host + "\n")
	}
	r := vendex(t, tempDB(t), in.String(), "lookup", "--json", "-")
	if r.code != 1 {
		t.Errorf("exit %d, want 1: the users' sites are misses", r.code)
	}
	got := map[string]lookupResult{}
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var lr lookupResult
		if err := json.Unmarshal([]byte(l), &lr); err != nil {
			t.Fatalf("not JSON: %q: %v", l, err)
		}
		got[lr.Input] = lr
	}
	for _, s := range sites {
		g := got[s.host]
		if g.Found || g.VendorID != "" || g.Block != "unknown" || g.Matched != s.matched || g.HostedOn != s.hostedOn {
			t.Errorf("%s: %+v; want a miss under %s hosted by %s", s.host, g, s.matched, s.hostedOn)
		}
	}
	for _, s := range services {
		if g := got[s.host]; !g.Found || g.VendorID != s.id || g.Block != s.block {
			t.Errorf("%s: %+v; want %s, block %s", s.host, g, s.id, s.block)
		}
	}
}

// `vendex search` finds the app platforms by name.
func TestSearchFindsTheAppPlatforms(t *testing.T) {
	db := tempDB(t)
	for q, id := range map[string]string{"netlify": "netlify", "vercel": "vercel", "cloudflare pages": "cloudflare-pages", "render": "render", "fly.io": "fly-io", "cdn77": "cdn77", "supabase": "supabase", "railway": "railway", "digitalocean app platform": "digitalocean-app-platform"} {
		r := vendex(t, db, "", "search", q)
		if r.code != 0 || !strings.Contains(r.stdout, " "+id+" ") && !strings.Contains(r.stdout, " "+id+"\n") {
			t.Errorf("search %s: exit %d, no %s:\n%s", q, r.code, id, r.stdout)
		}
	}
}

// The report's NOT IN THE CATALOGUE list gives an unclaimed host under a
// hosting domain the hint lookup gives, in text and JSON (with the
// hosting vendor's id, as lookup --json gives it).
func TestTheReportSaysWhoseHostingAnUnclaimedHostIsOn(t *testing.T) {
	db := tempDB(t)
	har := writeFile(t, "b.har", `{"log":{"version":"1.2","entries":[
{"startedDateTime":"2026-01-01T00:00:00Z","request":{"method":"GET","url":"https://www.shop.test/","headers":[]},"response":{"status":200,"headers":[]}},
{"startedDateTime":"2026-01-01T00:00:01Z","request":{"method":"GET","url":"https://load.s3.amazonaws.com/a.js","headers":[]},"response":{"status":200,"headers":[]}}]}}`)
	r := vendex(t, db, "", "scan", har)
	if !strings.Contains(flat(r.stdout), "NOT IN THE CATALOGUE load.s3.amazonaws.com 1 request; owner unknown: a name under s3.amazonaws.com, hosted by Amazon Web Services") {
		t.Errorf("scan:\n%s%s", r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "scan", "--json", har)
	if !strings.Contains(r.stdout, `"host": "load.s3.amazonaws.com",
      "requests": 1,
      "matched": "s3.amazonaws.com",
      "hosted_on": "Amazon Web Services (S3 and hosted apps)",
      "hosted_on_id": "amazon-web-services"`) {
		// hosted_on_id too, as lookup --json gives it (trial8).
		t.Errorf("scan --json:\n%s", r.stdout)
	}
}

// A name under a hosting suffix of the Public Suffix List's private
// section that no card names (gitlab.io, readthedocs.io) is a user's site
// on a hosting platform, said as github.io's is, not "no vendor known"
// (trial6): the suffix it is under, no owner, no verdict.
func TestLookupSaysANameUnderAnUncardedHostingSuffixIsAUsersSite(t *testing.T) {
	db := tempDB(t)
	hosts := map[string]string{"alice.gitlab.io": "gitlab.io", "alice.readthedocs.io": "readthedocs.io", "www.alice.gitlab.io": "gitlab.io"}
	for host, suffix := range hosts {
		r := vendex(t, db, "", "lookup", host)
		lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
		want := data.HostedMiss(suffix, "")
		if r.code != 1 || len(lines) != 2 || !strings.HasSuffix(lines[1], "unknown               "+want) || !strings.HasPrefix(want, "owner unknown: a name under "+suffix+", ") {
			t.Errorf("lookup %s: exit %d\n%s\nwant the row to end %q", host, r.code, r.stdout, want)
		}
		r = vendex(t, db, "", "lookup", "--json", host)
		var lr lookupResult
		if err := json.Unmarshal([]byte(r.stdout), &lr); err != nil || lr.Found || lr.Matched != suffix || lr.HostedOn != "" || lr.Block != "unknown" {
			t.Errorf("lookup --json %s: %s (%v)", host, r.stdout, err)
		}
	}
	// In a batch too, past the lookups after which it reads the domain
	// index whole (its own way to the suffix).
	var in strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&in, "h%d.alice%d.gitlab.io\nh%d.nosuchvendor%d.com\n", i, i, i, i)
	}
	r := vendex(t, db, in.String(), "lookup", "--json", "-")
	hinted := 0
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var lr lookupResult
		if err := json.Unmarshal([]byte(l), &lr); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(lr.Input, ".gitlab.io") != (lr.Matched == "gitlab.io") {
			t.Fatalf("lookup -: %s", l)
		}
		if lr.Matched != "" {
			hinted++
		}
	}
	if hinted != 3000 {
		t.Errorf("lookup -: %d of 3000 names under gitlab.io said so", hinted)
	}
	// Not a public suffix's name: still nobody's known.
	r = vendex(t, db, "", "lookup", "alice.example.io")
	if !strings.Contains(r.stdout, "no vendor known") {
		t.Errorf("lookup alice.example.io:\n%s", r.stdout)
	}
}

// The hosting suffix itself gets the hint its names get (verify10: lookup
// gitlab.io said "no vendor known" while alice.gitlab.io called gitlab.io
// a hosting platform's suffix).
func TestLookupOfAnUncardedHostingSuffixItselfSaysWhatItIs(t *testing.T) {
	db := tempDB(t)
	for _, host := range []string{"gitlab.io", "readthedocs.io"} {
		r := vendex(t, db, "", "lookup", host)
		if want := "unknown               owner unknown: " + host + " is a hosting platform's suffix; each name under it is a user's site"; r.code != 1 || !strings.Contains(r.stdout, want) {
			t.Errorf("lookup %s: exit %d\n%s\nwant %q", host, r.code, r.stdout, want)
		}
	}
	if r := vendex(t, db, "", "lookup", "nosuchvendor.com"); !strings.Contains(r.stdout, "no vendor known") {
		t.Errorf("lookup nosuchvendor.com:\n%s", r.stdout)
	}
}
