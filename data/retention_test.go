package data

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestParseRetention(t *testing.T) {
	for in, want := range map[string]string{
		"1 year": "1y", "13 months": "13mo", "Session": "session", "End of session (browser)": "session",
		"30 mins": "30m", "3650 days": "10y", "24 hours": "1d", "forever": "persistent", "Varies": "", "2 Weeks": "2w",
	} {
		if got := ParseRetention(in).Code(); got != want {
			t.Errorf("ParseRetention(%q) = %q, want %q", in, got, want)
		}
	}
}

// ParseRetention's hand-written scan agrees with the regular expression it
// stands in for.
func TestParseRetentionAgreesWithARegexp(t *testing.T) {
	re := regexp.MustCompile(`^(\d+)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|months?|mo|years?|yrs?|y)\b`)
	for _, r := range []string{"1 year", "13 months", "30 mins", "3650 days", "24 hours", "2w", "1 mo", "1 month", "5 m", "5 min", "1 yr.", "1 year2", "12", "x", "1 years, renewed", "99999999999999999999 s", "3\tdays", "1 moon", "2 hrs", "1 séc", "1 sé"} {
		k := strings.ToLower(strings.TrimSpace(r))
		var want Lifetime
		if m := re.FindStringSubmatch(k); m != nil {
			n, err := strconv.ParseInt(m[1], 10, 64)
			units := []struct {
				prefix string
				unit   int64
			}{{"mo", month}, {"s", 1}, {"m", minute}, {"h", hour}, {"d", day}, {"w", 7 * day}, {"y", year}}
			for _, u := range units {
				if err == nil && strings.HasPrefix(m[2], u.prefix) {
					want = Lifetime{Seconds: n * u.unit}
					break
				}
			}
		}
		if got := ParseRetention(r); got != want {
			t.Errorf("ParseRetention(%q) = %+v, want %+v", r, got, want)
		}
	}
}
