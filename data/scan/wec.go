package scan

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The EDPS Website Evidence Collector's inspection.json: the page
// (uri_ins), the cookies with the stack that set each (log.stack, the
// first frame's fileName being the setter), localStorage as origin -> key
// -> {value, log}, the beacons it matched against EasyPrivacy, and the
// hosts of requests by party. Its requests.har is a HAR, read as one.

type wecStack struct {
	Stack []struct {
		FileName string `json:"fileName"`
	} `json:"stack"`
	Type string `json:"type"`
}

// setter is the first script on the stack; WEC names the response URL
// the same way for a Set-Cookie ("Cookie.HTTP").
func (l *wecStack) setter() (string, bool) {
	if l == nil {
		return "", false
	}
	for _, f := range l.Stack {
		if u := clean(f.FileName); u != "" {
			return u, !strings.HasSuffix(l.Type, ".HTTP")
		}
	}
	return "", false
}

type wecInspection struct {
	URIIns    string   `json:"uri_ins"`
	URIDest   string   `json:"uri_dest"`
	StartTime string   `json:"start_time"`
	Browsing  []string `json:"browsing_history"`
	// A WEC cookie is a HAR cookie with a session flag and the stack
	// of the script that set it.
	Cookies []struct {
		harCookie
		Session *bool     `json:"session"`
		Log     *wecStack `json:"log"`
	} `json:"cookies"`
	LocalStorage map[string]map[string]struct {
		Log *wecStack `json:"log"`
	} `json:"localStorage"`
	Beacons []struct {
		URL string    `json:"url"`
		Log *wecStack `json:"log"`
	} `json:"beacons"`
	Hosts struct {
		Requests struct {
			FirstParty []string `json:"firstParty"`
			ThirdParty []string `json:"thirdParty"`
		} `json:"requests"`
	} `json:"hosts"`
}

func (rd *reader) wec(b []byte) error {
	var in wecInspection
	if err := rd.unmarshal(b, &in); err != nil {
		return err
	}
	if in.URIIns == "" && in.Cookies == nil && in.Beacons == nil {
		return rd.fail(locNone, errors.New("no uri_ins, cookies or beacons: not a Website Evidence Collector inspection.json"))
	}
	ev := rd.ev
	page := clean(firstNonEmpty(in.URIIns, in.URIDest))
	ev.Site = hostOf(page)
	if t, ok := parseTime(in.StartTime); ok {
		ev.Captured = t
	}
	for i, c := range in.Cookies {
		k := harCookieOf(c.harCookie, "", rd.at(fmt.Sprintf("cookies[%d]", i)))
		if c.Session != nil {
			k.Session = *c.Session
		}
		rd.badExpiry(fmt.Sprintf("cookies[%d]", i), "expires", c.Expires)
		k.SetBy, k.SetByScript = c.Log.setter()
		if k.Domain == "" { // a script's cookie WEC logged without a domain is the page's
			k.Domain = ev.Site
		}
		rd.addCookie(k)
	}
	for _, origin := range sortedKeys(in.LocalStorage) {
		o := clean(origin)
		for _, key := range sortedKeys(in.LocalStorage[origin]) {
			setBy, _ := in.LocalStorage[origin][key].Log.setter()
			ev.Storage = append(ev.Storage, StorageKey{Origin: o, Kind: "localStorage", Name: cleanName(key), SetBy: setBy,
				Source: rd.at(fmt.Sprintf("localStorage[%s]", o))})
		}
	}
	seen := map[string]bool{}
	for i, bc := range in.Beacons {
		if u := clean(bc.URL); networkURL(u) {
			init, _ := bc.Log.setter()
			seen[hostOf(u)] = true
			ev.Requests = append(ev.Requests, Request{URL: u, Type: TypeBeacon, Initiator: init, Source: rd.at(fmt.Sprintf("beacons[%d]", i))})
		}
	}
	// WEC keeps no request list, only their hosts: each becomes a request
	// to the host's root, so that the host is attributed.
	hosts := append(append([]string{}, in.Hosts.Requests.FirstParty...), in.Hosts.Requests.ThirdParty...)
	for _, h := range hosts {
		h = strings.ToLower(clean(h))
		if h == "" || seen[h] || strings.ContainsAny(h, "/ ") {
			continue
		}
		seen[h] = true
		ev.Requests = append(ev.Requests, Request{URL: "https://" + h + "/", Type: TypeHostOnly, Source: rd.at("hosts.requests")})
	}
	return nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// wecFiles are the captures the EDPS Website Evidence Collector writes
// into its output folder: its inspection and the HAR of the same visit.
var wecFiles = []string{"inspection.json", "requests.har"}

// CaptureFiles is the capture files a name stands for: a Website
// Evidence Collector output folder (it holds inspection.json) is read as
// the captures in it, as its users name it; anything else is itself (a
// folder of other things is refused when opened, saying what to name).
func CaptureFiles(name string) []string {
	if name == "-" {
		return []string{name}
	}
	if st, err := os.Stat(filepath.Join(name, wecFiles[0])); err != nil || !st.Mode().IsRegular() {
		return []string{name}
	}
	var files []string
	for _, f := range wecFiles {
		if st, err := os.Stat(filepath.Join(name, f)); err == nil && st.Mode().IsRegular() {
			files = append(files, filepath.Join(name, f))
		}
	}
	return files
}
