package banner

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// visitParams are query parameters that name one visitor, visit or
// request rather than the site's account: a tag's src holding them would
// copy one recorded visitor's ids into the site's code (verify10:
// ferguson.com's MNTN pixel carried ga_client_id and dcm_gid).
var visitParams = []string{
	"_", "_kdpid", "cb", "client_id", "clientid", "correlator", "dcm_cid", "dcm_gid",
	"fbc", "fbclid", "fbp", "ga_client_id", "gclid", "guid", "msclkid", "ord", "rnd",
	"random", "session_id", "sessionid", "shguid", "shgts", "timestamp", "ts", "uid",
	"user_id", "userid", "uuid", "vid", "visitor_id", "z",
}

// visitValue: a run of masked characters (the datasets blank a visitor's
// values with x), a millisecond timestamp or longer number, a Google
// client id (digits.seconds), or a long opaque token.
var visitValue = regexp.MustCompile(`(?i)^(.*xxxx.*|\d{13,}|\d{6,}\.\d{10}|[A-Za-z0-9_\-]{40,}|.*[{}].*)$`)

// TagURL is the address a tag writes for a script the capture recorded:
// as recorded, unless its query holds values from the recorded visit
// (a visitor's ids, a cache-buster, a timestamp), when the query and the
// fragment are dropped and visit names the parameters that held such
// values. A query that only configures the tag (gtag/js?id=G-...) stays.
func (sc Script) TagURL() (src string, visit []string) {
	u, err := url.Parse(sc.URL)
	if err != nil || u.RawQuery == "" {
		return sc.URL, nil
	}
	for _, kv := range strings.Split(u.RawQuery, "&") {
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		if slices.Contains(visitParams, strings.ToLower(k)) || visitValue.MatchString(v) {
			visit = appendOnce(visit, k)
		}
	}
	if len(visit) == 0 {
		return sc.URL, nil
	}
	src, _, _ = strings.Cut(sc.URL, "?")
	src, _, _ = strings.Cut(src, "#")
	return src, visit
}
