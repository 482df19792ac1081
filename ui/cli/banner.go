package cli

import (
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/banner"
	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/store/audit"
)

var bannerCommand = command{cmdBanner,
	"banner --format cookieconsent|klaro|gcm|tags [--for cookieconsent|klaro] [-o FILE] [--force] [--site NAME] [--from F] (EVIDENCE... | --vendors ID,...)\n\n" +
		"Write a consent banner's configuration from what the site loads, the same\n" +
		"scan and cookies as 'vendex declare':\n" +
		"  cookieconsent  a vanilla-cookieconsent v3 CookieConsent.run({...}):\n" +
		"                 categories, the cookies to clear (patterns as RegExps), a\n" +
		"                 service per vendor and a cookie table per category\n" +
		"  klaro          a Klaro! config.js: var klaroConfig = {...}\n" +
		"  gcm            Google Consent Mode v2: the default state and the update per\n" +
		"                 category, and which of the vendors read it\n" +
		"  tags           the vendors' script tags, held back until consent (--for picks\n" +
		"                 the banner; both by default)\n" +
		"--vendors names the vendors instead of a scan; it gives no script tags, so\n" +
		"--format tags needs capture files. With -o the file is named for its format\n" +
		"(.js; .html for tags), and an existing file is kept unless --force.",
	"vendex banner --format cookieconsent -o consent.js site.har cookies.txt\n  vendex banner --format tags --for klaro site.har", false}

func cmdBanner(c *cli, args []string) error {
	fs := c.flags("banner")
	format := fs.String("format", "", "cookieconsent, klaro, gcm or tags")
	lib := fs.String("for", "", "tags for this banner: cookieconsent or klaro (default: both)")
	outPath := fs.String("o", "", "write to this file instead of stdout")
	force := fs.Bool("force", false, "overwrite an existing file")
	site := fs.String("site", "", "the site's name (default: the capture's)")
	vendors := fs.String("vendors", "", "these vendors (ids, names or aliases, comma separated) instead of a scan")
	from := fromFlag(fs)
	files, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	f, err := bannerFormat(*format)
	if err != nil {
		return err
	}
	if _, err := outFormat("banner", *outPath, string(f), "consent", kindsOf(banner.Formats)); err != nil {
		return err
	}
	if f.NeedsEvidence() && *vendors != "" {
		return usagef("banner --format %s writes the script tags a capture shows, and --vendors gives no capture: name the capture files instead (what 'vendex scan' reads), or use --vendors with --format cookieconsent, klaro or gcm", f)
	}
	var libs []banner.Library
	if *lib != "" {
		l, err := bannerLibrary(*lib, f)
		if err != nil {
			return err
		}
		libs = append(libs, l)
	}
	captures, err := c.captureFormat(*from)
	if err != nil {
		return err
	}
	b, err := c.banner(*vendors, *site, files, captures)
	if err != nil {
		return err
	}
	out, err := banner.Write(b, f, libs...)
	if err != nil {
		return err
	}
	return c.writeOut(*outPath, *force, out, "the "+string(f)+" configuration")
}

// banner is the banner of the vendors named, or of the evidence.
func (c *cli) banner(vendors, site string, files []string, from scan.Format) (banner.Banner, error) {
	switch {
	case vendors != "" && len(files) > 0:
		return banner.Banner{}, usagef("banner: give capture files or --vendors, not both")
	case vendors == "" && len(files) == 0:
		return banner.Banner{}, usagef("banner needs capture files (what 'vendex scan' reads) or --vendors ID,...")
	case vendors != "":
		d, err := c.declaration(vendors, site, nil, "")
		if err != nil {
			return banner.Banner{}, err
		}
		s, err := c.open()
		if err != nil {
			return banner.Banner{}, err
		}
		defer s.Close()
		var vs []banner.Vendor
		for _, q := range strings.Split(vendors, ",") {
			if q = strings.TrimSpace(q); q == "" {
				continue
			}
			v, err := findVendor(s, q)
			if err != nil {
				return banner.Banner{}, err
			}
			vs = append(vs, banner.Vendor{ID: v.ID, Name: data.CleanLine(v.Name), Category: v.Category.Slug(), Block: v.BlockVerdict().Value.Slug()})
		}
		return banner.Build(d, vs), nil
	}
	r, ev, s, err := c.auditEvidence(auditArgs{opts: audit.Options{Site: site, Names: true}, format: from, cmd: "banner"}, files)
	if err != nil {
		return banner.Banner{}, err
	}
	defer s.Close()
	if site != "" && r.Site == "" {
		r.Site = site
	}
	d, err := audit.Declaration(s, r)
	if err != nil {
		return banner.Banner{}, err
	}
	vs, err := audit.BannerVendors(s, ev, r)
	if err != nil {
		return banner.Banner{}, err
	}
	return banner.Build(d, vs), nil
}

func bannerFormat(flagValue string) (banner.Format, error) {
	if f, ok := banner.Formats.Parse(flagValue); ok {
		return f, nil
	}
	if flagValue == "" {
		return "", usagef("banner needs --format: %s", banner.Formats.Names())
	}
	return "", usagef("banner: unknown format %s: use %s", data.Quote(flagValue), banner.Formats.Names())
}

func bannerLibrary(flagValue string, f banner.Format) (banner.Library, error) {
	if f != banner.Tags {
		return "", usagef("banner: --for picks the tags' banner; it goes with --format tags")
	}
	names := make([]string, len(banner.Libraries))
	for i, l := range banner.Libraries {
		if strings.EqualFold(flagValue, string(l)) {
			return l, nil
		}
		names[i] = string(l)
	}
	return "", usagef("banner: --for %s: use %s", data.Quote(flagValue), strings.Join(names, " or "))
}
