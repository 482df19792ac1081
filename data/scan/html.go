package scan

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// A saved HTML page: the URLs its markup loads (script, iframe, img, link,
// source, embed, object, video and audio, with srcset and lazy-loading
// data-src), read with x/net/html's tokenizer, <noscript> contents as
// markup (the pixels a tag manager leaves for browsers without
// JavaScript live there), resolved against <base href> or the page's own
// address (Chrome's "saved from url" comment, <link rel=canonical>,
// og:url). Inline tag snippets in <script> text become requests to the
// script each snippet loads.

// htmlPage is what a page's reading has found so far.
type htmlPage struct {
	rd                       *reader
	savedFrom, canonical, og string
	base                     string
	refs                     []htmlRef
	snippets                 map[string]bool
	noscript                 int // depth of <noscript>
}

// htmlRef is a URL as the markup wrote it, with where.
type htmlRef struct {
	raw, typ, where string
}

func (rd *reader) html(r io.Reader) error {
	p := &htmlPage{rd: rd, snippets: map[string]bool{}}
	z := html.NewTokenizer(r)
	line, inScript := 1, false
	for {
		tt := z.Next()
		at := line
		line += bytes.Count(z.Raw(), []byte("\n"))
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return rd.fail(locNone, fmt.Errorf("read: %w", z.Err()))
			}
			return p.finish()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, attrs := tagOf(z)
			p.tag(name, attrs, at)
			switch {
			case name == "noscript" && tt == html.StartTagToken:
				p.noscript++
				z.NextIsNotRawText() // read what it holds as markup
			case name == "script" && tt == html.StartTagToken:
				inScript = true
			}
		case html.EndTagToken:
			switch name, _ := z.TagName(); string(name) {
			case "noscript":
				p.noscript = max(p.noscript-1, 0)
			case "script":
				inScript = false
			}
		case html.TextToken:
			if inScript {
				p.scriptText(string(z.Text()), at)
			}
		case html.CommentToken:
			// Chrome and IE note a saved page's address:
			// <!-- saved from url=(0029)https://www.example.com/ -->
			if c := string(z.Text()); strings.Contains(c, "saved from url=") && p.savedFrom == "" {
				s := c[strings.Index(c, "saved from url=")+len("saved from url="):]
				if i := strings.IndexByte(s, ')'); i >= 0 && strings.HasPrefix(s, "(") {
					s = s[i+1:]
				}
				if f := strings.Fields(s); len(f) > 0 { // "saved from url=" with no address is none
					p.savedFrom = f[0]
				}
			}
		}
	}
}

func tagOf(z *html.Tokenizer) (string, map[string]string) {
	n, more := z.TagName()
	name := string(n)
	attrs := map[string]string{}
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		if _, dup := attrs[string(k)]; !dup { // the first of two wins, as in a browser
			attrs[string(k)] = string(v)
		}
	}
	return name, attrs
}

// tag notes the URLs one start tag loads.
func (p *htmlPage) tag(name string, a map[string]string, line int) {
	add := func(attr, typ string) {
		if v := strings.TrimSpace(a[attr]); v != "" {
			p.ref(v, typ, name, line)
		}
	}
	srcset := func(typ string) {
		for _, cand := range strings.Split(a["srcset"], ",") {
			if f := strings.Fields(cand); len(f) > 0 {
				p.ref(f[0], typ, name, line)
			}
		}
	}
	switch name {
	case "base":
		if p.base == "" {
			p.base = strings.TrimSpace(a["href"])
		}
	case "meta":
		if strings.EqualFold(a["property"], "og:url") && p.og == "" {
			p.og = strings.TrimSpace(a["content"])
		}
	case "script":
		add("src", "script")
	case "iframe", "frame":
		add("src", "iframe")
	case "img":
		add("src", "image")
		add("data-src", "image")
		srcset("image")
	case "source":
		add("src", "media")
		srcset("image")
	case "video":
		add("src", "media")
		add("poster", "image")
	case "audio", "track":
		add("src", "media")
	case "embed":
		add("src", "embed")
	case "object":
		add("data", "object")
	case "link":
		p.link(a, line)
	}
}

func (p *htmlPage) link(a map[string]string, line int) {
	rels := strings.Fields(strings.ToLower(a["rel"]))
	href := strings.TrimSpace(a["href"])
	if href == "" {
		return
	}
	for _, rel := range rels {
		switch rel {
		case "canonical":
			if p.canonical == "" {
				p.canonical = href
			}
			return
		case "stylesheet":
			p.ref(href, "stylesheet", "link", line)
			return
		case "preconnect", "dns-prefetch":
			p.ref(href, "preconnect", "link", line)
			return
		case "preload", "modulepreload", "prefetch", "icon", "apple-touch-icon", "manifest":
			p.ref(href, "link", "link", line)
			return
		}
	}
}

func (p *htmlPage) ref(raw, typ, tag string, line int) {
	where := fmt.Sprintf("line %d: <%s>", line, tag)
	if p.noscript > 0 {
		where = fmt.Sprintf("line %d: <noscript><%s>", line, tag)
	}
	p.refs = append(p.refs, htmlRef{raw: raw, typ: typ, where: where})
}

// Inline snippets and the script each loads. The ids are specific enough
// (a prefix, a dash, a run of capitals or digits, in quotes for gtag) for
// a plain search of the script's text. Compiled on the first page that has
// a script: every other command (a lookup) starts without them.
var snippetPatterns = sync.OnceValue(func() (p struct{ gtmID, gtagID, fbqInit, hjid *regexp.Regexp }) {
	p.gtmID = regexp.MustCompile(`\bGTM-[A-Z0-9]{4,10}\b`)
	p.gtagID = regexp.MustCompile(`['"]((?:G|AW)-[A-Z0-9]{6,12}|UA-\d{4,10}-\d{1,4})['"]`)
	p.fbqInit = regexp.MustCompile(`fbq\(\s*['"]init['"]\s*,\s*['"]?(\d{5,20})`)
	p.hjid = regexp.MustCompile(`\bhjid\s*:\s*(\d{4,12})\b`)
	return p
})

func (p *htmlPage) scriptText(s string, line int) {
	re := snippetPatterns()
	for _, id := range re.gtmID.FindAllString(s, -1) {
		p.snippet("https://www.googletagmanager.com/gtm.js?id="+id, "Google Tag Manager snippet ("+id+")", line)
	}
	for _, m := range re.gtagID.FindAllStringSubmatch(s, -1) {
		p.snippet("https://www.googletagmanager.com/gtag/js?id="+m[1], "Google tag (gtag.js) snippet ("+m[1]+")", line)
	}
	if m := re.fbqInit.FindStringSubmatch(s); m != nil {
		p.snippet("https://connect.facebook.net/en_US/fbevents.js", "Meta Pixel snippet (fbq init "+m[1]+")", line)
	}
	for _, m := range re.hjid.FindAllStringSubmatch(s, -1) {
		p.snippet("https://static.hotjar.com/c/hotjar-"+m[1]+".js", "Hotjar snippet (hjid "+m[1]+")", line)
	}
}

func (p *htmlPage) snippet(u, what string, line int) {
	if p.snippets[u] {
		return
	}
	p.snippets[u] = true
	p.rd.ev.Requests = append(p.rd.ev.Requests, Request{URL: u, Type: "inline-snippet",
		Source: p.rd.at(fmt.Sprintf("line %d: inline %s", line, what))})
}

// finish resolves the URLs the markup wrote against the page's address.
func (p *htmlPage) finish() error {
	ev := p.rd.ev
	var page *url.URL
	for _, s := range []string{p.savedFrom, p.canonical, p.og} {
		if u, err := url.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			page = u
			break
		}
	}
	base := page
	if b, err := url.Parse(p.base); err == nil && p.base != "" {
		if page != nil {
			b = page.ResolveReference(b)
		}
		if b.IsAbs() {
			base = b
		}
	}
	if page != nil {
		ev.Site = clean(strings.ToLower(page.Hostname()))
	}
	snippets := ev.Requests
	ev.Requests = nil
	seen := map[string]bool{}
	unresolved := 0
	for _, r := range p.refs {
		u, ok := resolveRef(base, r.raw)
		if !ok {
			if u == "relative" {
				unresolved++
			}
			continue
		}
		if u = clean(u); seen[u+" "+r.typ] {
			continue
		}
		seen[u+" "+r.typ] = true
		ev.Requests = append(ev.Requests, Request{URL: u, Type: r.typ, Source: p.rd.at(r.where)})
	}
	for _, r := range snippets {
		if !seen[r.URL+" script"] { // a snippet's script the page loads anyway is there already
			ev.Requests = append(ev.Requests, r)
		}
	}
	if unresolved > 0 {
		p.rd.warn("", "%d relative URLs not read: the page does not say its address (no <base href>, <link rel=canonical> or og:url); save it with the browser's \"Save page as\", which notes it", unresolved)
	}
	return nil
}

// resolveRef is raw made absolute against base; "relative", false when
// it cannot be; "", false when it loads nothing from a host (data:,
// javascript:, a fragment).
func resolveRef(base *url.URL, raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	l := strings.ToLower(raw)
	switch {
	case raw == "", strings.HasPrefix(raw, "#"), strings.HasPrefix(l, "data:"), strings.HasPrefix(l, "javascript:"),
		strings.HasPrefix(l, "blob:"), strings.HasPrefix(l, "about:"), strings.HasPrefix(l, "mailto:"):
		return "", false
	case strings.HasPrefix(raw, "//"):
		scheme := "https"
		if base != nil {
			scheme = base.Scheme
		}
		raw = scheme + ":" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	if !u.IsAbs() {
		if base == nil {
			return "relative", false
		}
		u = base.ResolveReference(u)
	}
	if s := u.String(); networkURL(s) && u.Host != "" {
		return s, true
	}
	return "", false
}
