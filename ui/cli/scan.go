package cli

import (
	"bufio"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/store"
	"github.com/vendex/vendex/store/audit"
	"github.com/vendex/vendex/ui"
)

var scanCommand = command{cmdScan,
	"scan [--json | --md | --report] [--before-consent | --after-reject] [--strict] [--site HOST] [--format F] FILE...\n\n" +
		"Read what a browser recorded on a site and say which vendors it loads, what\n" +
		"they stored, and, for a capture taken before consent (or after 'reject all'),\n" +
		"what ran that needs consent. Several files (a HAR and a cookie export) make\n" +
		"one report; - reads stdin; a Website Evidence Collector output folder is read\n" +
		"as the inspection.json and requests.har in it. On a terminal the scan opens\n" +
		"in the browser first and the report is printed when you leave it (--report\n" +
		"prints it at once).\n" +
		"Formats are told by content; --format forces one:\n",
	"vendex scan --before-consent site.har cookies.txt", false}

// scanHelpEnd ends scan's help: the formats, then the exit status.
func scanHelpEnd() string {
	s := ""
	for _, f := range scan.Formats {
		s += fmt.Sprintf("  %-14s %s\n", f.Format, f.Title)
	}
	return s + "Exit status: 1 when there are findings (or a file cannot be read), 0 when\n" +
		"there are none, 2 on a usage error."
}

// scanFlags are the flags scan and browse --scan share.
type scanFlags struct {
	before, reject, strict *bool
	site, format           *string
}

func addScanFlags(fs *flag.FlagSet) scanFlags {
	return scanFlags{
		before: fs.Bool("before-consent", false, "the capture was taken before the visitor answered the banner"),
		reject: fs.Bool("after-reject", false, "the capture was taken after 'reject all'"),
		strict: fs.Bool("strict", false, "count hosts and third-party cookies nobody claims as findings"),
		site:   fs.String("site", "", "the site's host (default: the capture's first page)"),
		format: fs.String("format", "", "read every file as this format"),
	}
}

// args are the audit the flags ask for.
func (sf scanFlags) args() (auditArgs, error) {
	a := auditArgs{opts: audit.Options{Site: *sf.site, Strict: *sf.strict}}
	if *sf.before && *sf.reject {
		return a, usagef("scan: a capture is taken either --before-consent or --after-reject, not both")
	}
	if *sf.before {
		a.opts.Mode = audit.BeforeConsent
	} else if *sf.reject {
		a.opts.Mode = audit.AfterReject
	}
	if *sf.format != "" {
		var err error
		if a.format, err = scan.ParseFormat(*sf.format); err != nil {
			return a, usagef("scan: %v", err)
		}
	}
	return a, nil
}

// fromFlag is declare's and banner's --from: their --format names what
// they write, so the capture format has a flag of its own.
func fromFlag(fs *flag.FlagSet) *string {
	return fs.String("from", "", "read every capture file as this format (default: told by content)")
}

// captureFormat reads a --from value.
func (c *cli) captureFormat(from string) (scan.Format, error) {
	c.formatFlag = "--from F"
	if from == "" {
		return "", nil
	}
	f, err := scan.ParseFormat(from)
	if err != nil {
		return "", usagef("--from: %v", err)
	}
	return f, nil
}

// auditArgs are how to audit capture files: the audit's options, and a
// format to read every file as ("" tells each by its content).
type auditArgs struct {
	opts   audit.Options
	format scan.Format
	cmd    string // the command, for its messages ("" is scan)
}

// audit reads the capture files and audits them against the catalogue.
// The store is returned open, for the browser and the declaration; the
// caller closes it.
func (c *cli) audit(a auditArgs, files []string) (*audit.Report, *store.Store, error) {
	r, _, s, err := c.auditEvidence(a, files)
	return r, s, err
}

// auditEvidence is audit, with the evidence read (a banner looks at it
// again for the vendors' scripts).
func (c *cli) auditEvidence(a auditArgs, files []string) (*audit.Report, *scan.Evidence, *store.Store, error) {
	cmd := cmp.Or(a.cmd, "scan")
	if len(files) == 0 {
		return nil, nil, nil, usagef("%s needs a capture file (a HAR, a cookie export...; - for stdin)", cmd)
	}
	ev, err := c.readCaptures(files, a.format)
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := c.open()
	if err != nil {
		return nil, nil, nil, err
	}
	r, err := audit.Run(s, ev, a.opts)
	if err != nil {
		s.Close()
		if errors.Is(err, audit.ErrBadSite) {
			// ErrBadSite wraps the reason with it: say the reason alone.
			return nil, nil, nil, usagef("--site %s: %s", data.Quote(a.opts.Site), strings.TrimPrefix(err.Error(), audit.ErrBadSite.Error()+": "))
		}
		if errors.Is(err, audit.ErrSiteTie) || errors.Is(err, audit.ErrSites) {
			return nil, nil, nil, usagef("%s: %v", cmd, err)
		}
		return nil, nil, nil, err
	}
	if a.opts.Names {
		// A declaration or banner is the output, not a report: the
		// audit's warnings, which a scan report prints at its top, go to
		// stderr.
		for _, w := range r.Warnings {
			fmt.Fprintf(c.stderr, "vendex: warning: %s\n", data.CleanLine(w))
		}
	}
	return r, ev, s, nil
}

func cmdScan(c *cli, args []string) error {
	fs := c.flags("scan")
	c.formatFlag = "--format F"
	asJSON := fs.Bool("json", false, "print the report as JSON")
	asMD := fs.Bool("md", false, "print the report as Markdown")
	report := fs.Bool("report", false, "print the report without opening the browser, even on a terminal")
	sf := addScanFlags(fs)
	files, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if *asJSON && *asMD {
		return usagef("scan: --json and --md are two outputs; choose one")
	}
	a, err := sf.args()
	if err != nil {
		return err
	}
	r, s, err := c.audit(a, files)
	if err != nil {
		return err
	}
	defer s.Close()
	switch {
	case *asJSON:
		err = c.printJSON(r)
	case *asMD:
		err = writeScanMarkdown(c.stdout, r)
	case !*report && isTerminal(c.stdout) && isTerminal(c.stdin):
		// On a terminal the scan opens in the browser; the report stays
		// on the screen when it closes.
		if err = ui.Run(s, "", ui.WithScan(r)); err == nil {
			err = writeScanText(c.stdout, r, terminalStyle(), terminalWidth(c.stdout))
		}
	default:
		st := reportStyle{}
		if isTerminal(c.stdout) {
			st = terminalStyle()
		}
		err = writeScanText(c.stdout, r, st, terminalWidth(c.stdout))
	}
	if err != nil {
		return err
	}
	if len(r.Findings) > 0 {
		return exitError{code: 1}
	}
	return nil
}

// terminalWidth is w's width when it is a terminal, else 80.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		if width, _, err := term.GetSize(f.Fd()); err == nil && width > 0 {
			return width
		}
	}
	return 80
}

// readCaptures reads every file into one Evidence. A file that records
// nothing is a warning when others do, an error when none does.
func (c *cli) readCaptures(files []string, forced scan.Format) (*scan.Evidence, error) {
	var named []string
	for _, name := range files {
		named = append(named, scan.CaptureFiles(name)...)
	}
	files = named
	ev := &scan.Evidence{}
	var empty []error
	stdinUsed := false
	for _, name := range files {
		if name == "-" {
			if stdinUsed {
				return nil, usagef("scan: - (stdin) can be read once")
			}
			stdinUsed = true
		}
		one, err := c.readCapture(name, forced)
		if errors.Is(err, scan.ErrUnknownFormat) && forced == "" {
			return nil, fmt.Errorf("%w; say which with %s", err, c.formatFlag)
		}
		if errors.Is(err, scan.ErrEmpty) {
			empty = append(empty, err)
			continue
		}
		if err != nil {
			return nil, err
		}
		ev.Add(one)
	}
	if len(empty) == len(files) {
		return nil, empty[0]
	}
	for _, e := range empty {
		ev.Warnings = append(ev.Warnings, scan.Warning{Message: e.Error()})
	}
	return ev, nil
}

func (c *cli) readCapture(name string, forced scan.Format) (*scan.Evidence, error) {
	var in io.Reader = c.stdin
	var size int64
	if name != "-" {
		f, err := openInput(name, "the capture files in it")
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
		in = f
	}
	if isTerminal(c.stderr) && size > 8<<20 {
		p := newProgress(c.stderr, name, size)
		defer p.done()
		in = p.wrap(in)
	}
	br := bufio.NewReaderSize(in, 64<<10)
	f := forced
	if f == "" {
		head, _ := br.Peek(64 << 10)
		var err error
		if f, err = scan.Detect(name, head); err != nil {
			return nil, err
		}
	}
	return scan.Read(name, br, f)
}

// openInput opens a file a command reads. A folder is refused at once,
// saying what to name instead (want), rather than as a read error later.
func openInput(name, want string) (*os.File, error) {
	f, err := os.Open(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = data.ShownName(pe.Path)
		}
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s is a folder; name %s", data.ShownName(name), want)
	}
	return f, nil
}
