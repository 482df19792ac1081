package cli

import "github.com/vendex/vendex/data"

// appendLookupJSON appends the line of lookup --json that shows r: the
// object a json.Encoder with SetEscapeHTML(false) writes for a
// lookupResult (every key, in the struct's order), and then, as every
// --json output is, data.EscapeJSON's escapes. It is built in one buffer,
// without reflection: encoding/json was a third of a batch's CPU. A test
// holds it to encoding/json for results of every kind and awkward texts.
func appendLookupJSON(b []byte, r *lookupResult) []byte {
	start := len(b)
	b = append(b, `{"input":`...)
	b = data.AppendJSONText(b, r.Input)
	if r.Found {
		b = append(b, `,"found":true,"vendor_id":`...)
	} else {
		b = append(b, `,"found":false,"vendor_id":`...)
	}
	b = data.AppendJSONText(b, r.VendorID)
	b = append(b, `,"name":`...)
	b = data.AppendJSONText(b, r.Name)
	b = append(b, `,"category":`...)
	b = data.AppendJSONText(b, string(r.Category))
	b = append(b, `,"matched":`...)
	b = data.AppendJSONText(b, r.Matched)
	b = append(b, `,"block_before_consent":`...)
	b = data.AppendJSONText(b, string(r.Block))
	b = append(b, `,"hosted_on":`...)
	b = data.AppendJSONText(b, r.HostedOn)
	b = append(b, `,"hosted_on_id":`...)
	b = data.AppendJSONText(b, r.HostedOnID)
	b = append(b, `,"error":`...)
	b = data.AppendJSONText(b, r.Error)
	b = append(b, "}\n"...)
	// The quoted texts hold no control character below U+0020: what else
	// EscapeJSON rewrites is DEL or not ASCII, so a line without them is
	// as EscapeJSON leaves it.
	for _, c := range b[start:] {
		if c >= 0x7f {
			return append(b[:start], data.EscapeJSON(b[start:])...)
		}
	}
	return b
}
