// Package cli is the vendex command line. vendex is an offline terminal catalogue of third-party web
// vendors: what a vendor's script loads and stores, which consent category it
// falls in, and whether it may load before consent.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
	"github.com/vendex/vendex/store"
)

// version is what --version and stats print: set with -ldflags
// "-X github.com/vendex/vendex/ui/cli.version=v1.2.3" for a release, else
// read from the build (a module version, or the VCS commit of a plain
// go build).
var version = ""

// Version names this binary: the linker's version, the module version of a
// go install, or the commit (with "+dirty" for uncommitted changes).
func Version() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return buildVersion(info)
}

func buildVersion(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "+dirty"
	}
	return "dev-" + rev
}

// Main runs vendex with args (without the program name) and returns the
// exit status; main only passes it to os.Exit.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return exitCode(run(context.Background(), args, stdin, stdout, stderr), stderr)
}

// escapingWriter is stderr as every message reaches it: whatever a message
// echoes was meant to be quoted with data.Quote where it was written, and
// this is the guard for what was not, so no escape sequence, C1 or bidi
// control from a file or an argument ever reaches the terminal raw.
type escapingWriter struct{ w io.Writer }

func (e escapingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(e.w, data.EscapeControls(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// exitError carries an exit code other than 1, and the message to print
// (none when it has been printed already).
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string {
	if e.msg != "" {
		return e.msg
	}
	return fmt.Sprintf("exit status %d", e.code)
}

// usageError is a mistake in the command line: exit status 2. cmd is the
// sub-command it was made in, whose help the message points to.
type usageError struct{ msg, cmd string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{msg: fmt.Sprintf(format, args...)} }

func exitCode(err error, stderr io.Writer) int {
	stderr = escapingWriter{stderr}
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintf(stderr, "vendex: %s\n", ee.msg)
		}
		return ee.code
	case errors.As(err, &ue):
		help := "vendex --help"
		if ue.cmd != "" {
			help = "vendex " + ue.cmd + " --help"
		}
		fmt.Fprintf(stderr, "vendex: %s\nRun '%s' for usage.\n", ue.msg, help)
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
  search QUERY       fuzzy-search vendor names, aliases and domains
  cookie NAME...     which vendors set this cookie or storage key (- reads stdin)
  export VENDOR      write a vendor card as Markdown, JSON or text
  stats              vendors and domains per consent category, and where the database is
  coverage FILE      how much of a list of third-party hosts the catalogue attributes
  import FILE...     add vendors from your own files or public datasets
  sources            list what has been imported
  forget SOURCE      remove everything one import added
  scan FILE...       which vendors a site loads, what they store, what ran before consent
  declare FILE...    write the site's cookie declaration (Markdown, HTML, CSV, JSON)
  banner FILE...     write a consent banner's configuration (cookieconsent, Klaro, Consent Mode, tags)
  completion SHELL   print the completion script for bash, zsh or fish
  man                print the manual page

Options:
  --db PATH          the database file (default: $VENDEX_DB, else
                     $XDG_DATA_HOME/vendex/vendex.db or the OS equivalent)
  --version          print the version
  -h, --help         help for vendex or for a command (vendex lookup --help)

Examples:
  vendex lookup https://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js
  vendex show "google analytics"
  vendex export twilio --format md -o twilio.md
  vendex scan --before-consent site.har
`

// command is one sub-command.
type command struct {
	run     func(c *cli, args []string) error
	usage   string // first line: the synopsis
	example string
	noArgs  bool // takes flags only: a stray argument is a usage error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"browse":   {cmdBrowse, "browse [QUERY] | browse --scan [--before-consent | --after-reject] [--site HOST] FILE...\n\nOpen the interactive browser, optionally with a search already typed; with\n--scan, on a site audit of the capture files (see 'vendex scan --help').", "vendex browse twilio\n  vendex browse --scan site.har", false},
		"lookup":   {cmdLookup, "lookup [--json] HOST|URL... | lookup [--json] -\n\nName the vendor that owns each host or URL, its consent category and whether\nto block it before consent. '-' reads one host or URL a line from stdin.\nExit status: 0 when every input was found, 1 when any was not (named on\nstderr), 2 on a usage error.", "vendex lookup maps.googleapis.com https://www.google.com/recaptcha/api.js\n  cut -d' ' -f1 hosts.txt | vendex lookup --json -", false},
		"show":     {cmdShow, "show VENDOR\n\nPrint a vendor's card: styled on a terminal, plain text when piped.\nVENDOR is an id, name or alias, in any case.", "vendex show hotjar", false},
		"search":   {cmdSearch, "search [--limit N] [--json] QUERY\n\nFuzzy-search vendor names, aliases and domains, best match first (the browser's order).\n--json prints one object a line, a vendor each, as lookup --json does.", "vendex search --limit 5 analytics", false},
		"cookie":   {cmdCookie, "cookie [--json] [--all] NAME... | cookie [--json] [--all] -\n\nList the vendors that set a cookie or storage key of this name; patterns\nsuch as _hjSession_* match _hjSession_123. Several names, or '-' reading\none name a line from stdin, are answered each with the vendor that sets it\nfirst, a line each; --all lists every vendor of each. A cookie string as\na browser's tools copy it (a=1; b=2, or a Cookie: or Set-Cookie: line)\ngives its names; a Set-Cookie line's Domain puts first the vendor a scan\ngives the cookie to (the domain's, or one on its site), even one whose\ncard does not list the name. Otherwise vendors rank: the catalogue's and\nyour files' before imported datasets', an exact name before a pattern, a\ncard that names another of them as the cookie's owner after it, software\nthe site runs itself first; a tie left after these is by vendor name,\nalphabetical, not a guess at who is likelier. --json prints one object a\nline, as lookup --json does.", "vendex cookie _ga_ABC123\n  printf '_ga\\n_fbp\\n' | vendex cookie -", false},
		"export":   {cmdExport, "export [--format md|json|txt] [-o FILE] [--force] VENDOR\n\nWrite a vendor card. Markdown mirrors a vendor page, JSON is the whole\nrecord with each fact's source under \"provenance\" (the catalogue's, a\ndataset's or yours); vendex import reads it back and takes as yours only\nthe facts recorded as yours or changed since, leaving the rest to their\nsource (forgetting a dataset still removes its facts). Text is the plain\ncard. With -o the file is written atomically and an existing file is kept\nunless --force; the file's extension (.md, .json, .txt) names the format,\nand --format must agree with it.", "vendex export twilio --format md -o twilio.md", false},
		"stats":    {cmdStats, "stats [--json]\n\nVendors and domains per consent category, the database path and size, and\nthe catalogue version.", "vendex stats", true},
		"coverage": {cmdCoverage, "coverage [--json] [--top N] FILE\n\nRead third-party hosts (the HTTP Archive JSON [{domain, totalOccurrences}],\nTracker Radar's domain records one a line, weighted by the sites loading\neach, or plain lines 'host [count]'; - for stdin) and report the share the\ncatalogue attributes to a vendor, weighted by count and unweighted, and the\nheaviest hosts it does not know. A host attributed only to a vendor an\nimported dataset names after its own domain (a record with no owner) is\ncounted, and its share said apart: the host is known, its owner is not.", "vendex coverage ../shared/datasets/third-party-web/2025-04-01-observed-domains.json", false},
		"import":   importCommand,
		"sources":  sourcesCommand,
		"forget":   forgetCommand,
		"scan":     scanCommand,
		"declare":  declareCommand,
		"banner":   bannerCommand,

		"completion": completionCommand,
		"man":        manCommand,
		"__ids":      {cmdIDs, "__ids\n\nList every vendor id (for completion scripts).", "vendex __ids", true},
	}
}

// cli is one invocation's streams and global options.
type cli struct {
	ctx            context.Context // cancelled when the caller gives up (tests)
	stdin          io.Reader
	stdout, stderr io.Writer
	dbPath         string
	formatFlag     string // the flag that forces a capture's format, for messages
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	stderr = escapingWriter{stderr}
	c := &cli{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		a := args[0]
		switch {
		case a == "-h" || a == "--help" || a == "-help":
			fmt.Fprint(stdout, wrapHelp(usage))
			return nil
		case a == "--version" || a == "-version":
			fmt.Fprintf(stdout, "vendex %s (catalogue %s)\n", Version(), data.CatalogueVersion())
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
			return usagef("unknown option %s", data.Quote(a))
		}
		args = args[1:]
	}
	if len(args) == 0 {
		return cmdBrowse(c, nil)
	}
	if args[0] == "help" {
		if len(args) > 1 && (args[1] == "help" || args[1] == "--help" || args[1] == "-h") {
			fmt.Fprint(stdout, wrapHelp(usage)) // help on help is the list of commands
			return nil
		}
		if len(args) > 1 {
			cmd, ok := commands[args[1]]
			if !ok {
				return usagef("help: unknown command %s; 'vendex help' lists the commands", data.Quote(args[1]))
			}
			// As 'vendex X --help', which knows X's options.
			if err := cmd.run(c, []string{"--help"}); !errors.Is(err, flag.ErrHelp) {
				return err
			}
			return nil
		}
		fmt.Fprint(stdout, wrapHelp(usage))
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		return usagef("unknown command %s", data.Quote(args[0]))
	}
	err := cmd.run(c, args[1:])
	var ue usageError
	if errors.As(err, &ue) && ue.cmd == "" {
		ue.cmd = args[0]
		return ue
	}
	return err
}

func printCommandHelp(w io.Writer, name string, cmd command, fs *flag.FlagSet) {
	fmt.Fprint(w, wrapHelp(fmt.Sprintf("Usage: vendex %s\n%s\nExample:\n  %s\n", commandUsage(name, cmd), optionsHelp(fs), cmd.example)))
}

// optionsHelp lists a command's options with what each does, as its flag
// set says (--db, which every command takes, is in vendex --help).
func optionsHelp(fs *flag.FlagSet) string {
	var b strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name == "db" || f.Usage == "" {
			return
		}
		name, usage := flag.UnquoteUsage(f)
		opt := "--" + f.Name
		if len(f.Name) == 1 {
			opt = "-" + f.Name
		}
		switch name {
		case "":
		case "string":
			opt += " VALUE"
		case "int":
			opt += " N"
		default:
			opt += " " + strings.ToUpper(name)
		}
		line := fmt.Sprintf("  %-20s %s", opt, usage)
		if len(opt) > 20 {
			line = fmt.Sprintf("  %s  %s", opt, usage)
		}
		if d := f.DefValue; d != "" && d != "false" && d != "0" {
			line += " (default " + d + ")"
		}
		b.WriteString(line + "\n")
	})
	if b.Len() == 0 {
		return ""
	}
	return "\nOptions:\n" + b.String()
}

// helpEnds end the help of the commands that list formats from a table:
// built when that help is printed, not whenever vendex starts.
var helpEnds = map[string]func() string{"import": formatList, "scan": scanHelpEnd}

// commandUsage is a command's whole help text.
func commandUsage(name string, cmd command) string {
	if end := helpEnds[name]; end != nil {
		return cmd.usage + end()
	}
	return cmd.usage
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
				printCommandHelp(c.stdout, fs.Name(), commands[fs.Name()], fs)
				return nil, err
			}
			return nil, usagef("%s: %s", fs.Name(), flagProblem(err, args))
		}
		args = fs.Args()
		if f := fs.Lookup("db"); f != nil && f.Value.String() == "" && c.dbFlagSet(fs) {
			return nil, usagef("--db needs a file path")
		}
		if len(args) == 0 {
			if len(pos) > 0 && commands[fs.Name()].noArgs {
				return nil, usagef("%s takes no arguments, only options; %s is not one", fs.Name(), data.Quote(pos[0]))
			}
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagProblem says a flag package error as the top level says its own:
// "unknown option "--nope"", with the option as it was typed.
func flagProblem(err error, args []string) string {
	msg := err.Error()
	typed := func(name string) string {
		for _, a := range args {
			if a == "-"+name || a == "--"+name || strings.HasPrefix(a, "-"+name+"=") || strings.HasPrefix(a, "--"+name+"=") {
				a, _, _ = strings.Cut(a, "=")
				return data.Quote(a)
			}
		}
		return data.Quote("-" + name)
	}
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return "unknown option " + typed(name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return "option " + typed(name) + " needs a value"
	}
	// invalid value "x" for flag -limit: parse error (an int flag; a
	// flag of ours says its own reason), and a boolean given a value.
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if val, after, ok := strings.Cut(rest, " for flag -"); ok {
			name, why, _ := strings.Cut(after, ": ")
			if why == "parse error" || strings.Contains(why, "invalid syntax") {
				return "option " + typed(name) + " takes a number, not " + val
			}
			return "option " + typed(name) + ": " + why
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		if val, after, ok := strings.Cut(rest, " for -"); ok {
			name, _, _ := strings.Cut(after, ": ")
			return "option " + typed(name) + " takes no value, not " + val
		}
	}
	return msg
}

// printJSON writes v to stdout as indented JSON, with any control or bidi
// character a database from before the import cleaning still holds
// escaped as \uXXXX.
func (c *cli) printJSON(v any) error {
	enc := json.NewEncoder(jsonEscaper{c.stdout})
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonEscaper writes encoded JSON values (one a Write, as json.Encoder
// writes them) with data.EscapeJSON applied.
type jsonEscaper struct{ w io.Writer }

func (j jsonEscaper) Write(p []byte) (int, error) {
	if _, err := j.w.Write(data.EscapeJSON(p)); err != nil {
		return 0, err
	}
	return len(p), nil
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
// A path the user named must be in a folder that exists: a typo there
// should not make a fresh database somewhere new. The default location's
// folder is made when needed.
func (c *cli) dbFile() (string, error) {
	path, named := c.dbPath, "--db"
	if path == "" {
		if path, named = os.Getenv("VENDEX_DB"), "VENDEX_DB"; path == "" {
			return store.DefaultPath()
		}
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("%s %s: the folder %s does not exist (vendex makes the database file, not its folder); create the folder or name another file",
			named, data.Quote(path), data.Quote(dir))
	case err == nil && !fi.IsDir():
		return "", fmt.Errorf("%s %s: %s is a file, not a folder; name another file", named, data.Quote(path), data.Quote(dir))
	}
	return path, nil
}

// vendorArg reads the VENDOR argument of show and export and finds it in
// the catalogue, with the names of the vendors its card links to.
func (c *cli) vendorArg(pos []string, cmd string) (data.Vendor, card.Names, error) {
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return data.Vendor{}, nil, usagef("%s needs a vendor name, id or alias", cmd)
	}
	s, err := c.open()
	if err != nil {
		return data.Vendor{}, nil, err
	}
	defer s.Close()
	v, err := findVendor(s, q)
	if err != nil {
		return v, nil, err
	}
	names, err := s.Names(v.Related)
	if err != nil {
		return v, nil, err
	}
	return v, func(id string) (string, bool) { n, ok := names[id]; return n, ok }, nil
}

// findVendor resolves VENDOR (id, name or alias) or explains the miss with
// the three closest names.
func findVendor(s *store.Store, q string) (data.Vendor, error) {
	v, err := s.Find(q)
	if err == nil || !errors.Is(err, store.ErrNotFound) {
		return v, err
	}
	msg := fmt.Sprintf("no vendor %s", data.Quote(q))
	if close := s.Suggest(q, 3); len(close) > 0 {
		msg += "; closest: " + strings.Join(close, ", ")
	}
	return v, errors.New(msg + " (try vendex search " + data.Quote(q) + ")")
}
