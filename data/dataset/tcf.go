package dataset

import "github.com/vendex/vendex/data"

// tcfPurposeCategory maps IAB TCF purpose ids onto our categories. A vendor
// (or a disclosed storage item) takes the first of these, in this order,
// that it declares: advertising purposes (2, 3, 4) -> marketing; content
// personalisation (5, 6, 11) -> personalisation; measurement and research
// (7, 8, 9) -> analytics; developing products (10) -> functional. Purpose
// 1, storing or reading information on a device, gives none: the IAB's
// device storage disclosure spec has it say only that the storage needs
// the ePrivacy Directive's consent, not what it is for, so an item (or a
// vendor) declaring it alone is left to its vendor's category, not called
// functional (an ad vendor's storage is not).
var tcfPurposeCategory = []struct {
	purposes []int
	category data.Category
}{
	{[]int{2, 3, 4}, data.Marketing},
	{[]int{5, 6, 11}, data.Personalisation},
	{[]int{7, 8, 9}, data.Analytics},
	{[]int{10}, data.Functional},
}

var tcfPurposeNames = map[int]string{
	1: "store and/or access information on a device", 2: "use limited data to select advertising",
	3: "create profiles for personalised advertising", 4: "use profiles to select personalised advertising",
	5: "create profiles to personalise content", 6: "use profiles to select personalised content",
	7: "measure advertising performance", 8: "measure content performance",
	9: "understand audiences", 10: "develop and improve services", 11: "use limited data to select content",
}

func tcfCategory(purposes ...[]int) data.Category {
	for _, row := range tcfPurposeCategory {
		for _, ps := range purposes {
			for _, p := range ps {
				for _, want := range row.purposes {
					if p == want {
						return row.category
					}
				}
			}
		}
	}
	return ""
}
