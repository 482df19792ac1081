package data

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Category is a consent category, the bucket a consent banner puts a vendor in.
type Category string

const (
	StrictlyNecessary Category = "strictly-necessary"
	Functional        Category = "functional"
	Analytics         Category = "analytics"
	Marketing         Category = "marketing"
	Personalisation   Category = "personalisation"
)

// Categories lists the consent categories in the order a banner shows them.
var Categories = []Category{StrictlyNecessary, Functional, Analytics, Marketing, Personalisation}

// CategoryNames is the list of category names, comma separated, for messages.
func CategoryNames() string {
	s := make([]string, len(Categories))
	for i, c := range Categories {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// Valid reports whether c is one of the known categories.
func (c Category) Valid() bool {
	return slices.Contains(Categories, c)
}

// categorySeparators turns a category as a card shows it into its slug's
// hyphens (built once: ParseCategory runs for every imported card).
var categorySeparators = strings.NewReplacer(" ", "-", "_", "-")

// ParseCategory reads a category as a card's JSON gives it ("analytics")
// or as a card shows it ("Analytics", "Strictly necessary"): case, and
// spaces or underscores for hyphens, do not matter.
func ParseCategory(s string) (Category, bool) {
	c := Category(categorySeparators.Replace(strings.ToLower(strings.TrimSpace(s))))
	return c, c.Valid()
}

// Unclassified is the word for "no consent category" where a word has to
// stand in for the empty category: a lookup's JSON, `stats`, the
// browser's badge and filter, ByCategory.
const Unclassified = "unclassified"

// Slug is the category as a word: its value, or Unclassified when empty.
func (c Category) Slug() string {
	if c == "" {
		return Unclassified
	}
	return string(c)
}

// About says in one sentence what the category means and whether it
// needs consent, as a cookie declaration or a banner's settings say it.
func (c Category) About() string {
	switch c {
	case StrictlyNecessary:
		return "Needed for the site to work or to give the visitor what they asked for (security, load balancing, remembering a consent choice); they need no consent."
	case Functional:
		return "Remember the visitor's choices and run features such as embedded maps, chat or video; unless strictly needed for a service the visitor asked for, they need consent."
	case Analytics:
		return "Count visits and measure how the site is used; in the EEA and the UK they need consent."
	case Marketing:
		return "Follow visitors across sites to choose, show and measure advertising; they need consent."
	case Personalisation:
		return "Tailor content and recommendations to the visitor; they need consent."
	}
	return "Found on the site but not yet classified; until each is classified, treat it as needing consent."
}

// NeedsConsent reports whether storage of the category needs the
// visitor's consent before it is set: all but the strictly necessary (an
// unclassified one too, until someone classifies it).
func (c Category) NeedsConsent() bool { return c != StrictlyNecessary }

// Title is the category as a person reads it.
func (c Category) Title() string {
	switch c {
	case StrictlyNecessary:
		return "Strictly necessary"
	case Functional:
		return "Functional"
	case Analytics:
		return "Analytics"
	case Marketing:
		return "Marketing"
	case Personalisation:
		return "Personalisation"
	}
	if c == "" {
		return strings.ToUpper(Unclassified[:1]) + Unclassified[1:]
	}
	return CleanLine(string(c)) // an imported category we keep as seen
}

// Tristate is yes / no / unknown, for facts we may not know.
type Tristate string

const (
	Yes     Tristate = "yes"
	No      Tristate = "no"
	Unknown Tristate = "unknown"
)

// Valid reports whether t is yes, no or unknown.
func (t Tristate) Valid() bool { return t == Yes || t == No || t == Unknown }

// Answer is a verdict: yes, no, or conditional (the reason says on what).
type Answer string

// Slug is the answer as a word: its value, or "unknown" when empty.
func (a Answer) Slug() string {
	if a == "" {
		return "unknown"
	}
	return string(a)
}

const (
	AnswerYes         Answer = "yes"
	AnswerNo          Answer = "no"
	AnswerConditional Answer = "conditional"
)

// Valid reports whether a is yes, no or conditional.
func (a Answer) Valid() bool {
	return a == AnswerYes || a == AnswerNo || a == AnswerConditional
}

// StorageKind is where in the browser a storage item lives.
type StorageKind string

const (
	Cookie         StorageKind = "cookie"
	LocalStorage   StorageKind = "localStorage"
	SessionStorage StorageKind = "sessionStorage"
	IndexedDB      StorageKind = "indexedDB"
	CacheStorage   StorageKind = "cacheStorage"
)

// StorageKinds lists every storage kind.
var StorageKinds = []StorageKind{Cookie, LocalStorage, SessionStorage, IndexedDB, CacheStorage}

// Valid reports whether k is a known storage kind.
func (k StorageKind) Valid() bool {
	return slices.Contains(StorageKinds, k)
}

// Party says whether a cookie is set on the site's own domain (first) or
// on the vendor's (third).
type Party string

const (
	FirstParty Party = "first"
	ThirdParty Party = "third"
)

// Valid reports whether p is empty (not known), first or third.
func (p Party) Valid() bool { return p == "" || p == FirstParty || p == ThirdParty }

// ParseParty reads a party as a card's JSON gives it ("first") or as a
// card shows it ("first party", Party.Title): case, and a space, hyphen or
// underscore before "party", do not matter.
func ParseParty(s string) (Party, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, sep := range []string{" ", "-", "_"} {
		s = strings.TrimSuffix(s, sep+"party")
	}
	p := Party(s)
	return p, p.Valid()
}

// PermissionName is a browser permission, named as the Permissions API and
// Permissions-Policy name it.
type PermissionName string

// Permissions is the fixed set of permissions a vendor may ask for.
var Permissions = []PermissionName{
	"microphone", "camera", "geolocation", "notifications", "push",
	"clipboard-read", "clipboard-write", "display-capture", "midi",
	"persistent-storage", "storage-access", "payment-handler", "fullscreen",
	"screen-wake-lock", "idle-detection", "local-fonts", "bluetooth", "usb",
	"serial", "hid", "accelerometer", "gyroscope", "magnetometer",
}

// Valid reports whether p is in the fixed set.
func (p PermissionName) Valid() bool {
	return slices.Contains(Permissions, p)
}

// Role is the vendor's role under the GDPR.
type Role string

const (
	Processor       Role = "processor"
	Controller      Role = "controller"
	JointController Role = "joint-controller"
	// ProcessorOrController: a processor for some services and an
	// independent controller for others (common for ad platforms).
	ProcessorOrController Role = "processor-or-controller"
)

// Valid reports whether r is empty (not known) or a known role.
func (r Role) Valid() bool {
	switch r {
	case "", Processor, Controller, JointController, ProcessorOrController:
		return true
	}
	return false
}

// Lifetime is how long a storage item lives: a browser session, until it is
// cleared (persistent), or a duration. In JSON it is "session",
// "persistent", or a duration such as "30m", "24h", "13mo", "2y", "390d";
// imports may also give plain seconds as a number.
type Lifetime struct {
	Session    bool
	Persistent bool
	Seconds    int64
}

const (
	minute = 60
	hour   = 60 * minute
	day    = 24 * hour
	month  = 30 * day
	year   = 365 * day
)

// SessionLifetime ends with the browser session.
var SessionLifetime = Lifetime{Session: true}

// ParseLifetime reads "session", "persistent" (or "until cleared") or a
// duration made of a number and one unit: s, m, h, d, w, mo, y, or the
// unit's word as a card shows it ("1 year", "13 months").
func ParseLifetime(s string) (Lifetime, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	switch s {
	case "session":
		return SessionLifetime, nil
	case "persistent", "until cleared":
		return Lifetime{Persistent: true}, nil
	case "", "unknown":
		return Lifetime{}, nil
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return Lifetime{}, fmt.Errorf("lifetime %q: want session, persistent, or a number and a unit (30m, 24h, 7d, 13mo, 2y, or 1 year, 13 months)", s)
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil {
		return Lifetime{}, fmt.Errorf("lifetime %q: %w", s, err)
	}
	unit := lifetimeUnit(strings.TrimSpace(s[i:]))
	if unit == 0 {
		return Lifetime{}, fmt.Errorf("lifetime %q: unknown unit %q (use s, m, h, d, w, mo or y, or the words: 1 year, 13 months)", s, s[i:])
	}
	return Lifetime{Seconds: n * unit}, nil
}

// IsZero reports whether the lifetime is not known.
func (l Lifetime) IsZero() bool { return !l.Session && !l.Persistent && l.Seconds == 0 }

// Code is the compact form used in JSON: session, persistent, 30m, 2y...
func (l Lifetime) Code() string { return string(l.appendCode(nil)) }

// appendCode appends Code to b: JSON encodes one per storage item, so a
// large import calls it hundreds of thousands of times.
func (l Lifetime) appendCode(b []byte) []byte {
	switch {
	case l.Session:
		return append(b, "session"...)
	case l.Persistent:
		return append(b, "persistent"...)
	case l.Seconds == 0:
		return b
	}
	for _, u := range lifetimeCodes {
		if l.Seconds%u.n == 0 {
			return append(strconv.AppendInt(b, l.Seconds/u.n, 10), u.code...)
		}
	}
	return append(strconv.AppendInt(b, l.Seconds, 10), 's')
}

// lifetimeUnits are the units of a lifetime, largest first, each with
// its code (2y) and its word (2 years).
var lifetimeUnits = [...]struct {
	n          int64
	code, name string
}{{year, "y", "year"}, {month, "mo", "month"}, {7 * day, "w", "week"}, {day, "d", "day"}, {hour, "h", "hour"}, {minute, "m", "minute"}, {1, "s", "second"}}

// lifetimeCodes are the units a code is written in: whole seconds are
// written apart.
var lifetimeCodes = lifetimeUnits[:6]

// lifetimeUnit is the length in seconds of the unit a lifetime is written
// in, its code or its word ("mo", "month", "months"), or 0.
func lifetimeUnit(s string) int64 {
	if s == "min" {
		return minute
	}
	one := strings.TrimSuffix(s, "s") // "months" is month's
	for _, u := range lifetimeUnits {
		if s == u.code || s == u.name || one == u.name {
			return u.n
		}
	}
	return 0
}

// String is the lifetime as a person reads it: "session", "2 years",
// "13 months", "30 minutes", "persistent" (outlives the session, for a
// length no source gives: a cookie has an end date, only not a known one,
// and "until cleared" read as if it had none; the JSON code is the same
// word). One rule for every output:
// from a day up, in years, months or days, never weeks; under a day, in
// hours or minutes. Whole years or months, or within 1% of them (364
// days, 17 weeks), are said as years or months; other whole days as
// days (45 days); anything else in the largest unit that comes within 5%,
// "about", and never 540 days as a year.
func (l Lifetime) String() string {
	switch {
	case l.Session:
		return "session"
	case l.Persistent:
		return "persistent"
	case l.Seconds == 0:
		return "unknown"
	}
	plural := func(v int64, name string) string {
		if v == 1 {
			return "1 " + name
		}
		return strconv.FormatInt(v, 10) + " " + name + "s"
	}
	near := func(u shownUnit) (v int64, diff int64) {
		v = (l.Seconds + u.n/2) / u.n
		return v, max(v*u.n-l.Seconds, l.Seconds-v*u.n)
	}
	if l.Seconds >= day {
		for _, u := range shownUnits[:2] { // years, months
			if v, diff := near(u); v > 0 && diff*100 <= l.Seconds {
				return plural(v, u.name)
			}
		}
		if l.Seconds%day == 0 {
			return plural(l.Seconds/day, "day")
		}
	} else {
		for _, u := range shownUnits[3:5] { // hours, minutes
			if l.Seconds%u.n == 0 {
				return plural(l.Seconds/u.n, u.name)
			}
		}
	}
	// Imported datasets give lifetimes in seconds, often a few seconds off a
	// round figure (63072006), or in odd units (263808 minutes). Under a
	// minute, exact seconds.
	for _, u := range shownUnits[:5] { // year down to minute
		v, diff := near(u)
		if v == 0 {
			continue
		}
		switch {
		case diff*100 <= l.Seconds:
			return plural(v, u.name)
		case diff*20 <= l.Seconds:
			return "about " + plural(v, u.name)
		}
	}
	if l.Seconds >= hour {
		return "about " + plural((l.Seconds+hour/2)/hour, "hour")
	}
	return plural(l.Seconds, "second")
}

// shownUnit is a unit String says a lifetime in.
type shownUnit struct {
	n    int64
	name string
}

// shownUnits are the units String says a lifetime in, largest first: the
// lifetime units but weeks, which a code may use (52w) and a person reads
// less readily beside months and days.
var shownUnits = [...]shownUnit{{year, "year"}, {month, "month"}, {day, "day"}, {hour, "hour"}, {minute, "minute"}}

// MarshalJSON writes the compact code. A code is digits and lower-case
// letters, which JSON quotes as they are.
func (l Lifetime) MarshalJSON() ([]byte, error) {
	b := make([]byte, 1, 16)
	b[0] = '"'
	return append(l.appendCode(b), '"'), nil
}

// UnmarshalJSON reads a code string or a number of seconds.
func (l *Lifetime) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] != '"' {
		var n int64
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("lifetime: want a string such as \"2y\" or a number of seconds, got %s", b)
		}
		if n < 0 {
			return fmt.Errorf("lifetime: negative seconds %d", n)
		}
		*l = Lifetime{Seconds: n}
		return nil
	}
	var s string
	if plainJSONString(b) {
		// A plain code, the common case: no escapes to undo.
		s = string(b[1 : len(b)-1])
	} else if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseLifetime(s)
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// plainJSONString reports whether b is a JSON string of printable ASCII
// with no escapes, whose value is the bytes between its quotes.
func plainJSONString(b []byte) bool {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return false
	}
	for _, c := range b[1 : len(b)-1] {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
