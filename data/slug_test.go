package data

import "testing"

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Google/Doubleclick Ads": "google-doubleclick-ads", "#1 Chat Avenue": "1-chat-avenue", "Яндекс": "", "  A--B  ": "a-b",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
