package store

import (
	"errors"
	"fmt"
	"strings"
)

// ErrAmbiguous is wrapped when a name given to Forget matches more than one
// import.
var ErrAmbiguous = errors.New("matches more than one source")

// MinHashPrefix is the fewest hex digits of a layer's hash that name it,
// as git takes four of a commit's: fewer would too easily name one by
// chance, and a prefix two layers share is refused as ambiguous.
const MinHashPrefix = 4

// Forget removes one import or user layer, and so everything it added and
// nothing else. source is the layer's name, its file's name, its kind
// (user, import), its format (or the start of its name up to the hash,
// import:ocd-csv), or the start of its hash (at least MinHashPrefix hex
// digits): what 'vendex sources' shows. One that names several layers is
// refused, naming them. The embedded catalogue cannot be
// forgotten.
func (s *Store) Forget(source string) (LayerInfo, error) {
	layers, err := s.Layers()
	if err != nil {
		return LayerInfo{}, err
	}
	var match []LayerInfo
	for _, li := range layers {
		if li.Name == source {
			match = []LayerInfo{li}
			break
		}
		if li.Kind != KindEmbedded && (li.File == source || strings.EqualFold(string(li.Kind), source) || strings.EqualFold(li.Format, source) || (strings.Contains(source, ":") && strings.HasPrefix(li.Name, source+":")) ||
			(len(source) >= MinHashPrefix && strings.HasPrefix(li.Hash, strings.ToLower(source)))) {
			match = append(match, li)
		}
	}
	switch {
	case len(match) == 0 && len(source) < MinHashPrefix && isHex(source):
		return LayerInfo{}, fmt.Errorf("source %q: %w: the start of a hash needs at least %d hex digits (vendex sources lists the layers)", source, ErrNotFound, MinHashPrefix)
	case len(match) == 0:
		return LayerInfo{}, fmt.Errorf("source %q: %w: give a layer's name, its file's name, its kind, its format or the start of its hash, as vendex sources lists them%s", source, ErrNotFound, forgettable(layers))
	case len(match) > 1:
		var names []string
		for _, m := range match {
			names = append(names, m.Name)
		}
		return LayerInfo{}, fmt.Errorf("source %q %w: %s; give the layer's name", source, ErrAmbiguous, strings.Join(names, ", "))
	case match[0].Kind == KindEmbedded:
		return LayerInfo{}, fmt.Errorf("source %q is the embedded catalogue, which cannot be forgotten", source)
	}
	if err := s.DeleteLayer(match[0].Name); err != nil {
		return LayerInfo{}, err
	}
	return match[0], nil
}

// forgettable names the layers forget could remove, for a message: "
// (there are none)", or "; there are: a, b" (at most five, then how
// many more).
func forgettable(layers []LayerInfo) string {
	var names []string
	for _, li := range layers {
		if li.Kind != KindEmbedded {
			names = append(names, li.Name)
		}
	}
	switch {
	case len(names) == 0:
		return " (there are none besides the embedded catalogue)"
	case len(names) > 5:
		return "; there are " + strings.Join(names[:5], ", ") + fmt.Sprintf(" and %d more", len(names)-5)
	}
	return "; there are " + strings.Join(names, ", ")
}

func isHex(s string) bool {
	return s != "" && strings.Trim(strings.ToLower(s), "0123456789abcdef") == ""
}
