// Command vendex is an offline terminal catalogue of third-party web
// vendors: what a vendor's script loads and stores, which consent category it
// falls in, and whether it may load before consent.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"
	"github.com/sahilm/fuzzy"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
	"github.com/vendex/vendex/ui"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// exitError carries an exit code; its message, if any, has been printed.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func exitCode(err error, stderr io.Writer) int {
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "vendex: %s\nRun 'vendex --help' for usage.\n", ue.msg)
		return 2
	}
	fmt.Fprintf(stderr, "vendex: %s\n", err)
	return 1
}

const usage = `vendex: an offline catalogue of third-party web vendors

Usage:
  vendex [--db PATH] [COMMAND] [ARGS]

Commands:
  browse [QUERY]     open the interactive browser (the default on a terminal)
  lookup HOST|URL... whose domain is this, and may it load before consent? (- reads stdin)
  show VENDOR        print a vendor's card
  search QUERY       fuzzy-search vendor names and aliases
  cookie NAME        which vendors set this cookie or storage key
  export VENDOR      write a vendor card as Markdown, JSON or text
  stats              vendors and domains per consent category, and where the database is
  coverage FILE      how much of a list of third-party hosts the catalogue attributes
  import FILE...     add vendors from your own files or public datasets
  sources            list what has been imported
  forget SOURCE      remove everything one import added

Options:
  --db PATH          the database file (default: $VENDEX_DB, else
                     $XDG_DATA_HOME/vendex/vendex.db or the OS equivalent)
  --version          print the version
  -h, --help         help for vendex or for a command (vendex lookup --help)

Examples:
  vendex lookup https://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js
  vendex show "google analytics"
  vendex export twilio --format md -o twilio.md
`

// command is one sub-command.
type command struct {
	run     func(c *cli, args []string) error
	usage   string // first line: the synopsis
	example string
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"browse":   {cmdBrowse, "browse [QUERY]\n\nOpen the interactive browser, optionally with a search already typed.", "vendex browse twilio"},
		"lookup":   {cmdLookup, "lookup [--json] HOST|URL... | lookup [--json] -\n\nName the vendor that owns each host or URL, its consent category and whether\nto block it before consent. '-' reads one host or URL a line from stdin.\nExit status: 0 when every input was found, 1 when any was not (named on\nstderr), 2 on a usage error.", "vendex lookup maps.googleapis.com https://www.google.com/recaptcha/api.js\n  cut -d' ' -f1 hosts.txt | vendex lookup --json -"},
		"show":     {cmdShow, "show VENDOR\n\nPrint a vendor's card: styled on a terminal, plain text when piped.\nVENDOR is an id, name or alias, in any case.", "vendex show hotjar"},
		"search":   {cmdSearch, "search [--limit N] [--json] QUERY\n\nFuzzy-search vendor names and aliases, best match first.", "vendex search --limit 5 analytics"},
		"cookie":   {cmdCookie, "cookie [--json] NAME\n\nList the vendors that set a cookie or storage key of this name; patterns\nsuch as _hjSession_* match _hjSession_123.", "vendex cookie _ga_ABC123"},
		"export":   {cmdExport, "export [--format md|json|txt] [-o FILE] [--force] VENDOR\n\nWrite a vendor card. Markdown mirrors a vendor page, JSON is the whole\nrecord (vendex import reads it back), text is the plain card. With -o the\nfile is written atomically and an existing file is kept unless --force.", "vendex export twilio --format md -o twilio.md"},
		"stats":    {cmdStats, "stats [--json]\n\nVendors and domains per consent category, the database path and size, and\nthe catalogue version.", "vendex stats"},
		"coverage": {cmdCoverage, "coverage [--json] [--top N] FILE\n\nRead third-party hosts (the HTTP Archive JSON [{domain, totalOccurrences}],\nor plain lines 'host [count]'; - for stdin) and report the share the\ncatalogue attributes, weighted by count and unweighted, and the heaviest\nhosts it does not know.", "vendex coverage ../shared/datasets/third-party-web/2025-04-01-observed-domains.json"},
		"import":   importCommand,
		"sources":  sourcesCommand,
		"forget":   forgetCommand,
	}
}

// cli is one invocation's streams and global options.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dbPath         string
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr}
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		a := args[0]
		switch {
		case a == "-h" || a == "--help" || a == "-help":
			fmt.Fprint(stdout, usage)
			return nil
		case a == "--version" || a == "-version":
			fmt.Fprintf(stdout, "vendex %s (catalogue %s)\n", version, data.CatalogueVersion())
			return nil
		case a == "--db" || a == "-db":
			if len(args) < 2 || args[1] == "" {
				return usagef("--db needs a file path")
			}
			c.dbPath, args = args[1], args[2:]
			continue
		case strings.HasPrefix(a, "--db="):
			c.dbPath = strings.TrimPrefix(a, "--db=")
			if c.dbPath == "" {
				return usagef("--db needs a file path")
			}
		default:
			return usagef("unknown option %s", a)
		}
		args = args[1:]
	}
	if len(args) == 0 {
		return cmdBrowse(c, nil)
	}
	if args[0] == "help" {
		if len(args) > 1 {
			if cmd, ok := commands[args[1]]; ok {
				printCommandHelp(stdout, args[1], cmd)
				return nil
			}
		}
		fmt.Fprint(stdout, usage)
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		return usagef("unknown command %q", args[0])
	}
	return cmd.run(c, args[1:])
}

func printCommandHelp(w io.Writer, name string, cmd command) {
	fmt.Fprintf(w, "Usage: vendex %s\n\nExample:\n  %s\n", cmd.usage, cmd.example)
}

// flags makes a sub-command's flag set: --db is accepted everywhere, and
// -h prints the command's usage with its example.
func (c *cli) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.dbPath, "db", c.dbPath, "database file")
	return fs
}

// parse parses flags and positionals in any order ("lookup x --json").
func (c *cli) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printCommandHelp(c.stdout, fs.Name(), commands[fs.Name()])
				return nil, err
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if f := fs.Lookup("db"); f != nil && f.Value.String() == "" && c.dbFlagSet(fs) {
			return nil, usagef("--db needs a file path")
		}
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// printJSON writes v to stdout as indented JSON.
func (c *cli) printJSON(v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// dbFlagSet reports whether --db was given on this command line.
func (c *cli) dbFlagSet(fs *flag.FlagSet) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "db" })
	return set
}

// open opens the catalogue for reading, seeding it on first run.
func (c *cli) open() (*store.Store, error) {
	path, err := c.dbFile()
	if err != nil {
		return nil, err
	}
	return store.OpenCatalogue(path, true)
}

// dbFile is the database path: --db, else $VENDEX_DB, else the default.
func (c *cli) dbFile() (string, error) {
	if c.dbPath != "" {
		return c.dbPath, nil
	}
	return store.DefaultPath()
}

// vendorArg reads the VENDOR argument of show and export and finds it in
// the catalogue.
func (c *cli) vendorArg(pos []string, cmd string) (data.Vendor, error) {
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return data.Vendor{}, usagef("%s needs a vendor name, id or alias", cmd)
	}
	s, err := c.open()
	if err != nil {
		return data.Vendor{}, err
	}
	defer s.Close()
	return findVendor(s, q)
}

// findVendor resolves VENDOR (id, name or alias) or explains the miss with
// the three closest names.
func findVendor(s *store.Store, q string) (data.Vendor, error) {
	v, err := s.Find(q)
	if err == nil || !errors.Is(err, store.ErrNotFound) {
		return v, err
	}
	msg := fmt.Sprintf("no vendor %q", q)
	if close := s.Suggest(q, 3); len(close) > 0 {
		msg += "; closest: " + strings.Join(close, ", ")
	}
	return v, errors.New(msg + " (try 'vendex search " + q + "')")
}

// lookupResult is one line of `vendex lookup --json`.
type lookupResult struct {
	Input    string        `json:"input"`
	Found    bool          `json:"found"`
	VendorID string        `json:"vendor_id,omitempty"`
	Name     string        `json:"name,omitempty"`
	Category data.Category `json:"category,omitempty"`
	Matched  string        `json:"matched,omitempty"`
	Block    data.Answer   `json:"block_before_consent,omitempty"`
	Error    string        `json:"error,omitempty"`
}

func cmdLookup(c *cli, args []string) error {
	fs := c.flags("lookup")
	asJSON := fs.Bool("json", false, "one JSON object per input")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("lookup needs a host or URL, or - to read them from stdin")
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()

	out := bufio.NewWriterSize(c.stdout, 64<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	rows := 0
	var misses, invalid []string
	one := func(in string) error {
		r := lookupResult{Input: in}
		t, err := data.ParseTarget(in)
		if err == nil {
			h, lerr := s.LookupHost(t)
			switch {
			case lerr == nil:
				r.Found, r.VendorID, r.Name, r.Category, r.Matched, r.Block = true, h.ID, h.Name, h.Category, h.Matched, h.Block
				if r.Category == "" {
					r.Category = "unclassified"
				}
				if r.Block == "" {
					r.Block = "unknown"
				}
			case errors.Is(lerr, store.ErrNotFound):
			default:
				return lerr
			}
		} else {
			r.Error = err.Error()
		}
		switch {
		case r.Error != "":
			invalid = append(invalid, in)
		case !r.Found:
			misses = append(misses, in)
		}
		if *asJSON {
			return enc.Encode(r)
		}
		if rows == 0 {
			fmt.Fprintln(tw, "INPUT\tVENDOR\tCATEGORY\tBLOCK BEFORE CONSENT\tMATCHED")
		}
		shown := truncate(data.CleanLine(in), 80)
		switch {
		case r.Found:
			fmt.Fprintf(tw, "%s\t%s (%s)\t%s\t%s\t%s\n", shown, data.CleanLine(r.Name), r.VendorID, r.Category.Title(), strings.ToLower(r.Block.Title()), r.Matched)
		case r.Error != "":
			fmt.Fprintf(tw, "%s\t-\t-\t-\t%s\n", shown, data.CleanLine(r.Error))
		default:
			fmt.Fprintf(tw, "%s\t-\t-\t-\tno vendor known\n", shown)
		}
		// Align in chunks, so that 100,000 lines stream instead of piling up.
		if rows++; rows%512 == 0 {
			return tw.Flush()
		}
		return nil
	}
	if len(pos) == 1 && pos[0] == "-" {
		n := 0
		err := eachLine(c.stdin, 8<<10, func(line string) error {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				return nil
			}
			n++
			return one(line)
		})
		if err != nil {
			return fmt.Errorf("read stdin: %w", err)
		}
		if n == 0 {
			return usagef("lookup -: stdin held no host or URL")
		}
	} else {
		for _, in := range pos {
			if err := one(in); err != nil {
				return err
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	list := func(ins []string) string {
		shown := make([]string, 0, min(len(ins), 20))
		for _, in := range ins[:min(len(ins), 20)] {
			shown = append(shown, strconv.Quote(truncate(data.CleanLine(in), 80)))
		}
		s := strings.Join(shown, ", ")
		if len(ins) > len(shown) {
			s += fmt.Sprintf(" and %d more", len(ins)-len(shown))
		}
		return s
	}
	if len(misses) > 0 {
		fmt.Fprintf(c.stderr, "vendex: %d of the inputs matched no vendor: %s\n", len(misses), list(misses))
	}
	if len(invalid) > 0 {
		verb := "are"
		if len(invalid) == 1 {
			verb = "is"
		}
		fmt.Fprintf(c.stderr, "vendex: %d of the inputs %s not a host or URL: %s\n", len(invalid), verb, list(invalid))
	}
	if len(misses)+len(invalid) > 0 {
		return exitError{1}
	}
	return nil
}

func cmdShow(c *cli, args []string) error {
	fs := c.flags("show")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	v, err := c.vendorArg(pos, "show")
	if err != nil {
		return err
	}
	_, err = io.WriteString(c.stdout, renderShow(c.stdout, v))
	return err
}

func cmdSearch(c *cli, args []string) error {
	fs := c.flags("search")
	limit := fs.Int("limit", 10, "at most this many results (0: all)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("search needs a query")
	}
	if *limit < 0 {
		return usagef("--limit must be 0 or more")
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	vs, err := s.All()
	if err != nil {
		return err
	}
	hits := searchVendors(vs, strings.Join(pos, " "))
	if *limit > 0 && len(hits) > *limit {
		hits = hits[:*limit]
	}
	if *asJSON {
		type hit struct {
			ID       string        `json:"id"`
			Name     string        `json:"name"`
			Category data.Category `json:"category"`
			Matched  string        `json:"matched"`
			Score    int           `json:"score"`
		}
		out := make([]hit, 0, len(hits))
		for _, h := range hits {
			out = append(out, hit{h.v.ID, h.v.Name, h.v.Category, h.matched, h.score})
		}
		return c.printJSON(out)
	}
	if len(hits) == 0 {
		fmt.Fprintf(c.stderr, "vendex: no vendor matches %q\n", strings.Join(pos, " "))
		return exitError{1}
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VENDOR\tCATEGORY\tID\tMATCHED")
	for _, h := range hits {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", truncate(data.CleanLine(h.v.Name), 40), h.v.Category.Title(), h.v.ID, truncate(data.CleanLine(h.matched), 40))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return nil
}

// eachLine calls fn for each line of r. A line longer than max is cut to
// max+1 bytes (enough for the caller to see it is too long) and the rest of
// it skipped, so one huge line neither exhausts memory nor stops the run.
func eachLine(r io.Reader, max int, fn func(string) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for {
		chunk, isPrefix, err := br.ReadLine()
		if len(buf) <= max {
			buf = append(buf, chunk[:min(len(chunk), max+1-len(buf))]...)
		}
		if err == io.EOF {
			if len(buf) > 0 {
				return fn(string(buf))
			}
			return nil
		}
		if err != nil {
			return err
		}
		if isPrefix {
			continue
		}
		if err := fn(string(buf)); err != nil {
			return err
		}
		buf = buf[:0]
	}
}

// truncate cuts s to n runes, ending in an ellipsis when it was longer.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

type searchHit struct {
	v       data.Vendor
	matched string
	score   int
}

// searchVendors ranks vendors by their best-scoring name or alias
// (sahilm/fuzzy), ties broken by name.
func searchVendors(vs []data.Vendor, q string) []searchHit {
	var strs []string
	var owner []int
	for i, v := range vs {
		for _, n := range append([]string{v.Name}, v.Aliases...) {
			strs = append(strs, n)
			owner = append(owner, i)
		}
	}
	best := map[int]searchHit{}
	for _, m := range fuzzy.Find(q, strs) {
		i := owner[m.Index]
		if h, ok := best[i]; !ok || m.Score > h.score {
			best[i] = searchHit{vs[i], strs[m.Index], m.Score}
		}
	}
	hits := make([]searchHit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	q = strings.TrimSpace(q)
	sort.Slice(hits, func(i, j int) bool {
		// As in the browser: a name or alias with a word that starts with
		// the query first, then the catalogue's vendors before those only
		// imports know.
		if a, b := data.WordPrefixFold(hits[i].matched, q), data.WordPrefixFold(hits[j].matched, q); a != b {
			return a
		}
		if a, b := hits[i].v.FromImportsOnly(), hits[j].v.FromImportsOnly(); a != b {
			return b
		}
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return strings.ToLower(hits[i].v.Name) < strings.ToLower(hits[j].v.Name)
	})
	return hits
}

func cmdCookie(c *cli, args []string) error {
	fs := c.flags("cookie")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("cookie needs exactly one cookie or storage key name")
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	ms, err := s.ByCookie(pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		type hit struct {
			VendorID string        `json:"vendor_id"`
			Name     string        `json:"name"`
			Category data.Category `json:"category"`
			Key      string        `json:"key"`
			Kind     string        `json:"kind"`
			Lifetime string        `json:"lifetime"`
			Purpose  string        `json:"purpose"`
		}
		out := make([]hit, 0, len(ms))
		for _, m := range ms {
			out = append(out, hit{m.VendorID, m.VendorName, m.Category, m.Item.Name, string(m.Item.Kind), m.Item.Lifetime.Code(), m.Item.Purpose})
		}
		if err := c.printJSON(out); err != nil {
			return err
		}
	} else {
		tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
		if len(ms) > 0 {
			fmt.Fprintln(tw, "VENDOR\tKIND\tNAME\tLIFETIME\tCATEGORY\tPURPOSE")
		}
		for _, m := range ms {
			fmt.Fprintf(tw, "%s (%s)\t%s\t%s\t%s\t%s\t%s\n", data.CleanLine(m.VendorName), m.VendorID, data.CleanLine(string(m.Item.Kind)),
				data.CleanLine(m.Item.Name), m.Item.Lifetime, m.Category.Title(), data.CleanLine(m.Item.Purpose))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(ms) == 0 {
		fmt.Fprintf(c.stderr, "vendex: no vendor is known to set %q\n", data.CleanLine(pos[0]))
		return exitError{1}
	}
	return nil
}

func cmdExport(c *cli, args []string) error {
	fs := c.flags("export")
	format := fs.String("format", "md", "md, json or txt")
	outPath := fs.String("o", "", "write to this file instead of stdout")
	force := fs.Bool("force", false, "overwrite an existing file")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	formatSet := false
	fs.Visit(func(f *flag.Flag) { formatSet = formatSet || f.Name == "format" })
	if !formatSet && *outPath != "" {
		// -o twilio.json without --format means JSON.
		switch strings.ToLower(filepath.Ext(*outPath)) {
		case ".json":
			*format = "json"
		case ".txt", ".text":
			*format = "txt"
		}
	}
	var render func(data.Vendor) ([]byte, error)
	switch strings.ToLower(*format) {
	case "md", "markdown":
		render = func(v data.Vendor) ([]byte, error) { return []byte(data.Markdown(v)), nil }
	case "json":
		render = data.JSON
	case "txt", "text":
		render = func(v data.Vendor) ([]byte, error) { return []byte(data.Text(v, 80)), nil }
	default:
		return usagef("unknown format %q: use md, json or txt", *format)
	}
	v, err := c.vendorArg(pos, "export")
	if err != nil {
		return err
	}
	b, err := render(v)
	if err != nil {
		return err
	}
	if *outPath == "" || *outPath == "-" {
		_, err = c.stdout.Write(b)
		return err
	}
	if err := data.WriteFileAtomic(*outPath, b, *force); err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "wrote %s (%s, %d bytes)\n", *outPath, v.Name, len(b))
	return nil
}

func cmdStats(c *cli, args []string) error {
	fs := c.flags("stats")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := c.parse(fs, args); err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats()
	if err != nil {
		return err
	}
	layers, err := s.Layers()
	if err != nil {
		return err
	}
	vendors, domains := 0, 0
	for _, x := range st {
		vendors += x.Vendors
		domains += x.Domains
	}
	if *asJSON {
		type cat struct {
			Category string `json:"category"`
			Vendors  int    `json:"vendors"`
			Domains  int    `json:"domains"`
		}
		out := struct {
			Database   string `json:"database"`
			Size       int64  `json:"size_bytes"`
			Catalogue  string `json:"catalogue_version"`
			Vendors    int    `json:"vendors"`
			Domains    int    `json:"domains"`
			Categories []cat  `json:"categories"`
			Layers     int    `json:"layers"`
		}{s.Path(), s.Size(), s.CatalogueVersion(), vendors, domains, nil, len(layers)}
		for _, x := range st {
			out.Categories = append(out.Categories, cat{x.Category.Title(), x.Vendors, x.Domains})
		}
		return c.printJSON(out)
	}
	fmt.Fprintf(c.stdout, "%-20s %8s %8s\n", "Category", "Vendors", "Domains")
	for _, x := range st {
		fmt.Fprintf(c.stdout, "%-20s %8d %8d\n", x.Category.Title(), x.Vendors, x.Domains)
	}
	fmt.Fprintf(c.stdout, "%-20s %8d %8d\n\n", "Total", vendors, domains)
	fmt.Fprintf(c.stdout, "Database:  %s (%s)\n", s.Path(), humanBytes(s.Size()))
	fmt.Fprintf(c.stdout, "Catalogue: %s (embedded %s, vendex %s)\n", s.CatalogueVersion(), data.CatalogueVersion(), version)
	fmt.Fprintf(c.stdout, "Layers:    %d (vendex sources lists them)\n", len(layers))
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	for _, l := range layers {
		name := l.Name
		if l.File != "" {
			name = l.Kind + ": " + l.File
			if l.Format != "" {
				name += " (" + l.Format + ")" // three datasets ship an entities.json
			}
		}
		fmt.Fprintf(tw, "  %s\t%7d vendors\n", truncate(data.CleanLine(name), 60), l.Vendors)
	}
	return tw.Flush()
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func cmdCoverage(c *cli, args []string) error {
	fs := c.flags("coverage")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	top := fs.Int("top", 20, "list this many of the heaviest unattributed hosts")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("coverage needs one file of hosts (or - for stdin)")
	}
	var r io.Reader = c.stdin
	if pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			return fmt.Errorf("coverage: %w", err)
		}
		defer f.Close()
		r = f
	}
	hosts, err := data.ReadHostCounts(r)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	if len(hosts) == 0 {
		return fmt.Errorf("%s: no hosts in the file", pos[0])
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := s.Coverage(hosts, *top)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.printJSON(rep)
	}
	fmt.Fprintf(c.stdout, "Hosts:       %d (%d attributed, %d not)\n", rep.Hosts, rep.HostsFound, rep.Hosts-rep.HostsFound)
	fmt.Fprintf(c.stdout, "Weighted:    %.2f%% of %d occurrences\n", rep.Weighted, rep.Occurrences)
	fmt.Fprintf(c.stdout, "Unweighted:  %.2f%% of hosts\n", rep.Unweighted)
	fmt.Fprintf(c.stdout, "Vendors hit: %d\n", rep.Vendors)
	if len(rep.Missing) > 0 {
		fmt.Fprintf(c.stdout, "\nHeaviest unattributed hosts:\n")
		for _, m := range rep.Missing {
			fmt.Fprintf(c.stdout, "  %-50s %10d  %.3f%%\n", data.CleanLine(m.Host), m.Count, m.Share)
		}
	}
	return nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func cmdBrowse(c *cli, args []string) error {
	fs := c.flags("browse")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if !isTerminal(c.stdout) || !isTerminal(c.stdin) {
		return errors.New("the browser needs a terminal; when piping, use 'vendex search QUERY', 'vendex show VENDOR' or 'vendex lookup HOST'")
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	return ui.Run(s, strings.Join(pos, " "))
}

// renderShow is the card for `vendex show`: styled to the terminal's width
// on a terminal, plain text when piped.
func renderShow(w io.Writer, v data.Vendor) string {
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		width, _, err := term.GetSize(f.Fd())
		if err != nil || width <= 0 {
			width = 80
		}
		if _, ok := os.LookupEnv("NO_COLOR"); ok {
			lipgloss.SetColorProfile(termenv.Ascii)
		}
		return ui.RenderCard(v, width) + "\n"
	}
	return data.Text(v, 80)
}
