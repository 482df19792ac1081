// Package data holds vendex's vendor model, its validation, the embedded
// catalogue and the plain renderings of a vendor card. It imports nothing of
// vendex's own and knows nothing about storage or terminals.
package data

import "slices"

// Vendor is one third-party web vendor: everything a consent platform's vendor
// page says about it, as typed fields. JSON field names are stable: exports
// and imports depend on them.
type Vendor struct {
	ID      string   `json:"id" merge:"keep" validate:"func=checkID"`
	Name    string   `json:"name" validate:"required"`
	Owner   string   `json:"owner,omitempty"`
	Aliases []string `json:"aliases,omitempty" merge:"func=mergeAliases,after=Categories"`
	// Retired says when the vendor shut the product down (a year or a
	// date), for one whose leftover snippets still load on sites: searches
	// rank it below live vendors that match as well or nearly.
	Retired string `json:"retired,omitempty"`

	// Summary is one paragraph; Overview may hold several, separated by a
	// blank line.
	Summary  string `json:"summary" clean:"text" validate:"required"`
	Overview string `json:"overview,omitempty" clean:"text"`

	Website       string   `json:"website,omitempty" merge:"func=mergeWebsite" validate:"url"`
	PrivacyPolicy string   `json:"privacy_policy,omitempty" merge:"func=mergePrivacyPolicy" validate:"url"`
	Products      []string `json:"products,omitempty"`
	Industries    []string `json:"industries,omitempty"`

	// Category is the vendor's main consent category; Categories lists any
	// further ones that some of its products fall in.
	Category   Category   `json:"category" merge:"func=mergeCategory" validate:"func=checkMainCategory"`
	Categories []Category `json:"categories,omitempty" merge:"func=mergeCategories"`

	// Domains are the hosts the vendor is known by (a suffix match: a domain
	// covers its subdomains). Scripts are the sources it loads from: a host,
	// optionally narrowed by a path prefix. Both identify the vendor.
	Domains     []Domain     `json:"domains,omitempty" merge:"key=Host" prov:"Host" validate:"func=checkDomains"`
	Scripts     []Script     `json:"scripts,omitempty" merge:"key=Host+Path" prov:"Host+Path" validate:"func=checkScripts"`
	Connections []Connection `json:"connections,omitempty" merge:"key=Kind+Description"`

	DataCollected []string `json:"data_collected,omitempty"`

	SetsCookies Tristate      `json:"sets_cookies" merge:"func=mergeSetsCookies"`
	Storage     []StorageItem `json:"storage,omitempty" merge:"key=Kind+Name" prov:"Name" validate:"then=checkCookies"`
	Permissions []Permission  `json:"permissions,omitempty" merge:"key=Name"`

	Compliance         Compliance `json:"compliance"`
	ConsentRequired    Verdict    `json:"consent_required" merge:"func=mergeConsentRequired"`
	BlockBeforeConsent Verdict    `json:"block_before_consent" merge:"func=mergeBlock"`

	// Unpublished names the facts the vendor does not make public, so a
	// card can say "not published" instead of leaving a gap unexplained:
	// "storage" (it sets cookies but names none), "privacy_policy".
	Unpublished []string `json:"unpublished,omitempty" validate:"func=checkUnpublished"`

	FAQ     []FAQ    `json:"faq,omitempty" merge:"key=Question,fold" validate:"then=checkFAQAnswers"`
	Related []string `json:"related,omitempty" validate:"func=checkRelated"`
	Sources []Source `json:"sources,omitempty" merge:"func=mergeSources"`

	// Provenance says where each fact came from when the record was merged
	// from several layers (the user's files, the embedded catalogue,
	// imports). It is filled by the store, never written by hand.
	Provenance []Provenance `json:"provenance,omitempty" merge:"-"`
	// SeenCategories keeps categories from imported datasets that do not map
	// onto ours, so they are shown rather than dropped.
	SeenCategories []string `json:"seen_categories,omitempty"`
}

// Domain is a host the vendor is known by. Shared marks a host that several
// vendors legitimately claim (a CDN used by many products of one owner, for
// instance); only then may two vendors list it. Hosting marks a domain under
// which the vendor's customers get names of their own (github.io,
// herokuapp.com, cloudfront.net): the vendor is the domain's, but a name
// under it is its customer's, whose content vendex cannot know.
type Domain struct {
	Host     string   `json:"host"`
	Category Category `json:"category,omitempty"`
	Shared   bool     `json:"shared,omitempty"`
	Hosting  bool     `json:"hosting,omitempty"`
	Note     string   `json:"note,omitempty"`
}

// Script is a source the vendor loads code or content from: a host and an
// optional path prefix such as "/sdk/js/client/", in which '*' stands for
// any run of characters ("/*/fbevents.js" for every locale).
type Script struct {
	Name        string `json:"name,omitempty"`
	Host        string `json:"host"`
	Path        string `json:"path,omitempty"`
	Description string `json:"description,omitempty"`
}

// Connection is a network connection the script opens beyond plain HTTP
// fetches: WebRTC media relays, WebSockets, beacons.
type Connection struct {
	Kind        string   `json:"kind"`
	Hosts       []string `json:"hosts,omitempty"`
	Description string   `json:"description"`
}

// StorageItem is one thing the vendor keeps in the browser.
type StorageItem struct {
	Kind StorageKind `json:"kind"`
	// Name is exact, or a pattern where '*' stands for any run of
	// characters (_hjSession_*).
	Name     string   `json:"name" validate:"required"`
	Party    Party    `json:"party,omitempty"`
	Lifetime Lifetime `json:"lifetime"`
	Purpose  string   `json:"purpose" validate:"required"`
	Category Category `json:"category,omitempty"`
	// OwnSite marks an item set on the vendor's own website (its sign-in,
	// its marketing pages), not by its script on a customer's site: never
	// a customer's to declare.
	OwnSite bool `json:"own_site,omitempty"`
}

// ClaimsSitesName reports whether a cookie or key of its name on a
// site's own domain (a first-party one) may be taken for it, when the site
// is not the vendor's own: not when it is a third-party item (Instagram's
// sessionid is not every site's sessionid), one set only on the vendor's
// own website, or one whose party no source gives and whose name is too
// short to be the vendor's alone (PubMatic's pi and pp, Magnite's c,
// Okta's did: ShortName).
func (it StorageItem) ClaimsSitesName() bool {
	switch {
	case it.Party == ThirdParty, it.OwnSite:
		return false
	case it.Party == FirstParty:
		return true
	}
	return !ShortName(it.Name)
}

// Permission is a browser permission the vendor's script asks for, and when.
type Permission struct {
	Name PermissionName `json:"name" validate:"report=parent"`
	When string         `json:"when"`
}

// Compliance is what the law says about the vendor.
type Compliance struct {
	GDPR          string `json:"gdpr,omitempty" clean:"text"`
	CCPA          string `json:"ccpa,omitempty" clean:"text"`
	Role          Role   `json:"role,omitempty"`
	DataResidency string `json:"data_residency,omitempty"`
	Transfers     string `json:"transfers,omitempty" clean:"text"`
}

// Verdict answers a yes/no question that sometimes has to say "it depends".
type Verdict struct {
	Value  Answer `json:"value"`
	Reason string `json:"reason" clean:"text" validate:"required"`
	Advice string `json:"advice,omitempty" clean:"text"`
}

// FAQ is one common question with our answer. Answer is a short verdict
// (yes / no / conditional) when the question is a yes/no one.
type FAQ struct {
	Question string `json:"question"`
	Short    Answer `json:"short,omitempty"`
	Answer   string `json:"answer" clean:"text"`
}

// Source is where a vendor's facts were checked.
type Source struct {
	Name    string `json:"name" validate:"required"`
	URL     string `json:"url,omitempty" validate:"url"`
	Checked string `json:"checked,omitempty"` // YYYY-MM-DD
	Note    string `json:"note,omitempty"`
}

// Provenance records which layer contributed a fact to a merged record.
type Provenance struct {
	Field  string `json:"field"`  // "domains", "storage", "category", ...
	Value  string `json:"value"`  // the host, the storage name, ...
	Source string `json:"source"` // "embedded", "user:FILE", "import:FORMAT:FILE"
}

// SiteOperator is the owner a card names when the "vendor" is software the
// site runs on its own servers (PHP's sessions, Django, Laravel, ASP.NET):
// its cookies are the site's own, set under names every such site shares.
const SiteOperator = "The site operator"

// SelfHosted reports whether the card is such software rather than a
// company whose servers or scripts the site calls.
func (v *Vendor) SelfHosted() bool { return v.Owner == SiteOperator }

// NamesNoStorage reports whether the card says nothing of what the vendor
// stores on a customer's site: it names no item there, and says neither
// that it sets cookies it does not name nor that it sets none. A
// declaration says so of such a vendor, and warns.
func (v *Vendor) NamesNoStorage() bool {
	return v.SetsCookies != Yes && v.SetsCookies != No && !v.IsUnpublished("storage") &&
		!slices.ContainsFunc(v.Storage, func(it StorageItem) bool { return !it.OwnSite })
}
