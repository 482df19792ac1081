package scan

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/vendex/vendex/data"
)

// The line formats: Netscape cookies.txt and a plain list of URLs.

// maxWarnings is how many bad lines a text file has named before the rest
// are only counted.
const maxWarnings = 20

// lines calls each with every line of r but blank ones, counted from 1.
func (rd *reader) lines(r io.Reader, each func(n int, line string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) != "" {
			each(n, line)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = errors.New("a line longer than 1 MiB: not a text capture")
		}
		return rd.fail(data.Location{Line: n + 1}, err)
	}
	if n == 0 {
		return rd.fail(locNone, fmt.Errorf("%w: the file is empty", ErrEmpty))
	}
	return nil
}

// badLine warns about line n, or counts it once maxWarnings are out.
func (rd *reader) badLine(bad *int, n int, format string, args ...any) {
	*bad++
	if *bad <= maxWarnings {
		rd.warn(fmt.Sprintf("line %d", n), format, args...)
	}
}

func (rd *reader) moreBadLines(bad int) {
	if bad > maxWarnings {
		rd.warn("", "%d more lines like those skipped", bad-maxWarnings)
	}
}

// cookiesTxt reads a Netscape cookies.txt: domain, include-subdomains,
// path, secure, expiry (epoch seconds, 0 for a session), name, value,
// tab separated. "#HttpOnly_" before the domain marks an HttpOnly cookie;
// other lines starting with # are comments.
func (rd *reader) cookiesTxt(r io.Reader) error {
	bad := 0
	err := rd.lines(r, func(n int, line string) {
		httpOnly := false
		if rest, ok := strings.CutPrefix(line, "#HttpOnly_"); ok {
			line, httpOnly = rest, true
		} else if strings.HasPrefix(strings.TrimSpace(line), "#") {
			return
		}
		f := strings.Split(line, "\t")
		if len(f) < 6 || len(f) > 7 {
			// Some tools write spaces where tabs belong.
			if g := strings.Fields(line); len(g) == 6 || len(g) == 7 {
				f = g
			}
		}
		if len(f) == 6 {
			f = append(f, "") // a cookie without a value
		}
		if len(f) != 7 {
			rd.badLine(&bad, n, "%d fields, not the 7 of a cookies.txt line (domain, subdomains, path, secure, expiry, name, value); skipped", len(f))
			return
		}
		exp, err := strconv.ParseFloat(strings.TrimSpace(f[4]), 64)
		if err != nil {
			rd.badLine(&bad, n, "the expiry %q is not a number of seconds; skipped", clean(f[4]))
			return
		}
		c := Cookie{
			Domain:   strings.ToLower(clean(f[0])),
			Path:     clean(f[2]),
			Secure:   strings.EqualFold(strings.TrimSpace(f[3]), "TRUE"),
			Expires:  epoch(exp),
			Name:     cleanName(f[5]),
			Value:    clean(f[6]),
			HTTPOnly: httpOnly,
			Source:   rd.at(fmt.Sprintf("line %d", n)),
		}
		c.Session = c.Expires.IsZero()
		if strings.EqualFold(strings.TrimSpace(f[1]), "TRUE") && !strings.HasPrefix(c.Domain, ".") {
			c.Domain = "." + c.Domain
		}
		if c.Name == "" || c.Domain == "" {
			rd.badLine(&bad, n, "no cookie name or domain; skipped")
			return
		}
		rd.addCookie(c)
	})
	rd.moreBadLines(bad)
	return err
}

// urlList reads URLs or hosts, one a line; # starts a comment. A bare
// host is its site's root, https://host/.
func (rd *reader) urlList(r io.Reader) error {
	bad := 0
	err := rd.lines(r, func(n int, line string) {
		s := strings.TrimSpace(line)
		if strings.HasPrefix(s, "#") {
			return
		}
		if i := strings.Index(s, " #"); i >= 0 {
			s = strings.TrimSpace(s[:i])
		}
		if _, err := data.ParseTarget(s); err != nil {
			rd.badLine(&bad, n, "%s; skipped", clean(err.Error()))
			return
		}
		u := s
		switch {
		case strings.Contains(s, "://"):
			if !networkURL(s) {
				rd.badLine(&bad, n, "not an http or https URL; skipped")
				return
			}
		case strings.HasPrefix(s, "//"):
			u = "https:" + s
		default:
			u = "https://" + s
			if !strings.Contains(s, "/") {
				u += "/"
			}
		}
		rd.ev.Requests = append(rd.ev.Requests, Request{URL: clean(u), Source: rd.at(fmt.Sprintf("line %d", n))})
	})
	rd.moreBadLines(bad)
	if err == nil && len(rd.ev.Requests) == 0 {
		return rd.fail(locNone, fmt.Errorf("%w: no URL or host in the list", ErrEmpty))
	}
	return err
}
