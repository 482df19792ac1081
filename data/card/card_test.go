package card

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
)

// catalogue is the embedded catalogue by id, and the names its cards link to.
func catalogue(t testing.TB) (map[string]data.Vendor, Names) {
	t.Helper()
	vs, err := data.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	byID := make(map[string]data.Vendor, len(vs))
	for _, v := range vs {
		byID[v.ID] = v
	}
	return byID, func(id string) (string, bool) {
		v, ok := byID[id]
		return v.Name, ok
	}
}

// Every writer says the same things: the summary facts, every section,
// related vendors by name, the notes on tracked domains.
func TestEveryWriterCarriesTheSameCard(t *testing.T) {
	vs, names := catalogue(t)
	c := Build(vs["twilio"], names)
	writers := map[string]string{"markdown": Markdown(c), "text": Text(c, 80)}
	var want []string
	for _, f := range c.Facts {
		want = append(want, f.Label, f.Value)
	}
	for _, s := range c.Sections {
		want = append(want, s.Title())
	}
	want = append(want, "Google Maps Platform", "Microsoft Teams", "Legacy CDN for the Voice 1.x")
	for name, out := range writers {
		flat := strings.Join(strings.Fields(strings.ToLower(out)), " ")
		for _, w := range want {
			if !strings.Contains(flat, strings.ToLower(w)) {
				t.Errorf("the %s card lacks %q", name, w)
			}
		}
		for _, id := range []string{"google-maps", "microsoft-teams", "apple-maps-js"} {
			if strings.Contains(out, "- "+id) {
				t.Errorf("the %s card names a related vendor by its id %q", name, id)
			}
		}
	}
	if !strings.Contains(writers["markdown"], "- **Consent required:** Conditional\n") {
		t.Error("the Markdown summary does not say whether consent is required")
	}
}

func TestARelatedVendorTheCatalogueLacksIsSaidSo(t *testing.T) {
	v := data.Vendor{ID: "x", Name: "X", Related: []string{"gone", "there"}}
	c := Build(v, func(id string) (string, bool) { return "There Inc.", id == "there" })
	for name, out := range map[string]string{"markdown": Markdown(c), "text": Text(c, 80)} {
		if !strings.Contains(out, "- gone (not in the catalogue)") || !strings.Contains(out, "- There Inc.") {
			t.Errorf("%s:\n%s", name, out)
		}
	}
}

func TestMarkdownEscapesUntrustedText(t *testing.T) {
	v := data.Vendor{
		ID: "evil", Name: "Evil <script>alert(1)</script>", Category: data.Marketing, SetsCookies: data.Yes,
		Summary:  "Sets *bold* claims, [a link](javascript:x), a | pipe and \x1b]0;title\x07 escapes; it's \"quoted\".",
		Overview: "# not a heading\n- not a list",
		Storage:  []data.StorageItem{{Kind: data.Cookie, Name: "a|b`c", Lifetime: data.SessionLifetime, Purpose: "p <img src=x onerror=y>"}},
		Website:  "javascript:alert(1)",
		Related:  []string{"<b>x</b>"},
	}
	out := Markdown(Build(v, nil))
	for _, bad := range []string{"<script>", "<img", "<b>", "\x1b", " [a link](", " | pipe", "\n# not a heading", "\n- not a list", "<javascript"} {
		if strings.Contains(out, bad) {
			t.Errorf("Markdown kept %q:\n%s", bad, out)
		}
	}
	for _, good := range []string{"&lt;script&gt;", `\*bold\*`, `\[a link\](javascript:x)`, `a \| pipe`, `\# not a heading`, `\- not a list`, "it's \"quoted\"", "`a\\|b'c`"} {
		if !strings.Contains(out, good) {
			t.Errorf("Markdown lacks %q:\n%s", good, out)
		}
	}
}

func TestTextHasNoEscapesAndWrapsByCells(t *testing.T) {
	v := data.Vendor{ID: "x", Name: "X\x1b[31m", Category: data.Analytics,
		Summary:  strings.Repeat("word ", 40) + "https://example.com/" + strings.Repeat("a", 120),
		Overview: strings.Repeat("日本語のテキスト", 20),
		Storage:  []data.StorageItem{{Kind: data.Cookie, Name: "クッキー名前の長い例", Lifetime: data.SessionLifetime, Purpose: strings.Repeat("目的 ", 30)}},
	}
	for _, width := range []int{40, 80} {
		out := Text(Build(v, nil), width)
		if strings.Contains(out, "\x1b") {
			t.Error("Text kept an escape sequence")
		}
		for _, line := range strings.Split(out, "\n") {
			// A URL wider than the card stands whole on its own line, to
			// be copied; every other line fits.
			url := strings.HasPrefix(strings.TrimSpace(line), "https://") && !strings.Contains(strings.TrimSpace(line), " ")
			if n := ansi.StringWidth(line); n > width && !url {
				t.Errorf("a line of %d cells exceeds %d: %q", n, width, line)
			}
		}
	}
}

func TestAnFAQVerdictIsNotSaidTwice(t *testing.T) {
	v := data.Vendor{ID: "x", Name: "X", FAQ: []data.FAQ{{Question: "Cookies?", Short: data.AnswerNo, Answer: "No. None."}}}
	c := Build(v, nil)
	if out := Text(c, 80); strings.Contains(out, "No. No.") || !strings.Contains(out, "A: No. None.") {
		t.Errorf("text card:\n%s", out)
	}
	if out := Markdown(c); strings.Contains(out, "No. No.") || !strings.Contains(out, "**No.** None.") {
		t.Errorf("markdown card:\n%s", out)
	}
}

// A question that is not about blocking gets a reply, not a block
// verdict's word (trial8: "Did the site add Playdigo on purpose? A:
// Conditional."), in every writer.
func TestAnFAQsConditionalShortAnswerReadsAsAReply(t *testing.T) {
	v := data.Vendor{ID: "x", Name: "X", FAQ: []data.FAQ{{Question: "Did the site add X on purpose?", Short: data.AnswerConditional, Answer: "Usually it is one bidder in the site's ad wrapper."}}}
	c := Build(v, nil)
	if out := Text(c, 80); strings.Contains(out, "Conditional") || !strings.Contains(out, "A: It depends. Usually it is one bidder") {
		t.Errorf("text card:\n%s", out)
	}
	if out := Markdown(c); strings.Contains(out, "Conditional") || !strings.Contains(out, "**It depends.** Usually it is one bidder") {
		t.Errorf("markdown card:\n%s", out)
	}
}

func TestEnumsFromImportsAreCleanedToo(t *testing.T) {
	v := data.Vendor{ID: "x", Name: "X", Category: "evil\x1b]0;t\x07cat", Compliance: data.Compliance{Role: "r\x1b[2Jole"},
		Storage:     []data.StorageItem{{Kind: "k\x1b[31mind", Name: "n", Purpose: "p"}},
		Permissions: []data.Permission{{Name: "p\x1b[1merm", When: "w"}}}
	c := Build(v, nil)
	for name, out := range map[string]string{"markdown": Markdown(c), "text": Text(c, 80)} {
		if strings.Contains(out, "\x1b") {
			t.Errorf("%s card holds an escape sequence from an enum field", name)
		}
	}
}

// An empty storage table is explained, never left blank.
func TestEmptyStorageIsExplained(t *testing.T) {
	cases := []struct {
		v    data.Vendor
		want string
	}{
		{data.Vendor{SetsCookies: data.Yes, Unpublished: []string{"storage"}}, "does not publish their names"},
		{data.Vendor{SetsCookies: data.No}, "It sets no cookies"},
		{data.Vendor{}, "The catalogue records no browser storage"},
	}
	for _, c := range cases {
		c.v.ID, c.v.Name = "x", "X"
		if out := Text(Build(c.v, nil), 80); !strings.Contains(out, c.want) {
			t.Errorf("want %q in:\n%s", c.want, out)
		}
	}
}

// A vendor only a dataset knows has no recorded permissions: its card says
// so rather than claim it asks for none; a catalogue vendor's says none.
func TestACardWithNoPermissionsRecordedSaysNotRecorded(t *testing.T) {
	imported := data.Vendor{ID: "aardvark", Name: "Aardvark", Provenance: []data.Provenance{{Field: "name", Value: "Aardvark", Source: "import:ocd-csv:ocd.csv"}}}
	if md := Markdown(Build(imported, nil)); !strings.Contains(md, "Not recorded") || strings.Contains(md, "asks for no browser permissions") {
		t.Errorf("the imported vendor's card claims what nobody recorded:\n%s", md)
	}
	vs, names := catalogue(t)
	if md := Markdown(Build(vs["hotjar"], names)); !strings.Contains(md, "It asks for no browser permissions.") {
		t.Error("the catalogue's Hotjar card no longer says it asks for no permissions")
	}
}

// A vendor of the user's own file that says nothing of permissions or
// storage reads as an imported one does: "Not recorded", naming the file,
// not "asks for none", which only the catalogue, recording both for each
// of its vendors, can say.
func TestAUsersCardSilentOnAFieldSaysNotRecorded(t *testing.T) {
	mine := data.Vendor{ID: "acme", Name: "Acme", Provenance: []data.Provenance{{Field: "name", Value: "Acme", Source: "user:mine.json"}}}
	md := Markdown(Build(mine, nil))
	for _, want := range []string{
		"Not recorded: your vendor file does not say which browser permissions it asks for.",
		"Not recorded: your vendor file does not say what browser storage it uses.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("want %q in:\n%s", want, md)
		}
	}
	if strings.Contains(md, "asks for no browser permissions") || strings.Contains(md, "The catalogue records") {
		t.Errorf("the user's card speaks for the catalogue:\n%s", md)
	}
}

// At 80 columns Hotjar's storage table shows each cookie name whole: the
// kind and lifetime columns give up room before the names do.
func TestStorageNamesKeepTheirRoomAt80Columns(t *testing.T) {
	vs, names := catalogue(t)
	v := vs["hotjar"]
	out := Text(Build(v, names), 80)
	flat := strings.Join(strings.Fields(out), " ")
	// Whether as a table or as a list, every name and every lifetime is
	// shown whole: a cut "30 minu…" or "_hjSessionUs…" says nothing.
	for _, it := range v.Storage {
		for _, want := range []string{it.Name, it.Lifetime.String()} {
			if !strings.Contains(flat, want) {
				t.Errorf("the card at 80 columns does not show %q whole", want)
			}
		}
	}
	if strings.Contains(out, "…") {
		t.Errorf("the card at 80 columns cuts a cell:\n%s", out)
	}
}

// A vendor no verdict judges (one a dataset imported, unclassified) is not
// left at "Unknown.": its card says what to do until it is judged, as a
// declaration does, and how to record a verdict.
func TestAnUnjudgedVendorsCardSaysWhatToDo(t *testing.T) {
	for _, v := range []data.Vendor{
		{ID: "twit-solutions", Name: "Twit Solutions"},
		{ID: "chatty", Name: "Chatty", Category: data.Functional},
	} {
		out := strings.Join(strings.Fields(Text(Build(v, nil), 80)), " ")
		for _, want := range []string{"Unknown. No verdict is recorded for it", "treat it as needing consent", "vendex export --format json " + v.ID} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: want %q in:\n%s", v.ID, want, out)
			}
		}
	}
}

// A source's URL longer than the line stands whole on a line of its own in
// the plain text (show when piped, the text export), so that it can be
// copied; the words around it still wrap.
func TestALongSourceURLIsNotBrokenInPlainText(t *testing.T) {
	url := "https://github.com/prebid/Prebid.js/blob/master/modules/copper6sspBidAdapter.js"
	v := data.Vendor{ID: "x", Name: "X", Sources: []data.Source{{Name: "Prebid.js: the bid adapter and the generated storage metadata (Apache-2.0)", URL: url, Checked: "2026-12-07", Note: "Bids to exchange.example."}}}
	for _, width := range []int{80, 40} {
		out := Text(Build(v, nil), width)
		if !strings.Contains(out, "\n  <"+url+">\n") {
			t.Errorf("at %d columns the URL is not whole on its own line:\n%s", width, out)
		}
		if !strings.Contains(strings.Join(strings.Fields(out), " "), "(checked 2026-12-07): Bids to exchange.example.") {
			t.Errorf("at %d columns the note went missing:\n%s", width, out)
		}
	}
}

// A cookie the vendor sets only on its own website is not one a site
// embedding it receives: its row says so instead of "first party". A row
// whose party is not known says so rather than leave a blank.
func TestAnOwnSiteItemIsSaidSo(t *testing.T) {
	v := data.Vendor{ID: "x", Name: "X", Storage: []data.StorageItem{
		{Kind: "cookie", Name: "visit_id", Party: data.FirstParty, OwnSite: true},
		{Kind: "cookie", Name: "ad_id", Party: data.ThirdParty},
		{Kind: "cookie", Name: "odd_id"},
	}}
	out := Text(Build(v, func(string) (string, bool) { return "", false }), 100)
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.Contains(line, "visit_id") && !strings.Contains(line, "own site only"):
			t.Errorf("the own-site row does not say so: %q", line)
		case strings.Contains(line, "ad_id") && !strings.Contains(line, "third party"):
			t.Errorf("the embedded row lost its party: %q", line)
		case strings.Contains(line, "odd_id") && !strings.Contains(line, "not known"):
			t.Errorf("a row with no party leaves the cell blank: %q", line)
		}
	}
	if !strings.Contains(out, "visit_id") || !strings.Contains(out, "ad_id") {
		t.Fatalf("storage rows missing:\n%s", out)
	}
}

// A word longer than a line (a dataset's source label in the fact table,
// a long link) breaks after a ':' or '/' where its pieces then fit, else
// after a '.' or '-' too, never inside a name: "open-cookie-database.cs"
// and "v" was the fact table at 80 columns. A host that fits stays whole.
func TestALongWordBreaksAtItsBoundaries(t *testing.T) {
	for _, c := range []struct {
		s     string
		width int
		want  []string
	}{
		{"import:ocd-csv:open-cookie-database.csv", 24, []string{"import:ocd-csv:", "open-cookie-database.csv"}},
		{"import:ocd-csv:open-cookie-database.csv", 22, []string{"import:ocd-csv:open-", "cookie-database.csv"}},
		{"see https://www.hotjar.com/legal/policies/privacy now", 34, []string{"see https://www.hotjar.com/legal/", "policies/privacy now"}},
		{"load voice-js.roaming.twilio.com first", 30, []string{"load", "voice-js.roaming.twilio.com", "first"}},
	} {
		if got := Wrap(c.s, c.width); !slices.Equal(got, c.want) {
			t.Errorf("Wrap(%q, %d) = %q, want %q", c.s, c.width, got, c.want)
		}
	}
}

// A reply word the card prints in front of an answer may replace only a
// reply the stored answer gives itself ("No. Twilio sets..."), never the
// first word of its sentence: "No cookie was recorded on ytimg.com" was
// printed "A: No. Cookie was recorded on ytimg.com" (verify10), the
// opposite. Over every card of the catalogue, the printed answer is the
// stored one whole, or the stored one less a leading reply and its stop.
func TestEveryPrintedFAQAnswerKeepsTheStoredWords(t *testing.T) {
	byID, names := catalogue(t)
	reply := regexp.MustCompile(`^(?i)(yes|no|it depends|conditional|unknown)\s*([.,;:!]|\s[—–-]\s|—|–)\s*$`)
	checked := 0
	for id, v := range byID {
		var printed []string
		for _, l := range strings.Split(Text(Build(v, names), 1<<20), "\n") {
			if strings.HasPrefix(l, "A: ") {
				printed = append(printed, strings.TrimPrefix(l, "A: "))
			}
		}
		if len(printed) != len(v.FAQ) {
			t.Fatalf("%s: %d answers printed for %d questions", id, len(printed), len(v.FAQ))
		}
		for i, f := range v.FAQ {
			stored := strings.TrimSpace(f.Answer)
			got := printed[i]
			if r := f.Short.Reply(); f.Short != "" && strings.HasPrefix(strings.ToLower(got), strings.ToLower(r+". "+r+" ")) && got != stored {
				t.Errorf("%s: the reply is said twice: %q", id, got)
			}
			if strings.HasSuffix(got, stored) || f.Short == "" {
				continue
			}
			checked++
			body := strings.TrimPrefix(got, f.Short.Reply()+". ")
			if body == "" || !strings.HasSuffix(strings.ToLower(stored), strings.ToLower(body)) {
				t.Errorf("%s: printed %q, stored %q", id, got, stored)
				continue
			}
			if cut := stored[:len(stored)-len(body)]; !reply.MatchString(cut) {
				t.Errorf("%s: the card dropped %q, the start of the stored sentence: printed %q, stored %q", id, cut, got, stored)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no stored answer restates its reply; the test checks nothing")
	}
}

// The printed answer of a card that begins "No cookie was recorded" says
// no cookie was recorded.
func TestAnAnswerBeginningWithNoKeepsIt(t *testing.T) {
	v := data.Vendor{ID: "x", Name: "X", FAQ: []data.FAQ{
		{Question: "Cookies?", Short: data.AnswerNo, Answer: "No cookie was recorded on x.com."},
		{Question: "Consent?", Short: data.AnswerConditional, Answer: "It depends on the site."},
		{Question: "Set?", Short: data.AnswerNo, Answer: "No — it sets none."},
		{Question: "Consent needed?", Short: data.AnswerYes, Answer: "Yes in the EEA: it sets ids."},
	}}
	out := Text(Build(v, nil), 80)
	for _, want := range []string{"A: No cookie was recorded on x.com.", "A: It depends on the site.", "A: No. It sets none.", "A: Yes in the EEA: it sets ids."} {
		if !strings.Contains(out, want) {
			t.Errorf("card lacks %q:\n%s", want, out)
		}
	}
}
