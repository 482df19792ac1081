// Package hargen writes large, realistic HAR files for the scan package's
// benchmark and .ci/bench-scan.sh: Chrome's shape (pretty-printed, with
// _resourceType, _initiator stacks, headers, cookies) and response bodies
// in content.text of the sizes real pages have.
package hargen

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// The benchmark's HAR: 100 MB of 20,000 entries.
const (
	Entries = 20_000
	Size    = 100_000_000
)

// entryOverhead is about what an entry takes besides its body, as
// Write writes it.
const entryOverhead = 3800

// Write writes a HAR of n entries, about size bytes long, most of it
// response bodies.
func Write(w io.Writer, n int, size int64) error {
	bodyBytes := max(size-int64(n)*entryOverhead, 0)
	bw := bufio.NewWriterSize(w, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	fmt.Fprintf(bw, "{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\": {\"name\": \"WebInspector\", \"version\": \"537.36\"},\n")
	fmt.Fprintf(bw, "    \"pages\": [{\"startedDateTime\": %q, \"id\": \"page_1\", \"title\": \"https://www.example.com/\", \"pageTimings\": {\"onContentLoad\": 812, \"onLoad\": 1650}}],\n", start.Format(time.RFC3339Nano))
	fmt.Fprintf(bw, "    \"entries\": [")
	script := strings.Repeat("function f(a,b){return a+\"\\u00e9\"+b;}\n/* \"quoted\" \\ tab\t*/ var x=[1,2,3];\n", 64)
	avg := bodyBytes / int64(max(n, 1))
	for i := range n {
		if i > 0 {
			bw.WriteString(",")
		}
		host := hosts[rng.IntN(len(hosts))]
		kind := kinds[rng.IntN(len(kinds))]
		size := int(rng.Int64N(2*avg + 1))
		if i == 0 {
			host, kind = "www.example.com", "document"
		}
		body := ""
		switch kind {
		case "image":
			raw := make([]byte, size*3/4)
			for j := range raw {
				raw[j] = byte(rng.UintN(256))
			}
			body = base64.StdEncoding.EncodeToString(raw)
		default:
			for len(body) < size {
				body += script
			}
			body = body[:size]
		}
		e := entry(i, host, kind, body, start.Add(time.Duration(rng.IntN(60_000))*time.Millisecond))
		b, err := json.MarshalIndent(e, "      ", "  ")
		if err != nil {
			return err
		}
		bw.WriteString("\n      ")
		bw.Write(b)
	}
	bw.WriteString("\n    ]\n  }\n}\n")
	return bw.Flush()
}

var hosts = []string{"www.example.com", "static.example.com", "www.googletagmanager.com", "www.google-analytics.com",
	"connect.facebook.net", "static.hotjar.com", "cdn.jsdelivr.net", "fonts.gstatic.com", "bat.bing.com", "px.ads.linkedin.com"}

var kinds = []string{"script", "script", "image", "image", "xhr", "stylesheet", "font", "fetch"}

type kv struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

func entry(i int, host, kind, body string, t time.Time) map[string]any {
	u := fmt.Sprintf("https://%s/assets/%d/file-%d.js?v=%d&cb=%x", host, i%97, i, i*7, i*31337)
	mime := map[string]string{"image": "image/png", "document": "text/html", "stylesheet": "text/css", "font": "font/woff2"}[kind]
	if mime == "" {
		mime = "application/javascript"
	}
	content := map[string]any{"size": len(body), "mimeType": mime, "text": body}
	if kind == "image" {
		content["encoding"] = "base64"
	}
	return map[string]any{
		"_initiator": map[string]any{"type": "script", "stack": map[string]any{"callFrames": []map[string]any{
			{"functionName": "load", "scriptId": "17", "url": "https://www.googletagmanager.com/gtm.js?id=GTM-ABC123", "lineNumber": 12, "columnNumber": 345}}}},
		"_priority":       "High",
		"_resourceType":   kind,
		"cache":           map[string]any{},
		"connection":      "443",
		"pageref":         "page_1",
		"startedDateTime": t.Format(time.RFC3339Nano),
		"time":            123.4,
		"request": map[string]any{
			"method": "GET", "url": u, "httpVersion": "http/2.0",
			"headers": []kv{{":authority", host}, {":method", "GET"}, {"accept", "*/*"}, {"accept-language", "en-GB,en;q=0.9"},
				{"cookie", fmt.Sprintf("_ga=GA1.1.%d.1700000000; _gid=GA1.1.123.1700000000", i%5)},
				{"referer", "https://www.example.com/"}, {"user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"}},
			"queryString": []kv{{"v", fmt.Sprint(i * 7)}, {"cb", fmt.Sprintf("%x", i*31337)}},
			"cookies":     []map[string]any{{"name": "_ga", "value": fmt.Sprintf("GA1.1.%d.1700000000", i%5), "path": "/", "domain": ".example.com", "expires": "2027-04-01T09:00:00.000Z", "httpOnly": false, "secure": false}},
			"headersSize": -1, "bodySize": 0,
		},
		"response": map[string]any{
			"status": 200, "statusText": "", "httpVersion": "http/2.0",
			"headers": []kv{{"cache-control", "max-age=3600"}, {"content-type", mime}, {"date", "Sun, 01 Mar 2026 09:00:01 GMT"},
				{"set-cookie", fmt.Sprintf("id%d=%x; Path=/; Max-Age=31536000; SameSite=None; Secure", i%50, i)}},
			"cookies":       []map[string]any{{"name": fmt.Sprintf("id%d", i%50), "value": fmt.Sprintf("%x", i), "path": "/", "expires": "2027-03-01T09:00:01.000Z", "httpOnly": false, "secure": true, "sameSite": "None"}},
			"content":       content,
			"redirectURL":   "",
			"headersSize":   -1,
			"bodySize":      len(body),
			"_transferSize": len(body) + 300,
		},
		"serverIPAddress": "203.0.113.7",
		"timings":         map[string]float64{"blocked": 1.2, "dns": -1, "ssl": -1, "connect": -1, "send": 0.1, "wait": 80.3, "receive": 12.4},
	}
}
