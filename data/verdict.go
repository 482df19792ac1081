package data

// The one rule that judges a vendor whose record gives no verdict of its
// own (an imported dataset's, a user's file): its consent category
// decides. A vendor of a category that always needs consent (analytics,
// marketing, personalisation) is to be blocked before consent; one that
// never does (strictly necessary) is not. A functional or unclassified
// vendor is not judged by its category alone: whether it needs consent
// depends on what the visitor asked for, which only a card can say, so
// its verdict stays unknown and a consent audit counts it as not judged.

// CategoryVerdict is the verdict category c implies for a vendor with
// none of its own, and whether c implies one.
func CategoryVerdict(c Category) (Verdict, bool) {
	a := categoryAnswer(c)
	if a == "" {
		return Verdict{}, false
	}
	return Verdict{Value: a, Reason: "No verdict of its own is recorded, so its consent category decides. " + c.Title() + ": " + c.About()}, true
}

// categoryAnswer is CategoryVerdict's answer alone ("" for none), which
// a list of briefs asks for without building the reason.
func categoryAnswer(c Category) Answer {
	switch c {
	case Analytics, Marketing, Personalisation:
		return AnswerYes
	case StrictlyNecessary:
		return AnswerNo
	}
	return ""
}

// BlockVerdict is v's block-before-consent verdict: its own, or the one
// its category implies (CategoryVerdict), or none.
func (v *Vendor) BlockVerdict() Verdict {
	if v.BlockBeforeConsent.Value != "" {
		return v.BlockBeforeConsent
	}
	d, _ := CategoryVerdict(v.Category)
	return d
}

// ConsentVerdict is v's consent-required verdict: its own, or the one
// its category implies, or none.
func (v *Vendor) ConsentVerdict() Verdict {
	if v.ConsentRequired.Value != "" {
		return v.ConsentRequired
	}
	d, _ := CategoryVerdict(v.Category)
	return d
}

// FillVerdicts gives v the verdicts its category implies where it has
// none of its own: Merge's last step, so that every merged record is
// judged, and the store's for a merged record an older vendex wrote.
func (v *Vendor) FillVerdicts() {
	v.BlockBeforeConsent = v.BlockVerdict()
	v.ConsentRequired = v.ConsentVerdict()
}

// judgedBlock is a brief's verdict: its own, or its category's. A brief an
// older vendex wrote has none for a vendor its category judges.
func judgedBlock(block Answer, c Category) Answer {
	if block != "" {
		return block
	}
	return categoryAnswer(c)
}

// VerdictConflict says how a record's own block-before-consent verdict
// contradicts its own category (a marketing vendor not to be blocked, a
// strictly necessary one to be), or "" when it does not or cannot. A
// curated card may argue such a verdict; in a user's file it is most
// often a verdict kept from an exported card whose category was changed.
func VerdictConflict(v *Vendor) string {
	own := v.BlockBeforeConsent.Value
	implied := categoryAnswer(v.Category)
	if own == "" || implied == "" || own == AnswerConditional || own == implied {
		return ""
	}
	return "the category is " + string(v.Category) + ", which " + categoryNeeds(v.Category) +
		", yet the verdict is " + string(own) + " (" + Quote(CleanLine(v.BlockBeforeConsent.Reason)) +
		"); the file's verdict stands: change it, or remove it and the category decides"
}

func categoryNeeds(c Category) string {
	if c.NeedsConsent() {
		return "needs consent"
	}
	return "needs none"
}

// mergeVerdict takes a later record's verdict where out has none, unless
// that record files the vendor under another category than out's and its
// verdict is not the one out's category implies: a verdict is argued for
// its category, and a higher layer that changes the category (a card
// exported, its category edited, imported back without its verdict)
// leaves the verdict to CategoryVerdict rather than to a reason that
// argues for the old one.
func mergeVerdict(dst *Verdict, v Verdict, outCat, vCat Category) {
	if dst.Value != "" {
		return
	}
	if vCat != "" && outCat != "" && vCat != outCat {
		if implied := categoryAnswer(outCat); implied != "" && implied != v.Value {
			return
		}
	}
	*dst = v
}

func (m *merger) mergeConsentRequired(out, v *Vendor, _ string) {
	mergeVerdict(&out.ConsentRequired, v.ConsentRequired, out.Category, v.Category)
}

func (m *merger) mergeBlock(out, v *Vendor, _ string) {
	mergeVerdict(&out.BlockBeforeConsent, v.BlockBeforeConsent, out.Category, v.Category)
}
