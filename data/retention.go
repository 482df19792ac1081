package data

import (
	"strconv"
	"strings"
)

// retentionUnits are the units ParseRetention reads after a number: "1
// year", "13 months", "30 mins", "3650 days", "24 hours", "2w".
var retentionUnits = map[string]int64{
	"second": 1, "seconds": 1, "sec": 1, "secs": 1, "s": 1,
	"minute": minute, "minutes": minute, "min": minute, "mins": minute, "m": minute,
	"hour": hour, "hours": hour, "hr": hour, "hrs": hour, "h": hour,
	"day": day, "days": day, "d": day,
	"week": 7 * day, "weeks": 7 * day, "w": 7 * day,
	"month": month, "months": month, "mo": month,
	"year": year, "years": year, "yr": year, "yrs": year, "y": year,
}

// ParseRetention reads a retention period as datasets write it: a number,
// optional spaces, and a unit that ends the word, as in "1 year, renewed".
// Text it cannot read ("Varies", "Unknown") gives an unknown lifetime. It
// runs once per row of a large file, so it scans by hand.
func ParseRetention(s string) Lifetime {
	k := strings.ToLower(strings.TrimSpace(s))
	switch {
	case k == "":
		return Lifetime{}
	case strings.Contains(k, "session"):
		return SessionLifetime
	case k == "forever" || k == "unlimited" || k == "persistent" || strings.Contains(k, "until cleared") || strings.Contains(k, "never expire"):
		return Lifetime{Persistent: true}
	}
	i := 0
	for i < len(k) && k[i] >= '0' && k[i] <= '9' {
		i++
	}
	if i == 0 {
		return Lifetime{}
	}
	n, err := strconv.ParseInt(k[:i], 10, 64)
	if err != nil {
		return Lifetime{}
	}
	for i < len(k) && (k[i] == ' ' || k[i] == '\t' || k[i] == '\n' || k[i] == '\f' || k[i] == '\r') {
		i++
	}
	j := i
	for j < len(k) && wordByte(k[j]) {
		j++
	}
	unit, ok := retentionUnits[k[i:j]]
	if !ok {
		return Lifetime{}
	}
	return Lifetime{Seconds: n * unit}
}

// wordByte is an ASCII word character, as \b in a regular expression sees it.
func wordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
