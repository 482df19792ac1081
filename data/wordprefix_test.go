package data

import "testing"

func TestWordPrefixFold(t *testing.T) {
	for _, c := range []struct {
		s, q string
		want bool
	}{
		{"ADARA MEDIA UNLIMITED", "adara", true}, {"RateGain Adara Inc", "adara", true}, {"x-adara.com", "adara", true},
		{"Sportradar", "adara", false}, {"Twilio", "twi", true}, {"X (Twitter) embeds", "twi", true},
		{"a", "adara", false}, {"anything", "", false}, {"Café Crème", "CAFÉ", true},
	} {
		if got := WordPrefixFold(c.s, c.q); got != c.want {
			t.Errorf("WordPrefixFold(%q, %q) = %v", c.s, c.q, got)
		}
	}
}
