package scan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vendex/vendex/data"
)

// maxText is the longest text a reader keeps, in bytes: longer URLs (a
// tracking pixel's query) are cut, so that memory follows the number of
// requests, not what a hostile page puts in them.
const maxText = 16 << 10

// maxJSON is the largest JSON capture read whole (every format but the
// HAR, which streams). A crawl or an inspection is a few megabytes.
const maxJSON = 256 << 20

// reader holds one file's state while it is read.
type reader struct {
	file string
	ev   *Evidence
	// seen keys the cookies kept, so that one a HAR's every request sent
	// is kept once.
	seen map[cookieKey]bool
}

type cookieKey struct{ name, domain, path, value, setBy string }

// at is a Source: the file, and where in it.
func (rd *reader) at(where string) string {
	if where == "" {
		return rd.file
	}
	return rd.file + ": " + where
}

func (rd *reader) warn(where, format string, args ...any) {
	rd.ev.Warnings = append(rd.ev.Warnings, Warning{Source: rd.at(where), Message: fmt.Sprintf(format, args...)})
}

func (rd *reader) fail(loc data.Location, err error) error {
	loc.File = rd.file
	return &data.LocationError{Location: loc, Err: err}
}

// addCookie keeps c unless the same cookie is kept already.
func (rd *reader) addCookie(c Cookie) {
	if c.Name == "" {
		return
	}
	if rd.seen == nil {
		rd.seen = map[cookieKey]bool{}
	}
	k := cookieKey{c.Name, c.Domain, c.Path, c.Value, c.SetBy}
	if rd.seen[k] {
		return
	}
	rd.seen[k] = true
	rd.ev.Cookies = append(rd.ev.Cookies, c)
}

// readJSON reads a whole JSON capture and hands it to read; a decoding
// error comes back with its line and column.
func (rd *reader) readJSON(r io.Reader, read func(b []byte) error) error {
	b, err := io.ReadAll(io.LimitReader(r, maxJSON+1))
	if err != nil {
		return rd.fail(data.Location{}, fmt.Errorf("read: %w", err))
	}
	if len(b) > maxJSON {
		return rd.fail(data.Location{}, fmt.Errorf("larger than %d MiB: not a capture this reader knows", maxJSON>>20))
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(b)) == 0 {
		return rd.fail(data.Location{}, fmt.Errorf("%w: the file is empty", ErrEmpty))
	}
	return read(b)
}

// unmarshal decodes b, a whole file, into v.
func (rd *reader) unmarshal(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return rd.jsonError(b, err)
	}
	return nil
}

// jsonError says where in b a decoding error is.
func (rd *reader) jsonError(b []byte, err error) error {
	off, path, what := data.DescribeJSONError(b, err)
	loc := data.Location{Path: path}
	if off >= 0 {
		// The offset is just past the byte at fault (or past the value
		// of the wrong type): name that byte.
		loc.Line, loc.Column = lineColumn(b, int(min(max(off-1, 0), int64(len(b)))))
	}
	return rd.fail(loc, what)
}

// lineColumn is the line and byte column (both from 1) of the byte at
// offset off in b.
func lineColumn(b []byte, off int) (line, col int) {
	line = 1 + bytes.Count(b[:off], []byte("\n"))
	return line, off - bytes.LastIndexByte(b[:off], '\n')
}

// clean makes text from a capture safe to keep (data.CleanField), cut
// at maxText.
func clean(s string) string {
	if len(s) > maxText {
		s = s[:maxText]
	}
	return data.CleanField(s)
}

// cleanName keeps a cookie's or storage key's name from a capture, cut at
// maxText. A name is an identifier, not prose: a character clean would
// drop is written as a visible escape (data.EscapeControls; a newline
// too) rather than dropped, so "x\x1b[2Jy" is neither run by a terminal
// nor shown as another cookie's name, "xy".
func cleanName(s string) string {
	if len(s) > maxText {
		s = s[:maxText]
	}
	if data.PrintableASCII(s) {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(strings.ReplaceAll(data.EscapeControls(s), "\n", `\n`))
}

// epoch is a Unix time in seconds, fractions kept; numbers past the year
// 5000 in seconds are taken as milliseconds, which some tools write.
func epoch(secs float64) time.Time {
	if math.IsNaN(secs) || math.IsInf(secs, 0) || secs <= 0 {
		return time.Time{}
	}
	if secs > 1e11 {
		secs /= 1000
	}
	if secs > 1e11 { // past any date a cookie can hold
		return time.Time{}
	}
	whole, frac := math.Modf(secs)
	return time.Unix(int64(whole), int64(frac*1e9)).UTC()
}

// parseTime reads a date as captures write them: RFC 3339 (HAR, WEC) or
// an HTTP date.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, time.RFC1123, time.RFC1123Z, time.RFC850, time.ANSIC, "Mon, 02-Jan-2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// flexTime is a JSON expiry that is a number (epoch seconds, -1 or 0 for
// a session cookie), a string (a date, or a number in a string), or null.
// Anything else is not an error, which would stop the file without a
// line to show (a decoder error from a field's own UnmarshalJSON has no
// offset): Bad says what it was, for the reader's warning.
type flexTime struct {
	T   time.Time
	Set bool   // the field held a usable date
	Bad string // the JSON the field held instead of a date, if so
}

func (f *flexTime) UnmarshalJSON(b []byte) error {
	*f = flexTime{}
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
	case b[0] == '"':
		var s string
		if json.Unmarshal(b, &s) != nil {
			f.Bad = "a broken string"
		} else if n, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			f.T = epoch(n)
		} else if t, ok := parseTime(s); ok {
			// Browsertime and Chrome write a session cookie's expiry as
			// the moment before the epoch (1969-12-31T23:59:59.999Z).
			if t.Year() > 1970 {
				f.T = t
			}
		} else if strings.TrimSpace(s) != "" && !strings.EqualFold(strings.TrimSpace(s), "session") {
			f.Bad = fmt.Sprintf("%q", clean(s))
		}
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		n, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			f.Bad = "a number out of range"
		}
		f.T = epoch(n)
	default:
		f.Bad = string(b[:min(len(b), 20)])
	}
	f.Set = !f.T.IsZero()
	return nil
}

// badExpiry warns, at where, about an expiry that was not a date.
func (rd *reader) badExpiry(where, field string, f flexTime) {
	if f.Bad != "" {
		rd.warn(where, "%s is %s, not a date or a number of seconds; read as a session cookie", field, clean(f.Bad))
	}
}

// sameSite spells a SameSite attribute as the model does: "Lax",
// "Strict", "None" or "". Cookie-Editor and WebExtensions write
// "no_restriction" for None and "unspecified" for none given.
func sameSite(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "lax":
		return "Lax"
	case "strict":
		return "Strict"
	case "none", "no_restriction":
		return "None"
	}
	return ""
}

// locNone is an error's place when it is the whole file.
var locNone data.Location

// sortedKeys gives a map's keys in order, so that records come out the
// same way every time.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
