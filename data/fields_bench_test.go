package data

import "testing"

// BenchmarkFieldWalks times what runs once per record on hot paths: an
// import merges and clones every vendor, the browser cleans every card.
func BenchmarkFieldWalks(b *testing.B) {
	vs, err := Catalogue()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("clone", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			_ = cloneVendor(vs[i%len(vs)])
		}
	})
	b.Run("Cleaned", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			_ = vs[i%len(vs)].Cleaned()
		}
	})
	b.Run("Merge", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			// A record over another vendor's: every list grows, every
			// empty field fills.
			_ = Merge([]SourcedVendor{{Source: "user:a.json", Vendor: vs[i%len(vs)]}, {Source: EmbeddedSource, Vendor: vs[(i+1)%len(vs)]}})
		}
	})
}
