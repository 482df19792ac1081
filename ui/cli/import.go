package cli

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/dataset"
	"github.com/vendex/vendex/store"
)

// The import, sources and forget commands, for main.go's command table.
var (
	importCommand = command{cmdImport, "import [--format F] [--dry-run] [--user] [-v] FILE... | import -\n\n" +
		"Add vendors from your own vendor files or from public datasets. All the\n" +
		"files land together or not at all: a malformed file is reported with its\n" +
		"line or JSON path and nothing is written. Lookups keep working meanwhile.\n" +
		"Records join the vendor they describe (same id, same name or alias, or\n" +
		"most of its domains), except a product seen on that vendor's own site:\n" +
		"a record listed under a vendor's domains whose name and privacy policy\n" +
		"are another company's (Beamer's cookies under hotjar.com) becomes a\n" +
		"vendor of its own. Imported facts add to a vendor and never overwrite\n" +
		"the catalogue or take its hosts. Your own vendex JSON files (--format\n" +
		"vendex, or --user for any format) rank above the catalogue, so they can\n" +
		"change a vendor's category or verdict. A card 'vendex export --format\n" +
		"json' wrote records each fact's source: the facts it records as the\n" +
		"catalogue's or a dataset's stay theirs (forgetting the dataset removes\n" +
		"them), and only those recorded as yours, changed since, or with their\n" +
		"provenance entry deleted become yours. Importing the same file again\n" +
		"changes nothing. Text holding terminal escape sequences is refused; other\n" +
		"control characters are removed. A record the catalogue's own checks would\n" +
		"refuse (a placeholder such as acme_NNN for a cookie's name, a URL that is\n" +
		"not http or https) is refused too; a dataset's placeholder is imported as\n" +
		"the pattern it stands for (pm_sess_NNN as pm_sess_*).\n\n" +
		"Formats (detected from the content when --format is not given):",
		"vendex import --dry-run ../shared/datasets/third-party-web/entities.json\n  vendex import my-vendors.json", false}
	sourcesCommand = command{cmdSources, "sources [--json]\n\nList the layers of the catalogue in the order they win: your files (the\nlatest first), the embedded catalogue, then imports (the oldest first),\nwith what each holds.", "vendex sources", true}
	forgetCommand  = command{cmdForget, fmt.Sprintf("forget SOURCE\n\nRemove everything one import added, and nothing else. SOURCE is a layer's\nname as 'vendex sources' lists it, its file's name, its kind (user), its\nformat (ocd-csv), or the start of its hash (at least %d hex digits: 1740f7 for the layer\nuser:vendex:1740f711fa1dc4c5). A SOURCE that names several layers is refused,\nnaming them.", store.MinHashPrefix), "vendex forget open-cookie-database.csv", false}
)

func formatList() string {
	var b strings.Builder
	for _, f := range dataset.Formats {
		fmt.Fprintf(&b, "\n  %-22s %s", f.Format, f.Title)
	}
	return b.String()
}

// importFile is one file read and ready to import.
type importFile struct {
	path    string
	name    string // what provenance and 'vendex sources' call it
	format  dataset.Format
	hash    string
	records store.Records // in the chunks its reader built them in
	warns   []dataset.Warning
}

func cmdImport(c *cli, args []string) error {
	fs := c.flags("import")
	formatName := fs.String("format", "", "the files' format (default: detected)")
	dryRun := fs.Bool("dry-run", false, "print what would change and write nothing")
	user := fs.Bool("user", false, "rank the files above the catalogue, as your own (the default for vendex JSON)")
	verbose := fs.Bool("v", false, "list every warning, new vendor, domain, cookie and conflict")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("import needs at least one file (- reads stdin)")
	}
	if slices.Contains(pos, "-") && len(pos) > 1 {
		return usagef("import reads stdin (-) alone, not with other files")
	}
	var forced dataset.Format
	if *formatName != "" {
		if forced, err = dataset.ParseFormat(*formatName); err != nil {
			return usagef("%v", err)
		}
	}
	told, err := c.checkImportFiles(pos, forced)
	if err != nil {
		return err
	}
	ctx, stop := c.interruptible()
	defer stop()
	// Reading allocates much that lives until it is written: the
	// collector's default pace would run it several times over for
	// nothing. A soft limit keeps that pace from letting the heap grow to
	// three times what is live: the import's budget, or for one whose
	// records outgrow it importReadMemory, so that a file refused at its
	// last row costs no more than that.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(200))
	reading := holdMemory(importLimits(pos, importReadMemory, true), false)
	defer reading.lift()
	// The first file is read before the catalogue is touched, so that a
	// malformed one leaves no trace; the others are read up to two ahead of
	// the store, while the ones before them are imported (reading is a third
	// of an import of every dataset, and the store's work the rest). A
	// malformed later file still leaves the catalogue as it was: every
	// file lands in one batch, or none does.
	first, err := c.readImportFile(pos[0], told[0], *verbose)
	if err != nil {
		return err
	}
	next, stopReading := c.readAhead(ctx, pos[1:], told[1:], *verbose)
	defer stopReading()
	// Writing holds several times the records (the store's indexes, the
	// database's pages): the default pace there, under the import's
	// budget, or what every dataset's import takes once the budget is
	// passed, and lifted if what is live comes near that (a large
	// import's live heap would pass it and then collect without end).
	debug.SetGCPercent(100)
	writing := reading.from(importLimits(pos, importAll-importOutside, false))
	reading.lift()
	defer holdMemory(writing, true).lift()
	// Each file's warnings, printed with its report; not the file: its
	// records are the store's once imported, and kept here they would all
	// stay live to the end.
	var warns [][]dataset.Warning
	var reports []store.ImportReport
	listed := reportShown // -v lists everything
	if *verbose {
		listed = 0
	}
	importEach := func(s *store.Store) error {
		for i := range pos {
			f := first
			first = importFile{} // its records go to the store, and with them their memory
			if i > 0 {
				var err error
				if f, err = next(); err != nil {
					return err
				}
			}
			warns = append(warns, f.warns)
			rep, err := s.Import(f.records, store.ImportOptions{
				Format: string(f.format), File: f.name, Hash: f.hash,
				User: *user || f.format == dataset.FormatVendex, DryRun: *dryRun, Listed: listed,
				ObservedCookies: f.format.ObservesCookies(),
			})
			if err != nil {
				if len(pos) > 1 && !*dryRun {
					return fmt.Errorf("%w; none of the %d files was imported", err, len(pos))
				}
				return err
			}
			reports = append(reports, rep)
		}
		if slices.ContainsFunc(reports, func(rep store.ImportReport) bool { return !rep.AlreadyImported }) {
			return nil
		}
		return store.ErrNoChange // every file was imported before: leave the file alone
	}
	importAll := func(s *store.Store) error {
		if *dryRun {
			return importEach(s)
		}
		return s.Batch(func() error { return importEach(s) })
	}
	if *dryRun {
		s, err := c.open()
		if err != nil {
			return err
		}
		err = importAll(s)
		s.Close()
		if err != nil && !errors.Is(err, store.ErrNoChange) {
			return err
		}
	} else {
		path, err := c.dbFile()
		if err != nil {
			return err
		}
		// All files land in one private copy that replaces the catalogue
		// at the end: all or nothing, and readers are never locked out.
		if err := store.Edit(ctx, path, importAll); err != nil {
			if ctx.Err() != nil {
				return errInterrupted("import")
			}
			return err
		}
	}
	for i, rep := range reports {
		// A file's warnings come with its report, unless nothing of it
		// was imported this time.
		if !rep.AlreadyImported {
			printWarnings(c.stderr, warns[i], *verbose)
		}
		if *verbose {
			printFullReport(c.stdout, rep)
		} else {
			io.WriteString(c.stdout, reportText(rep))
		}
	}
	return nil
}

func cmdSources(c *cli, args []string) error {
	fs := c.flags("sources")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := c.parse(fs, args); err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	layers, err := s.Layers()
	if err != nil {
		return err
	}
	if *asJSON {
		return c.printJSON(layers)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tKIND\tFORMAT\tFILE\tVENDORS\tDOMAINS\tSTORAGE\tADDED")
	for _, l := range layers {
		format, file := l.Format, l.File
		if l.Kind == store.KindEmbedded {
			format, file = "-", "(built in, "+l.Version+")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", data.CleanLine(l.Name), l.Kind, format, data.CleanLine(file),
			l.Vendors, l.Domains, l.Storage, l.Added.Local().Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

func cmdForget(c *cli, args []string) error {
	fs := c.flags("forget")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || strings.TrimSpace(pos[0]) == "" {
		return usagef("forget needs one source, as 'vendex sources' lists it")
	}
	path, err := c.dbFile()
	if err != nil {
		return err
	}
	ctx, stop := c.interruptible()
	defer stop()
	var li store.LayerInfo
	err = store.Edit(ctx, path, func(s *store.Store) error {
		var err error
		li, err = s.Forget(pos[0])
		if errors.Is(err, store.ErrNotFound) && filepath.Base(pos[0]) != pos[0] {
			// The path the file was imported from names it too.
			li, err = s.Forget(filepath.Base(pos[0]))
		}
		return err
	})
	if ctx.Err() != nil {
		return errInterrupted("forget")
	}
	if errors.Is(err, store.ErrNotFound) && len(pos[0]) < store.MinHashPrefix {
		// Too short for a hash and no layer's name: the command line is
		// wrong, as with any other usage error, not the catalogue.
		return usagef("forget: %s", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "forgot %s (%s %s): %s, %s, %s\n",
		data.CleanLine(li.Name), li.Format, data.CleanLine(li.File),
		data.Plural(li.Vendors, "vendor record"), data.Plural(li.Domains, "domain"), data.Plural(li.Storage, "storage item"))
	return nil
}

// interruptible is the context a writing command works under: Ctrl-C or
// SIGTERM cancels it, and the write then stops with the catalogue as it
// was. A second Ctrl-C, once the first has been seen, ends the process.
func (c *cli) interruptible() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(c.ctx, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}

// errInterrupted is what a write stopped by Ctrl-C says: exit status 130,
// as a shell reports a process ended by SIGINT.
func errInterrupted(cmd string) error {
	return exitError{130, cmd + " interrupted; the catalogue is as it was"}
}

// readAhead reads the files at paths (of the formats told) in order on a
// goroutine of its own, up to two files ahead of the caller, who takes
// each in turn with next: one ahead, the reading of a large file (Tracker
// Radar's entities, its domain index) began only as the store took the
// file before it, and the store then waited for it. A file that cannot be
// read ends the reading, and next returns its error. stop ends the
// reading and waits for the file being read.
func (c *cli) readAhead(ctx context.Context, paths []string, told []toldFormat, verbose bool) (next func() (importFile, error), stop func()) {
	type read struct {
		f   importFile
		err error
	}
	// One read file waits in out while the next is read.
	out, quit, done := make(chan read, 1), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for i, p := range paths {
			r := read{err: errInterrupted("import")}
			select {
			case <-quit:
				return
			default:
			}
			if ctx.Err() == nil {
				r.f, r.err = c.readImportFile(p, told[i], verbose)
			}
			select {
			case out <- r:
			case <-quit:
				return
			}
			if r.err != nil {
				return
			}
		}
	}()
	next = func() (importFile, error) {
		select {
		case r := <-out:
			return r.f, r.err
		case <-done:
			select { // the last file read may still wait in out
			case r := <-out:
				return r.f, r.err
			default:
				return importFile{}, errInterrupted("import")
			}
		}
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			close(quit)
			<-done
		})
	}
	return next, stop
}

// readImportFile reads and parses one file to import (stdin for "-"), as
// told names its format (forced, or told by checkImportFiles) or, when
// empty, as its content says. The
// formats whose files run to hundreds of megabytes (the Open Cookie
// Database CSV, Tracker Radar's JSON lines and domain index CSV) are
// parsed as they are read and never held whole; a JSON file whose format
// its first megabyte does not settle is read whole, as telling its format
// can take all of it.
func (c *cli) readImportFile(p string, told toldFormat, verbose bool) (importFile, error) {
	in, err := c.openImport(p)
	if err != nil {
		return importFile{}, fmt.Errorf("import: %w", err)
	}
	defer in.Close()
	sum := sha256.New()
	r := bufio.NewReaderSize(io.TeeReader(in, sum), 1<<20)
	// Whether the file can be read again (a regular file), asked once:
	// the format check, the reader and the name provenance keeps use it.
	rr := rereadable(in, r)
	reread, canReread := rr.(dataset.Rereader)
	name := importName(p, in, canReread)
	if p == "-" {
		p = name
	}
	f := told.format
	var b []byte            // the whole file, when it is read whole
	checked := told.checked // DetectFile has read the file to its end, checking it
	if f == "" {
		if f, b, checked, err = importFormat(p, rr, r); err != nil {
			return importFile{}, err
		}
	}
	var chunks [][]data.Vendor
	var warns []dataset.Warning
	switch {
	case b != nil:
		chunks, warns, err = dataset.ReadBytesChunks(f, p, b)
	case checked && canReread:
		chunks, warns, err = dataset.ReadChunks(f, p, dataset.Checked{Rereader: reread})
	default:
		chunks, warns, err = dataset.ReadChunks(f, p, rr)
	}
	if err != nil {
		return importFile{}, fmt.Errorf("%w; nothing was imported", err)
	}
	records := store.RecordsOf(chunks...)
	if records.N == 0 {
		printWarnings(c.stderr, warns, verbose) // they may say why
		if slices.ContainsFunc(warns, dataset.Warning.LeftWhole) {
			return importFile{}, fmt.Errorf("%s: every card in it is recorded as other sources' (the catalogue's or a dataset's), none of it as yours; nothing was imported (delete a card's provenance to take it as yours)", data.CleanLine(p))
		}
		return importFile{}, fmt.Errorf("%s: no vendor records in it as %s (is that its format?); nothing was imported", data.CleanLine(p), f)
	}
	if _, err := io.Copy(io.Discard, r); err != nil { // the hash is of the whole file
		return importFile{}, fmt.Errorf("import: %w", err)
	}
	return importFile{path: p, name: name, format: f, hash: hex.EncodeToString(sum.Sum(nil)), records: records, warns: warns}, nil
}

// importFormat tells the format of the file named p, which r reads (rr
// is r, or a dataset.Rereader of a regular file: see rereadable), from its
// start when that settles it, the rest left to stream on to the reader;
// else, for JSON in a regular file, from the whole file as it streams
// apart from r (checked: it was read to its end and is well formed); else
// from the whole file, which it then returns as b.
func importFormat(p string, rr io.Reader, r *bufio.Reader) (f dataset.Format, b []byte, checked bool, err error) {
	head, err := r.Peek(1 << 20)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return "", nil, false, fmt.Errorf("import: %w", err)
	}
	if hf, ok := dataset.DetectHead(head); ok {
		return hf, nil, false, nil // the rest streams on to the reader
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	isJSON := len(text) > 0 && (text[0] == '{' || text[0] == '[')
	if rr, ok := rr.(dataset.Rereader); ok && isJSON {
		// Told from the whole file as it streams (DetectFile reads it
		// apart from r, which the reader and the hash then read).
		f, err = dataset.DetectFile(p, rr)
		return f, nil, err == nil, err
	}
	if len(text) == 0 || isJSON {
		if b, err = io.ReadAll(r); err != nil {
			return "", nil, false, fmt.Errorf("import: %w", err)
		}
		head = b
	}
	f, err = dataset.DetectFormat(p, head)
	return f, b, false, err
}

// toldFormat is a file's format as known before it is read: forced, or
// told by checkImportFiles (checked: DetectFile read it to its end and
// found it well formed); an empty format is told as the file is read.
type toldFormat struct {
	format  dataset.Format
	checked bool
}

// checkImportFiles opens each of several files and tells its format before
// any is read: eleven files whose last is not a dataset are refused at
// once, not after ten have been read for a quarter of a minute. It
// returns each file's format for reading it, which need not tell it again
// (a large JSON file's is told by reading all of it). The files are
// checked on every core, as nothing can start before they are; the error
// is the first file's in order that fails.
func (c *cli) checkImportFiles(pos []string, forced dataset.Format) ([]toldFormat, error) {
	told := make([]toldFormat, len(pos))
	for i := range told {
		told[i].format = forced
	}
	if len(pos) < 2 {
		return told, nil // the one file is checked as it is read
	}
	errs := make([]error, len(pos))
	check := func(i int) {
		if st, err := os.Stat(pos[i]); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
			return // a pipe opened here could not be read again: it is checked as it is read
		}
		in, err := c.openImport(pos[i])
		if err != nil {
			errs[i] = fmt.Errorf("import: %w; none of the %d files was imported", err, len(pos))
			return
		}
		defer in.Close()
		file, size, regular := regularFile(in)
		if forced != "" || !regular {
			return // a pipe read here could not be read again: it is checked as it is read
		}
		var b []byte
		var t toldFormat
		// As a rereader, so that a JSON file its start does not settle is
		// told as it streams (DetectFile) and its reader need not check it
		// again; else it was read whole here, then sniffed again as read.
		br := bufio.NewReaderSize(in, 1<<20)
		if t.format, b, t.checked, err = importFormat(pos[i], rereader{br, file, size}, br); err != nil {
			errs[i] = fmt.Errorf("%w; none of the %d files was imported", err, len(pos))
		} else if b == nil { // a file read whole to tell it is told again as it is read
			told[i] = t
		}
	}
	todo := make(chan int, len(pos))
	for i := range pos {
		todo <- i
	}
	close(todo)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pos)) {
		wg.Go(func() {
			for i := range todo {
				check(i)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return told, nil
}

// rereadable is r, which reads the import file in, as a dataset.Rereader
// when in is a regular file: then a large CSV file is checked before its
// records are built, and a refused one costs a chunk of rows, not them.
func rereadable(in io.Reader, r io.Reader) io.Reader {
	file, size, ok := regularFile(in)
	if !ok {
		return r
	}
	return rereader{r, file, size}
}

// regularFile reports whether in is a regular file, which can be read
// again, and its size: a pipe or a terminal is read once.
func regularFile(in io.Reader) (*os.File, int64, bool) {
	file, ok := in.(*os.File)
	if !ok {
		return nil, 0, false
	}
	st, err := file.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, 0, false
	}
	return file, st.Size(), true
}

type rereader struct {
	io.Reader
	file *os.File
	size int64
}

func (r rereader) Size() int64 { return r.size }

// Reread reads the file from its start again, with ReadAt, leaving the
// first read (and the hash it feeds) where it was.
func (r rereader) Reread() (io.Reader, error) { return io.NewSectionReader(r.file, 0, r.size), nil }

// importName is what provenance keeps of the file at p, opened as in: its
// base name, "stdin" for "-", and "pipe" for a shell's <(...), whose
// /dev/fd/63 names nothing the user would know again (regular: the file
// can be read again, as rereadable found).
func importName(p string, in io.Reader, regular bool) string {
	if p == "-" {
		return "stdin"
	}
	base := filepath.Base(p)
	if _, isFile := in.(*os.File); isFile && !regular && strings.Trim(base, "0123456789") == "" {
		return "pipe"
	}
	return base
}

// openImport opens the file at p, or stdin for "-" (as lookup and coverage
// do).
func (c *cli) openImport(p string) (io.ReadCloser, error) {
	if p == "-" {
		return io.NopCloser(c.stdin), nil
	}
	return openInput(p, "the files to import in it")
}
