// Package store keeps the vendor catalogue in one bbolt file: layers of
// vendor records (the user's own, the embedded catalogue, imports), the
// merged view of them, and the indexes that answer lookups by id, name,
// domain, cookie name and category. It is the only code that imports bbolt.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Sentinel errors; callers test them with errors.Is.
var (
	ErrNotFound    = errors.New("not found")
	ErrLocked      = errors.New("database is busy")
	ErrNewerSchema = errors.New("database was written by a newer vendex")
	ErrCorrupt     = errors.New("database is damaged")
	ErrNotOurs     = errors.New("not a vendex database")
	ErrReadOnly    = errors.New("database is open read-only")
)

// DefaultTimeout is how long an open waits for another process's lock.
const DefaultTimeout = time.Second

// Options tune Open.
type Options struct {
	// ReadOnly opens with a shared lock, so any number of readers can run at
	// once. A read-only open never seeds or migrates.
	ReadOnly bool
	// Timeout bounds the wait for a lock; zero means DefaultTimeout.
	Timeout time.Duration
	// shown is the name messages give the file (Edit's private copy is
	// shown as the catalogue it will replace); empty means the path.
	shown string
	// private marks Edit's private copy, which nobody reads before Edit
	// syncs it once, with fsync, and renames it: its commits need not wait
	// for the disk (each wait was milliseconds, four of them in a first
	// run), nor need its growth. bbolt syncs after growing a file because
	// on ext4 a crash could otherwise keep a commit's pages but not the
	// file's new size; a crash before Edit's fsync leaves a copy nobody
	// reads, and that fsync makes the size durable with everything else.
	private bool
}

// Store is an open catalogue file.
type Store struct {
	db       *bolt.DB
	path     string
	readOnly bool
	// shown is the name to give the user when the store is a private copy
	// (see Edit); empty means path.
	shown string
	// opened is the file the store opened, to tell when a writer has put
	// another in its place (see Changed).
	opened os.FileInfo
	// batch is the write transaction of a Batch under way, which every
	// read and write of it joins.
	batch *bolt.Tx
	cache *recordCache // the records the batch has seen
	// private says the file is Edit's private copy, which nobody reads
	// before it replaces the catalogue: a batch may commit as it goes.
	private bool
}

var (
	bucketMeta     = []byte("meta")
	bucketLayers   = []byte("layers")
	bucketVendors  = []byte("vendors")
	bucketNames    = []byte("names")
	bucketDomains  = []byte("domains")
	bucketCookies  = []byte("cookies")
	bucketPatterns = []byte("cookie_patterns")
	bucketBrief    = []byte("brief")
	bucketCounts   = []byte("counts")
	// bucketCategories is schema 2's; a rebuild removes it.
	bucketCategories = []byte("categories")

	keySchema    = []byte("schema")
	keyCatalogue = []byte("catalogue_version")
)

// derivedBuckets are rebuilt from the layers after every change.
var derivedBuckets = [][]byte{bucketBrief, bucketCounts, bucketVendors, bucketNames, bucketDomains, bucketCookies, bucketPatterns, bucketCategories}

// DefaultPath is where the catalogue lives when neither --db nor VENDEX_DB
// says otherwise: $XDG_DATA_HOME/vendex/vendex.db, or the OS equivalent.
func DefaultPath() (string, error) {
	if p := os.Getenv("VENDEX_DB"); p != "" {
		return p, nil
	}
	dir, err := dataDir()
	if err != nil {
		return "", fmt.Errorf("find a data directory (set VENDEX_DB or --db): %w", err)
	}
	return filepath.Join(dir, "vendex", "vendex.db"), nil
}

func dataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return d, nil
		}
		return os.UserConfigDir()
	case "darwin", "ios":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share"), nil
}

// Open opens the catalogue file at path. A read-write open creates the file
// (and its directory) if needed; a read-only open of a missing file fails
// with an fs.ErrNotExist error. Open never changes a file it cannot read: a
// damaged file or one from a newer vendex is left exactly as it was.
func Open(path string, o Options) (s *Store, err error) {
	timeout := o.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	shown := path
	if o.shown != "" {
		shown = o.shown
	}
	fi, exists, err := statCatalogue(path, shown)
	switch {
	case err != nil:
		return nil, err
	case (!exists || fi.Size() == 0) && o.ReadOnly:
		// An empty file is what a first run killed before bbolt wrote
		// anything leaves: a first run, for readers as for writers.
		return nil, fmt.Errorf("open catalogue %s: %w", shown, fs.ErrNotExist)
	case !exists:
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, placeError("create catalogue", shown, err)
		}
	case fi.Size() > 0 && fi.Size() < 2*maxPageSize && fi.Size() < 2*int64(metaPageSize(path)):
		// Shorter than its two meta pages: bbolt would try to initialise
		// the file, or refuse it without saying it is damaged. Refuse it
		// here, so that a truncated catalogue is never overwritten.
		return nil, fmt.Errorf("open catalogue %s: %w: the file is truncated (%d bytes); %s", shown, ErrCorrupt, fi.Size(), adviceIt)
	}
	if exists && fi.Size() > 0 && !o.ReadOnly {
		// bbolt's read-write open reads the freelist and panics if the file
		// is damaged, leaving its lock and mapping behind. Probe read-only
		// first: that open reads nothing past the meta pages.
		probe, err := Open(path, Options{ReadOnly: true, Timeout: timeout, shown: shown})
		if err != nil {
			return nil, err
		}
		probe.Close()
	}
	var file *os.File
	defer func() {
		// bbolt panics on some kinds of damage; turn that into an error and
		// close the file it opened, which releases its lock.
		if r := recover(); r != nil {
			if file != nil {
				file.Close()
			}
			s, err = nil, fmt.Errorf("open catalogue %s: %w (%v); %s", shown, ErrCorrupt, oneLine(r), adviceIt)
		}
	}()
	openFile := func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := openRegular(name, flag, perm)
		file = f
		return f, err
	}
	opts := &bolt.Options{Timeout: timeout, ReadOnly: o.ReadOnly, OpenFile: openFile, NoSync: o.private, NoGrowSync: o.private, PageSize: pageSize}
	if !o.ReadOnly {
		// Reserve address space up front: when a big import grows the file
		// mid-commit, bbolt remaps and copies every dirty node out of the old
		// mapping, which cost 5 of the 8 s of a 100,000-row import.
		opts.InitialMmapSize = initialMmapSize
	}
	db, err := bolt.Open(path, 0o644, opts)
	if err != nil {
		return nil, openError(shown, err)
	}
	tuneGrowth(db)
	s = &Store{db: db, path: path, readOnly: o.ReadOnly, shown: o.shown, private: o.private}
	if fi, err := os.Stat(path); err == nil {
		s.opened = fi
	}
	if err := s.checkSchema(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func openError(path string, err error) error {
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return fmt.Errorf("%w: another vendex holds %s; wait for it (an import, a reseed) to finish, or use --db to pick another file", ErrLocked, path)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrChecksum):
		return fmt.Errorf("open catalogue %s: %w (%v); %s", path, ErrCorrupt, err, adviceIt)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("open catalogue %s: %w; %s", path, err, elsewhere)
	}
	return fmt.Errorf("open catalogue %s: %w", path, err)
}

// Close releases the file and its lock.
func (s *Store) Close() error { return s.db.Close() }

// Path is the file the store lives in.
func (s *Store) Path() string {
	if s.shown != "" {
		return s.shown
	}
	return s.path
}

// Size is the file's size in bytes.
func (s *Store) Size() int64 {
	fi, err := os.Stat(s.path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// CatalogueVersion is the version of the embedded catalogue last seeded into
// this file, or "" if none was.
func (s *Store) CatalogueVersion() string {
	var v string
	_ = s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketMeta); b != nil {
			v = string(b.Get(keyCatalogue))
		}
		return nil
	})
	return v
}

// recoverDamage turns a bbolt panic on a damaged file, deferred in a
// transaction's runner, into ErrCorrupt with the advice for the file.
func (s *Store) recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w (%v); %s", ErrCorrupt, oneLine(r), s.advice())
	}
}

// view runs fn in a read transaction, turning a bbolt panic on a damaged
// file into ErrCorrupt.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	// A damaged page can point a read past the end of the file's mapping:
	// a fault, which kills the process unless this goroutine asked for a
	// panic, recovered above as damage.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	if s.batch != nil {
		return s.named(fn(s.batch))
	}
	return s.named(s.db.View(fn))
}

// named gives a damage found inside a record (a value that does not
// decode) the file's name and the advice a damaged page gets: a user
// told only "layer embedded vendor hotjar: invalid character" does not
// know which file to move aside. A message that gives the advice already
// (with the file named around it) is left as it is: the user reads it once.
func (s *Store) named(err error) error {
	if err != nil && errors.Is(err, ErrCorrupt) && !strings.Contains(err.Error(), fresh) {
		return fmt.Errorf("%w; %s", err, s.advice())
	}
	return err
}

// update runs fn in one write transaction: all of it lands or none does.
func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	if s.readOnly {
		return ErrReadOnly
	}
	defer s.recoverDamage(&err)
	if s.batch != nil {
		return s.named(fn(s.batch))
	}
	return s.named(s.db.Update(fn))
}

// Batch runs fn with every write of s in one transaction: all of them land
// or, if fn fails, none does. An import of many files is one commit rather
// than one a file, each of which wrote the indexes it had just rewritten,
// and each derived bucket is written once, when fn returns: until then the
// imports read them through the batch's pending changes (pendingWrites).
// Only imports may run in a batch: other reads do not see those changes.
//
// In Edit's private copy the batch commits after each import instead
// (checkpoint), and between writing an import's layer and indexing it
// (recordCache.goOnFrom): nobody sees the copy before it is renamed over the
// catalogue, and a failure drops it whole, so all of it still lands or none
// does; and bbolt holds every page and value a transaction changes until
// it commits, which in one transaction was most of an import's memory.
func (s *Store) Batch(fn func() error) (err error) {
	if s.batch != nil {
		return fn()
	}
	if s.readOnly {
		return ErrReadOnly
	}
	defer s.recoverDamage(&err)
	tx, err := s.db.Begin(true)
	if err != nil {
		return err
	}
	s.batch, s.cache = tx, newRecordCache()
	s.cache.pending = newPendingWrites()
	if s.private {
		s.cache.goOn = func(collect bool) (*bolt.Tx, error) {
			err := s.commitAndGoOn(func() {}, collect)
			return s.batch, err
		}
	}
	defer func() {
		if s.batch != nil {
			s.batch.Rollback()
		}
		s.batch, s.cache = nil, nil
	}()
	if err := fn(); err != nil {
		return s.named(err)
	}
	// Nothing reads a record once the imports are done: let go of them
	// before the buckets are written, each followed by a collection that
	// would otherwise mark every record again.
	s.cache.forgetRecords()
	if err := s.cache.pending.flush(s); err != nil {
		return s.named(err)
	}
	tx, s.batch = s.batch, nil
	return s.named(tx.Commit())
}

// checkpoint commits a batch's work so far and goes on in a new
// transaction, when s is Edit's private copy (see Batch); elsewhere it does
// nothing. The derived buckets' changes stay pending until the batch ends.
func (s *Store) checkpoint() error {
	// The commit let go of the pages and values the transaction held, and
	// committed lets go of records.
	return s.commitAndGoOn(s.cache.committed, true)
}

// commitAndGoOn commits the batch's transaction, tells then (after the
// commit, before collecting, if collect) and begins the next, in Edit's
// private copy; elsewhere it does nothing.
func (s *Store) commitAndGoOn(then func(), collect bool) error {
	if s.batch == nil || !s.private {
		return nil
	}
	tx := s.batch
	s.batch = nil
	if err := tx.Commit(); err != nil {
		return err
	}
	then()
	if collect {
		// The collector set its pace while what the commit let go of
		// was live, and would let the heap grow to twice that before
		// looking again: collecting now is what keeps an import under
		// its memory goal.
		runtime.GC()
	}
	tx, err := s.db.Begin(true)
	if err != nil {
		return err
	}
	s.batch = tx
	return nil
}
