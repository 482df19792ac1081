// Command dbhash prints a hash of every value in a vendex database, bucket
// by bucket and in all, with the times layers were added blanked: two
// databases that hold the same catalogue print the same lines whatever
// their pages look like and whenever their files were imported. Used by
// .ci/same-import.sh to hold a change of the import path to the
// catalogue it wrote before.
package main

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"os"
	"regexp"

	bolt "go.etcd.io/bbolt"
)

var added = regexp.MustCompile(`"added":"[^"]*"`)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: dbhash FILE.db")
		os.Exit(2)
	}
	db, err := bolt.Open(os.Args[1], 0o444, &bolt.Options{ReadOnly: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "dbhash:", err)
		os.Exit(1)
	}
	defer db.Close()
	all := sha256.New()
	n := 0
	var walk func(prefix string, b *bolt.Bucket, hs ...hash.Hash) error
	walk = func(prefix string, b *bolt.Bucket, hs ...hash.Hash) error {
		return b.ForEach(func(k, v []byte) error {
			if v == nil {
				return walk(prefix+string(k)+"/", b.Bucket(k), hs...)
			}
			if string(k) == "info" {
				v = added.ReplaceAll(v, []byte(`"added":"X"`))
			}
			n++
			for _, h := range hs {
				fmt.Fprintf(h, "%s%s=%s\n", prefix, k, v)
			}
			return nil
		})
	}
	err = db.View(func(tx *bolt.Tx) error {
		// Buckets in key order, as bbolt keeps them.
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			h := sha256.New()
			if err := walk(string(name)+"/", b, h, all); err != nil {
				return err
			}
			fmt.Printf("%-12s %x\n", name, h.Sum(nil)[:8])
			return nil
		})
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "dbhash:", err)
		os.Exit(1)
	}
	fmt.Printf("ALL %x (%d values)\n", all.Sum(nil)[:12], n)
}
