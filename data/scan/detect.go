package scan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/vendex/vendex/data"
)

// Detect tells a capture's format from its content, head being the start
// of the file (64 KiB is plenty; a cut-off head is fine), never from its
// name, which only names the file in errors.
func Detect(name string, head []byte) (Format, error) {
	b := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	fail := func(line, col int, err error) (Format, error) {
		return "", &data.LocationError{Location: data.Location{File: displayName(name), Line: line, Column: col}, Err: err}
	}
	if len(b) == 0 {
		return fail(0, 0, fmt.Errorf("%w: the file is empty", ErrEmpty))
	}
	switch b[0] {
	case '{', '[':
		if f, ok := sniffJSON(b).format(); ok {
			return f, nil
		}
		// Broken JSON is said to be broken, and where, rather than of an
		// unknown format.
		var se *json.SyntaxError
		if err := json.Unmarshal(b, new(json.RawMessage)); errors.As(err, &se) && se.Offset < int64(len(b)) {
			line, col := lineColumn(b, int(max(se.Offset-1, 0)))
			return fail(line, col, fmt.Errorf("not valid JSON: %v", se))
		}
		return fail(0, 0, fmt.Errorf("%w: JSON, but none of the shapes read (%s)", ErrUnknownFormat, FormatNames()))
	case '<':
		if looksHTML(b) {
			return FormatHTML, nil
		}
	}
	if looksCookiesTxt(b) {
		return FormatCookiesTxt, nil
	}
	if looksURLList(b) {
		return FormatURLs, nil
	}
	return fail(0, 0, fmt.Errorf("%w: none of %s", ErrUnknownFormat, FormatNames()))
}

// jsonShape is what the start of a JSON file holds: the top-level
// delimiter and the keys of the top object (or of the list's first).
type jsonShape struct {
	top  json.Delim
	keys map[string]bool
}

func (sh jsonShape) format() (Format, bool) {
	has := func(k ...string) bool {
		for _, x := range k {
			if !sh.keys[x] {
				return false
			}
		}
		return true
	}
	switch {
	case sh.top == '{' && has("log"):
		return FormatHAR, true
	case sh.top == '{' && (has("uri_ins") || has("browsing_history") || has("cookies", "beacons")):
		return FormatWEC, true
	case sh.top == '{' && (has("initialUrl") || has("finalUrl")):
		return FormatTRC, true
	case sh.top == '{' && (has("cookies") || has("origins")):
		return FormatStorageState, true
	case sh.top == '[' && len(sh.keys) == 0:
		return FormatCookieJar, true // an export of no cookies
	case sh.top == '[' && has("name") && (has("domain") || has("expirationDate") || has("hostOnly")):
		return FormatCookieJar, true
	}
	return "", false
}

// sniffJSON reads the top-level keys until the head runs out.
func sniffJSON(b []byte) jsonShape {
	sh := jsonShape{keys: map[string]bool{}}
	dec := json.NewDecoder(bytes.NewReader(b))
	t, err := dec.Token()
	if sh.top, _ = t.(json.Delim); err != nil {
		return sh
	}
	if sh.top == '[' {
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			return sh
		}
	}
	for dec.More() {
		t, err := dec.Token()
		k, ok := t.(string)
		if err != nil || !ok {
			return sh
		}
		sh.keys[k] = true
		if dec.Decode(new(skipValue)) != nil {
			return sh
		}
	}
	return sh
}

// skipValue is a JSON value decoded to nothing.
type skipValue struct{}

func (*skipValue) UnmarshalJSON([]byte) error { return nil }

func looksHTML(b []byte) bool {
	l := bytes.ToLower(b[:min(len(b), 4096)])
	for _, m := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<script", "<title", "<!-- saved from url="} {
		if bytes.Contains(l, []byte(m)) {
			return true
		}
	}
	return false
}

// looksCookiesTxt: the Netscape header, an #HttpOnly_ line, or a first
// cookie line of seven tab-separated fields with a numeric expiry.
func looksCookiesTxt(b []byte) bool {
	for i, line := range firstLines(b, 20) {
		switch {
		case i == 0 && (strings.Contains(line, "Netscape HTTP Cookie File") || strings.Contains(line, "HTTP Cookie File")):
			return true
		case strings.HasPrefix(line, "#HttpOnly_"):
			return true
		case strings.HasPrefix(line, "#"):
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) == 6 || len(f) == 7 {
			_, err := strconv.ParseFloat(f[4], 64)
			return err == nil
		}
		return false
	}
	return false
}

// looksURLList: the first line that is not a comment is a URL or a host,
// and so are most of the first ten.
func looksURLList(b []byte) bool {
	n, good := 0, 0
	for _, line := range firstLines(b, 10) {
		s := strings.TrimSpace(line)
		if strings.HasPrefix(s, "#") {
			continue
		}
		if i := strings.Index(s, " #"); i >= 0 {
			s = strings.TrimSpace(s[:i])
		}
		n++
		_, err := data.ParseTarget(s)
		ok := err == nil && (strings.ContainsAny(s, "./") || s == "localhost") && (!strings.Contains(s, "://") || networkURL(s))
		if ok {
			good++
		} else if n == 1 {
			return false
		}
	}
	return n > 0 && good*3 >= n*2
}

// firstLines is up to n lines of b that are not blank; the last, which
// the head may have cut, only if it is the only one.
func firstLines(b []byte, n int) []string {
	all := strings.Split(string(b), "\n")
	if len(all) > 1 {
		all = all[:len(all)-1]
	}
	var out []string
	for _, l := range all {
		if l = strings.TrimRight(l, "\r"); strings.TrimSpace(l) != "" {
			out = append(out, l)
			if len(out) == n {
				break
			}
		}
	}
	return out
}
