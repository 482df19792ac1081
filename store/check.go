package store

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/vendex/vendex/data"

	bolt "go.etcd.io/bbolt"
)

// Check walks every page of the file, as bbolt's own check does: every
// bucket's tree, every key's order, every page reachable or free. It is what
// a writer runs on its private copy before changing it, because a writer
// that copied a damaged page would build on it and rename the result over
// the user's catalogue. bbolt keeps no page checksums, so this finds damaged
// structure, not a changed byte inside a value.
func (s *Store) Check() (err error) {
	if err := s.touchEveryKey(); err != nil {
		return err
	}
	var first error
	err = s.view(func(tx *bolt.Tx) error {
		for e := range tx.Check() {
			// Drain the channel so that bbolt's goroutine ends.
			if first == nil {
				first = e
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if first != nil {
		return fmt.Errorf("%w (%s); %s", ErrCorrupt, oneLine(first), s.advice())
	}
	return nil
}

// touchEveryKey reads the first and last byte of every key and value of
// every bucket. A damaged page can say a key lies past the end of the
// file's mapping; reading it there is a fault, which kills the process
// unless the goroutine asked for a panic instead. bbolt's own check runs
// in a goroutine of its own, where nobody can ask, so every key and value
// is first read here, through view, where a fault is reported as damage.
func (s *Store) touchEveryKey() error {
	var sum byte
	touch := func(b []byte) {
		if len(b) > 0 {
			sum ^= b[0] ^ b[len(b)-1]
		}
	}
	var walk func(b *bolt.Bucket) error
	walk = func(b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			touch(k)
			if v == nil {
				if nb := b.Bucket(k); nb != nil {
					return walk(nb)
				}
			}
			touch(v)
			return nil
		})
	}
	// view reads in this goroutine with faults turned into panics, and
	// reports a recovered one as damage.
	err := s.view(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			touch(name)
			return walk(b)
		})
	})
	runtime.KeepAlive(sum) // so that the compiler keeps the reads
	return err
}

// advice is what a message about a damaged file tells the user to do.
// It names the file, for messages that have not.
func (s *Store) advice() string {
	return fmt.Sprintf("move %s aside or delete it; %s", s.Path(), fresh)
}

// adviceIt is the advice for a message that has named the file already.
const adviceIt = "move it aside or delete it; " + fresh

const fresh = "vendex will create a new one (your imports are then to be done again)"

// oneLine is what bbolt said (a panic, a check's finding) for a message of
// one line: escaped, with its newlines and runs of space made one space.
func oneLine(v any) string {
	s := strings.TrimPrefix(fmt.Sprint(v), "panic: ") // bbolt's check says so of what it recovered
	return strings.Join(strings.Fields(data.EscapeControls(s)), " ")
}
