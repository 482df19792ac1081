package fieldgen

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// validatePolicy is a field's validate tag, read: validate:"required" (a
// string that must not be blank), validate:"url" (an http(s) URL or
// nothing), validate:"func=checkX" (vendorCheck.checkX(v) checks the field
// instead of the walk), validate:"then=checkX" (after it),
// validate:"report=parent" (a problem is the enclosing item's, as
// "permissions[0]"), validate:"-" (nothing to check). Every named string
// type is an enum, checked by vendorCheck.check<Type>, so a new enum field
// is checked, and a new enum type does not compile until it has a check.
type validatePolicy struct {
	required, url, skip, parent bool
	fn, then                    string
}

func parseValidate(f field) (validatePolicy, error) {
	var p validatePolicy
	tag := f.tag.Get("validate")
	if tag == "" {
		return p, nil
	}
	for _, opt := range strings.Split(tag, ",") {
		name, val, _ := strings.Cut(opt, "=")
		switch {
		case name == "required":
			p.required = true
		case name == "url":
			p.url = true
		case name == "-":
			p.skip = true
		case name == "func":
			p.fn = val
		case name == "then":
			p.then = val
		case name == "report" && val == "parent":
			p.parent = true
		default:
			return p, fmt.Errorf("field %s: unknown validate option %q", f.name, opt)
		}
	}
	return p, nil
}

// validate writes vendorCheck.checkFields, the walk of every field that
// Validate makes.
func (g *gen) validate(vendor *typ) error {
	g.p("// checkFields checks v field by field, in the struct's order, as each\n")
	g.p("// field's type and validate tag say.\n")
	g.p("func (c *vendorCheck) checkFields(v *Vendor) {\n")
	var b bytes.Buffer
	if err := checkStruct(&b, vendor, "v", "", 0); err != nil {
		return err
	}
	g.buf.Write(b.Bytes())
	g.p("}\n\n")
	return nil
}

// checkStruct writes the checks of the fields of x, a struct of type t
// (a variable or a pointer to one), whose path is the expression path
// ("" at the top).
func checkStruct(b *bytes.Buffer, t *typ, x, path string, depth int) error {
	for _, f := range t.fs {
		p, err := parseValidate(f)
		if err != nil {
			return err
		}
		// A hook sees the whole record: cross-field checks live there.
		if depth > 0 && (p.fn != "" || p.then != "") {
			return fmt.Errorf("field %s: func and then are for Vendor's own fields", f.name)
		}
		if p.skip {
			continue
		}
		if p.fn != "" {
			fmt.Fprintf(b, "c.%s(v)\n", p.fn)
			continue
		}
		fpath := fmt.Sprintf("%q", f.json)
		if lit, err := strconv.Unquote(path); err == nil {
			fpath = strconv.Quote(lit + "." + f.json)
		} else if path != "" {
			fpath = fmt.Sprintf("%s+%q", path, "."+f.json)
		}
		if p.parent {
			fpath = path
		}
		if err := checkValue(b, f, p, f.t, x+"."+f.name, fpath, depth); err != nil {
			return err
		}
		if p.then != "" {
			fmt.Fprintf(b, "c.%s(v)\n", p.then)
		}
	}
	return nil
}

// checkValue writes the checks of x, of type t, the value of field f (or
// an item of it) at path.
func checkValue(b *bytes.Buffer, f field, p validatePolicy, t *typ, x, path string, depth int) error {
	switch t.kind {
	case kString:
		switch {
		case p.required:
			fmt.Fprintf(b, "c.required(%s, %s)\n", path, x)
		case p.url:
			fmt.Fprintf(b, "c.checkURL(%s, %s)\n", path, x)
		case t.name != "string" && f.omitempty:
			fmt.Fprintf(b, "if %s != \"\" {\nc.check%s(%s, %s)\n}\n", x, t.name, path, x)
		case t.name != "string":
			fmt.Fprintf(b, "c.check%s(%s, %s)\n", t.name, path, x)
		}
	case kStruct:
		return checkStruct(b, t, x, path, depth+1)
	case kSlice:
		i, el, at := fmt.Sprintf("i%d", depth), fmt.Sprintf("x%d", depth), fmt.Sprintf("at%d", depth)
		item := el
		if t.elem.kind == kStruct {
			item = x + "[" + i + "]"
		}
		f.omitempty = false // of the list, not of its items
		var body bytes.Buffer
		if err := checkValue(&body, f, p, t.elem, item, at, depth+1); err != nil {
			return err
		}
		if body.Len() == 0 {
			return nil
		}
		if t.elem.kind == kStruct {
			fmt.Fprintf(b, "for %s := range %s {\n", i, x)
		} else {
			fmt.Fprintf(b, "for %s, %s := range %s {\n", i, el, x)
		}
		fmt.Fprintf(b, "%s := index(%s, %s)\n", at, path, i)
		b.Write(body.Bytes())
		b.WriteString("}\n")
	}
	return nil
}
