package ui

import (
	"errors"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
)

// Catalog is what the browser needs from the store; a *store.Store is one,
// and tests pass a fake. The list is built from briefs (the first screen's
// from the few EachBrief does not skip); a card is read whole only when it
// is opened.
type Catalog interface {
	Briefs() ([]data.Brief, error)
	EachBrief(skip func(encoded []byte) bool, fn func(data.Brief)) error
	Get(id string) (data.Vendor, error)
	ByDomain(data.Target) (store.DomainMatch, error)
}

// ErrorText says what a store error means for the person at the terminal.
func ErrorText(err error) string {
	switch {
	case errors.Is(err, store.ErrLocked):
		return "The catalogue is locked by another vendex that is writing to it; try again in a moment."
	case errors.Is(err, store.ErrNewerSchema), errors.Is(err, store.ErrNewerCatalogue):
		return "The catalogue was written by a newer vendex; upgrade vendex to read it."
	case errors.Is(err, store.ErrNotFound):
		return "Not in the catalogue."
	}
	return "Could not read the catalogue: " + data.CleanLine(err.Error())
}

// The store is a Catalog.
var _ Catalog = (*store.Store)(nil)
