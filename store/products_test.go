package store

import (
	"path/filepath"
	"testing"

	"github.com/vendex/vendex/data"
)

// A company's map, payment, captcha, video, chat or consent product answers as that
// product, with its own category and verdict, not as the company's ad or
// catch-all card: a site would not block its own map, checkout or banner.
// Each case's neighbour on the same company card still answers as before.
func TestAProductHostAnswersAsItsProductNotItsCompany(t *testing.T) {
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	type want struct {
		id    string
		cat   data.Category
		block data.Answer
	}
	mapNo := func(id string) want { return want{id, data.Functional, data.AnswerNo} }
	payNo := func(id string) want { return want{id, data.StrictlyNecessary, data.AnswerNo} }
	for input, w := range map[string]want{
		"https://www.bing.com/api/maps/mapcontrol?callback=init": mapNo("bing-maps"),
		"dev.virtualearth.net":                                                 mapNo("bing-maps"),
		"t.ssl.ak.dynamic.tiles.virtualearth.net":                              mapNo("bing-maps"),
		"https://atlas.microsoft.com/sdk/javascript/mapcontrol/3/atlas.min.js": mapNo("azure-maps"),
		"https://api-maps.yandex.ru/2.1/?apikey=k&lang=en_US":                  mapNo("yandex-maps"),
		"core-renderer-tiles.maps.yandex.net":                                  mapNo("yandex-maps"),
		"https://js.braintreegateway.com/web/3.97.0/js/hosted-fields.min.js":   payNo("braintree"),
		"payments.braintree-api.com":                                           payNo("braintree"),
		"https://consent.yahoo.com/v2/collectConsent?sessionId=3_cc-session_x": payNo("yahoo-consent"),
		"guce.yahoo.com":                                                payNo("yahoo-consent"),
		"consent.cmp.oath.com":                                          payNo("yahoo-consent"),
		"https://monsido-consent.com/v1/mcm.js":                         payNo("monsido-consent-manager"),
		"https://ssl.captcha.qq.com/TCaptcha.js":                        payNo("tencent-captcha"),
		"https://ca.turing.captcha.qcloud.com/TJNCaptcha-global.js":     payNo("tencent-captcha"),
		"https://map.qq.com/api/gljs?v=1.exp&key=k":                     mapNo("tencent-maps"),
		"https://player.live-video.net/1.44.0/amazon-ivs-player.min.js": {"amazon-ivs", data.Functional, data.AnswerNo},
		// A feed's pictures from Meta's CDN are not the Meta Pixel or an
		// embed (they were "marketing, block: yes").
		"https://scontent-iad3-1.cdninstagram.com/v/t51.29350-15/1_n.jpg?oe=650CEAF2": mapNo("meta-media-cdn"),
		"scontent-ord5-2.xx.fbcdn.net": mapNo("meta-media-cdn"),
		"video-ord5-2.xx.fbcdn.net":    mapNo("meta-media-cdn"),
		// HubSpot's ads pixel is advertising, not its analytics
		// ("analytics, block: conditional").
		"https://js.hsadspixel.net/fb.js": {"hubspot-ads-pixel", data.Marketing, data.AnswerYes},
		"js-eu1.hsadspixel.net":           {"hubspot-ads-pixel", data.Marketing, data.AnswerYes},
		// Metrica's informer badge is Metrica's, and Yandex Pay is a payment.
		"https://informer.yandex.ru/informer/26011455/3_0_FFFFFFFF_EFEFEFFF_0_pageviews": {"yandex-metrica", data.Analytics, data.AnswerYes},
		"https://pay.yandex.ru/sdk/v1/pay.js":                                            payNo("yandex-pay"),
		// Thumbnails and post media set no cookies and are the pictures
		// themselves (they were "block: yes" with the player, the embeds or
		// LinkedIn's marketing card); the player and embeds keep theirs.
		"https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg": mapNo("youtube-thumbnails"),
		"https://pbs.twimg.com/media/GUJTZ_rW8AAV_KL.jpg":  mapNo("x-media-cdn"),
		"media.licdn.com": mapNo("linkedin-media-cdn"),
		"https://www.youtube.com/embed/dQw4w9WgXcQ": {"youtube", data.Functional, data.AnswerYes},
		"https://platform.twitter.com/widgets.js":   {"x-embeds", data.Functional, data.AnswerYes},
		"snap.licdn.com": {"linkedin-insight-tag", data.Marketing, data.AnswerYes},
		// NAVER Maps' tiles are the map, not Naver Analytics.
		"https://map.pstatic.net/nrb/styles/basic/1626941278/12/3/4.png": mapNo("naver-maps"),
		"nrbe.map.naver.net": mapNo("naver-maps"),
		// The companies' other hosts stay where they were.
		"https://www.bing.com/search?q=x":          {"microsoft", data.Functional, data.AnswerConditional},
		"login.microsoftonline.com":                {"microsoft", data.Functional, data.AnswerConditional},
		"yastatic.net":                             {"yandex", data.Functional, data.AnswerConditional},
		"https://www.paypal.com/sdk/js?client-id=": payNo("paypal"),
		"sp.analytics.yahoo.com":                   {"yahoo-advertising", data.Marketing, data.AnswerYes},
		"app-script.monsido.com":                   {"monsido", data.Analytics, data.AnswerYes},
		"static.xx.fbcdn.net":                      {"facebook", data.Marketing, data.AnswerYes},
		"https://www.instagram.com/embed.js":       {"instagram", data.Marketing, data.AnswerYes},
		"https://wcs.naver.net/wcslog.js":          {"naver", data.Analytics, data.AnswerYes},
		"js.hs-analytics.net":                      {"hubspot", data.Analytics, data.AnswerConditional},
		"https://yastatic.net/share2/share.js":     {"yandex", data.Functional, data.AnswerConditional},
	} {
		tg, err := data.ParseTarget(input)
		if err != nil {
			t.Fatal(err)
		}
		h, err := s.LookupHost(tg)
		if err != nil || h.ID != w.id || h.Category != w.cat || h.Block != w.block {
			t.Errorf("%s: %s (%s, block %s), %v; want %s (%s, block %s)", input, h.ID, h.Category, h.Block, err, w.id, w.cat, w.block)
		}
	}
}
