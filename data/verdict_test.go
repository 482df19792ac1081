package data

import (
	"strings"
	"testing"
)

func TestACategoryJudgesAVendorWithNoVerdictOfItsOwn(t *testing.T) {
	for c, want := range map[Category]Answer{
		Analytics: AnswerYes, Marketing: AnswerYes, Personalisation: AnswerYes,
		StrictlyNecessary: AnswerNo, Functional: "", "": "",
	} {
		v := Vendor{ID: "x", Name: "X", Category: c}
		if got := v.BlockVerdict().Value; got != want {
			t.Errorf("%s: block %q, want %q", c.Slug(), got, want)
		}
		if got := v.Brief().Block; got != want {
			t.Errorf("%s: brief's block %q, want %q", c.Slug(), got, want)
		}
		m := Merge([]SourcedVendor{{Source: "user:a.json", Vendor: v}})
		if m.BlockBeforeConsent.Value != want || m.ConsentRequired.Value != want {
			t.Errorf("%s: merged %+v %+v", c.Slug(), m.BlockBeforeConsent, m.ConsentRequired)
		}
		if want != "" && !strings.Contains(m.BlockBeforeConsent.Reason, "its consent category decides") {
			t.Errorf("%s: the reason should say where the verdict comes from: %q", c.Slug(), m.BlockBeforeConsent.Reason)
		}
	}
	own := Vendor{Category: Marketing, BlockBeforeConsent: Verdict{Value: AnswerConditional, Reason: "r"}}
	if own.BlockVerdict().Value != AnswerConditional {
		t.Error("a verdict of its own stands")
	}
}

// A verdict is argued for its category: a higher layer that changes the
// category takes a lower one's verdict only if the new category implies
// the same.
func TestAVerdictStaysWithItsCategory(t *testing.T) {
	card := Vendor{ID: "twilio", Name: "Twilio", Category: Functional,
		BlockBeforeConsent: Verdict{Value: AnswerNo, Reason: "It delivers calls."},
		ConsentRequired:    Verdict{Value: AnswerConditional, Reason: "Only for calls."}}
	user := Vendor{ID: "twilio", Category: Marketing}
	m := Merge([]SourcedVendor{{Source: "user:u.json", Vendor: user}, {Source: EmbeddedSource, Vendor: card}})
	if m.BlockBeforeConsent.Value != AnswerYes || m.ConsentRequired.Value != AnswerYes {
		t.Errorf("functional -> marketing: %+v %+v", m.BlockBeforeConsent, m.ConsentRequired)
	}
	// Analytics -> marketing: the card's yes still holds, with its reason.
	card.Category, card.BlockBeforeConsent = Analytics, Verdict{Value: AnswerYes, Reason: "It records sessions."}
	m = Merge([]SourcedVendor{{Source: "user:u.json", Vendor: user}, {Source: EmbeddedSource, Vendor: card}})
	if m.BlockBeforeConsent.Reason != "It records sessions." {
		t.Errorf("analytics -> marketing: %+v", m.BlockBeforeConsent)
	}
	// A file that keeps the old verdict beside the new category says so.
	user.BlockBeforeConsent = Verdict{Value: AnswerNo, Reason: "It delivers calls."}
	if why := VerdictConflict(&user); !strings.Contains(why, "the category is marketing, which needs consent, yet the verdict is no") {
		t.Errorf("conflict: %q", why)
	}
	for _, ok := range []Vendor{
		{Category: Marketing, BlockBeforeConsent: Verdict{Value: AnswerYes}},
		{Category: Marketing, BlockBeforeConsent: Verdict{Value: AnswerConditional}},
		{Category: Functional, BlockBeforeConsent: Verdict{Value: AnswerNo}},
		{Category: Marketing},
	} {
		if why := VerdictConflict(&ok); why != "" {
			t.Errorf("%+v: %q", ok, why)
		}
	}
}
