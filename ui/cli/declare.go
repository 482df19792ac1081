package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/declare"
	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/store/audit"
)

var declareCommand = command{cmdDeclare,
	"declare [--format md|html|csv|json] [-o FILE] [--force] [--site NAME] [--lang en] [--from F] (EVIDENCE... | --vendors ID,...)\n\n" +
		"Write the site's cookie declaration: every cookie and storage key, grouped by\n" +
		"consent category, with its provider, purpose, lifetime, kind, party and the\n" +
		"provider's privacy policy. EVIDENCE is what 'vendex scan' reads (a HAR, a cookie\n" +
		"export...); --vendors declares a list of vendors from their cards alone.\n" +
		"Markdown suits a docs site, CSV and JSON a CMS, HTML is one self-contained file\n" +
		"to paste into a page. With -o the format follows the file's extension (.md,\n" +
		".html, .csv, .json; --format must agree), and an existing file is kept\n" +
		"unless --force.",
	"vendex declare --format html -o cookies.html site.har cookies.txt\n  vendex declare --vendors google-analytics,hotjar,stripe", false}

func cmdDeclare(c *cli, args []string) error {
	fs := c.flags("declare")
	format := fs.String("format", "", "md, html, csv or json (default: from -o, else md)")
	outPath := fs.String("o", "", "write to this file instead of stdout")
	force := fs.Bool("force", false, "overwrite an existing file")
	site := fs.String("site", "", "the site's name (default: the capture's)")
	lang := fs.String("lang", "en", "the declaration's language")
	vendors := fs.String("vendors", "", "declare these vendors (ids, names or aliases, comma separated) instead of a scan")
	from := fromFlag(fs)
	files, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	f, err := declareFormat(*format, *outPath)
	if err != nil {
		return err
	}
	if !strings.EqualFold(*lang, "en") {
		return usagef("declare: --lang %s: declarations are written in en only for now", data.Quote(*lang))
	}
	captures, err := c.captureFormat(*from)
	if err != nil {
		return err
	}
	d, err := c.declaration(*vendors, *site, files, captures)
	if err != nil {
		return err
	}
	b, err := declare.Write(d, f)
	if err != nil {
		return err
	}
	for _, n := range d.AdviceNotes() {
		fmt.Fprintf(c.stderr, "vendex: warning: %s\n", data.CleanLine(n))
	}
	return c.writeOut(*outPath, *force, b, "the "+string(f)+" declaration")
}

// declaration is the declaration of the vendors named, or of the evidence.
func (c *cli) declaration(vendors, site string, files []string, from scan.Format) (declare.Declaration, error) {
	switch {
	case vendors != "" && len(files) > 0:
		return declare.Declaration{}, usagef("declare: give capture files or --vendors, not both")
	case vendors == "" && len(files) == 0:
		return declare.Declaration{}, usagef("declare needs capture files (what 'vendex scan' reads) or --vendors ID,...")
	case vendors != "":
		s, err := c.open()
		if err != nil {
			return declare.Declaration{}, err
		}
		defer s.Close()
		var ids []string
		var misses []string
		for _, q := range strings.Split(vendors, ",") {
			if q = strings.TrimSpace(q); q == "" {
				continue
			}
			v, err := findVendor(s, q)
			if err != nil {
				misses = append(misses, err.Error())
				continue
			}
			ids = append(ids, v.ID)
		}
		if len(misses) > 0 { // every typo at once, not one a run
			return declare.Declaration{}, errors.New(strings.Join(misses, "; "))
		}
		return audit.DeclarationOf(s, site, ids)
	}
	r, s, err := c.audit(auditArgs{opts: audit.Options{Site: site, Names: true}, format: from, cmd: "declare"}, files)
	if err != nil {
		return declare.Declaration{}, err
	}
	defer s.Close()
	if site != "" && r.Site == "" {
		r.Site = site
	}
	return audit.Declaration(s, r)
}

// declareFormat is --format, or the -o file's extension, or Markdown;
// the two must agree.
func declareFormat(flagValue, outPath string) (declare.Format, error) {
	given, ok := declare.Formats.Parse(flagValue)
	if !ok && flagValue != "" {
		return "", usagef("declare: unknown format %s: use %s", data.Quote(flagValue), declare.Formats.Names())
	}
	f, err := outFormat("declare", outPath, string(given), "cookies", kindsOf(declare.Formats))
	if f == "" {
		f = string(declare.Markdown)
	}
	return declare.Format(f), err
}

// writeOut writes b to stdout, or atomically to path (never over an
// existing file unless force), saying so on stderr.
func (c *cli) writeOut(path string, force bool, b []byte, what string) error {
	if path == "" || path == "-" {
		_, err := c.stdout.Write(b)
		return err
	}
	if err := data.WriteFileAtomic(path, b, force); err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "wrote %s (%s, %d bytes)\n", path, what, len(b))
	return nil
}
