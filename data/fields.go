package data

// Vendor's fields are walked in one place: fields_gen.go, written by
// `go generate ./data` from the struct types and their tags, holds the
// deep copy (cloneVendor), Vendor.Cleaned, Merge's field by field fill
// (merger.mergeFields), Validate's field walk (vendorCheck.checkFields)
// and the list of JSON keys (IsVendorField). A test fails when it is
// stale, and another fills every field to prove each walk keeps it.
//
// The go:generate line is in catalogue.go, ahead of gen_version's.
//
// The tags, beside `json`:
//
//	clean:"text"      CleanText keeps its newlines; other strings get CleanLine
//	merge:"..."       how a later record adds to the first (fieldgen's mergePolicy):
//	                  a string fills an empty one and a []string adds what is
//	                  missing unless the tag says otherwise; a list of structs
//	                  needs key=A+B[,fold]; func=m names a merger method
//	prov:"A+B"        each item of the list, the first record's and each one a
//	                  later record adds, is noted in Provenance with this value
//	validate:"..."    required, url, func=, then=, report=parent, - (fieldgen's
//	                  validatePolicy); every named string type is an enum checked
//	                  by vendorCheck.check<Type>
