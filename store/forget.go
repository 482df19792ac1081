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
// nothing else. source is the layer's name, its file's name, or the start
// of its hash (at least MinHashPrefix hex digits). The embedded catalogue
// cannot be forgotten.
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
		if li.Kind != KindEmbedded && (li.File == source || (len(source) >= MinHashPrefix && strings.HasPrefix(li.Hash, strings.ToLower(source)))) {
			match = append(match, li)
		}
	}
	switch {
	case len(match) == 0 && len(source) < MinHashPrefix && isHex(source):
		return LayerInfo{}, fmt.Errorf("source %q: %w: the start of a hash needs at least %d hex digits (vendex sources lists the layers)", source, ErrNotFound, MinHashPrefix)
	case len(match) == 0:
		return LayerInfo{}, fmt.Errorf("source %q: %w: give a layer's name, its file's name or the start of its hash, as vendex sources lists them", source, ErrNotFound)
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

func isHex(s string) bool {
	return s != "" && strings.Trim(strings.ToLower(s), "0123456789abcdef") == ""
}
