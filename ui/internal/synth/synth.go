// Package synth makes synthetic vendor names for search benchmarks.
package synth

import (
	"math/rand/v2"
	"strings"
)

// Names makes n vendor-like names, aliases and domains, the way a
// large imported catalogue looks: "Zentrix Analytics", "zentrix-cdn.com",
// "Brightlytics Pixel"... Deterministic for a given n.
func Names(n int) []string {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	syll := []string{"an", "al", "ly", "ti", "co", "zen", "trix", "bri", "ght", "mar", "ket", "pix", "el", "tw", "il", "io",
		"go", "og", "le", "hot", "jar", "str", "ipe", "max", "opt", "ima", "lo", "ra", "ve", "qu", "ant", "ix", "sa", "le", "for", "ce",
		"ber", "yo", "ka", "mu", "ph", "ee", "dr", "ift"}
	// about one name in twenty has an accented or CJK syllable
	intl := []string{"Ü", "ça", "né", "東", "京", "ß", "Ål"}
	kinds := []string{"Analytics", "Ads", "CDN", "Pixel", "Chat", "Maps", "Video", "Fonts", "Tag Manager", "Insights", "Pay", "Consent", "SDK", "Widgets"}
	tlds := []string{".com", ".io", ".net", ".co.uk", ".de", ".cloud"}
	word := func() string {
		var b strings.Builder
		for k := 1 + r.IntN(3); k >= 0; k-- {
			if r.IntN(60) == 0 {
				b.WriteString(intl[r.IntN(len(intl))])
			} else {
				b.WriteString(syll[r.IntN(len(syll))])
			}
		}
		w := b.String()
		if r.IntN(3) == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		return w
	}
	out := make([]string, n)
	for i := range out {
		switch r.IntN(4) {
		case 0:
			out[i] = word() + " " + kinds[r.IntN(len(kinds))]
		case 1:
			out[i] = strings.ToLower(word()) + "-" + strings.ToLower(kinds[r.IntN(len(kinds))]) + tlds[r.IntN(len(tlds))]
		case 2:
			out[i] = word() + word()
		default:
			out[i] = strings.ToLower(word() + " " + word())
		}
	}
	return out
}
