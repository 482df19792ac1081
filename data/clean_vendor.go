package data

// Vendor.Cleaned is generated, in fields_gen.go, from Vendor's clean tags.

func mapStrings(ss []string, f func(string) string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}
