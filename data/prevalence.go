package data

import "sync"

// PrevalenceRank is the place of the catalogue's vendor id among the most
// requested (1 for the most; prevalenceOrder, from HTTP Archive's host
// counts), or 0 when it is not among them: an imported vendor, or a
// catalogue vendor few sites load. A search lists the vendors a company
// name starts by it, so that "google" lists Google Analytics, Tag Manager
// and Fonts before Google Pay. The table is built on the first call.
func PrevalenceRank(id string) int {
	prevalence.once.Do(func() {
		prevalence.rank = make(map[string]int, len(prevalenceOrder))
		for i, id := range prevalenceOrder {
			prevalence.rank[id] = i + 1
		}
	})
	return prevalence.rank[id]
}

var prevalence struct {
	once sync.Once
	rank map[string]int
}
