package data

import "strings"

// Slug makes an id from a name: lower-case ASCII letters and digits, runs
// of anything else turned into one hyphen ("Google/Doubleclick Ads" ->
// "google-doubleclick-ads"). It may return "" for a name with no ASCII
// letters or digits.
func Slug(name string) string {
	if s, ok := asciiSlug(name); ok {
		return s
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// asciiSlug is Slug for an ASCII name, in one allocation: an import makes
// an id for each of 100,000 new vendors.
func asciiSlug(name string) (string, bool) {
	b := make([]byte, 0, min(len(name), 64))
	dash := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 0x80 {
			return "", false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
		default:
			dash = true
		}
		if len(b) >= 60 {
			break
		}
	}
	return strings.Trim(string(b), "-"), true
}
