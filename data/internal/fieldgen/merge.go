package fieldgen

import (
	"fmt"
	"slices"
	"strings"
)

// mergePolicy is a field's merge tag, read: merge:"key=Host+Path,fold",
// merge:"func=mergeAliases,after=Categories", merge:"whole,when=Value",
// merge:"keep" (the first record's value stands, even empty), merge:"-"
// (Merge itself writes the field).
type mergePolicy struct {
	keep, skip, whole, fold bool
	fn, when, after         string
	key                     []string
}

func parseMerge(f field) (mergePolicy, error) {
	var p mergePolicy
	tag := f.tag.Get("merge")
	if tag == "" {
		return p, nil
	}
	for _, opt := range strings.Split(tag, ",") {
		name, val, _ := strings.Cut(opt, "=")
		switch name {
		case "keep":
			p.keep = true
		case "-":
			p.skip = true
		case "whole":
			p.whole = true
		case "fold":
			p.fold = true
		case "func":
			p.fn = val
		case "when":
			p.when = val
		case "after":
			p.after = val
		case "key":
			p.key = strings.Split(val, "+")
		default:
			return p, fmt.Errorf("field %s: unknown merge option %q", f.name, opt)
		}
	}
	if p.whole && p.when == "" {
		return p, fmt.Errorf("field %s: merge:\"whole\" needs when=FIELD, the field that says the value is empty", f.name)
	}
	return p, nil
}

// merge writes merger.mergeFields, which fills a merged record from a
// later one, field by field, in the struct's order (or after the field a
// tag names), and the key look-ups of the lists merged by key.
func (g *gen) merge(vendor *typ) error {
	type step struct {
		f field
		p mergePolicy
	}
	var steps []step
	for _, f := range vendor.fs {
		p, err := parseMerge(f)
		if err != nil {
			return err
		}
		steps = append(steps, step{f, p})
	}
	// Move each step with after=X to just after X's.
	for _, s := range slices.Clone(steps) {
		if s.p.after == "" {
			continue
		}
		i := slices.IndexFunc(steps, func(o step) bool { return o.f.name == s.f.name })
		steps = slices.Delete(steps, i, i+1)
		j := slices.IndexFunc(steps, func(o step) bool { return o.f.name == s.p.after })
		if j < 0 {
			return fmt.Errorf("field %s: merge after=%s: no such field", s.f.name, s.p.after)
		}
		steps = slices.Insert(steps, j+1, s)
	}
	var helpers []func()
	g.p("// mergeFields fills out from v, a later record than out's first: each\n")
	g.p("// field as its merge tag says, a string only where out's is empty, a list\n")
	g.p("// by adding the items out lacks.\n")
	g.p("func (m *merger) mergeFields(out, v *Vendor, src string) {\n")
	for _, s := range steps {
		h, err := g.mergeField(s.f, s.p, "out."+s.f.name, "v."+s.f.name)
		if err != nil {
			return err
		}
		if h != nil {
			helpers = append(helpers, h)
		}
	}
	g.p("}\n\n")
	for _, h := range helpers {
		h()
	}
	g.p("// noteLists notes every item of each list with a prov tag.\n")
	g.p("func (m *merger) noteLists(v *Vendor, src string) {\n")
	for _, f := range vendor.fs {
		if prov := f.tag.Get("prov"); prov != "" {
			g.p("for _, x := range v.%s {\nm.note(%q, %s, src)\n}\n", f.name, f.json, provExpr(prov))
		}
	}
	g.p("}\n\n")
	// dropLists reads the same tags, so that a list noted is a list that
	// DropTraced can give back to its source.
	g.p("// dropLists takes out of v each item of a list with a prov tag whose\n")
	g.p("// noted value theirs says is another source's.\n")
	g.p("func dropLists(v *Vendor, theirs func(field, value string) bool) {\n")
	for _, f := range vendor.fs {
		if prov := f.tag.Get("prov"); prov != "" {
			g.p("v.%s = slices.DeleteFunc(v.%s, func(x %s) bool { return theirs(%q, %s) })\n", f.name, f.name, f.t.elem.name, f.json, provExpr(prov))
		}
	}
	g.p("}\n\n")
	return nil
}

// provExpr is the value a prov tag notes of an item x: "x.Host+x.Path".
func provExpr(prov string) string {
	return "x." + strings.ReplaceAll(prov, "+", "+x.")
}

// mergeField writes the merge of one field, dst from src, and returns the
// writer of a helper it calls, if any.
func (g *gen) mergeField(f field, p mergePolicy, dst, src string) (func(), error) {
	switch {
	case p.keep:
		g.p("// %s: the first record's stands.\n", f.name)
		return nil, nil
	case p.skip:
		g.p("// %s: Merge writes it.\n", f.name)
		return nil, nil
	case p.fn != "":
		g.p("m.%s(out, v, src)\n", p.fn)
		return nil, nil
	case p.whole:
		g.p("if %s.%s == \"\" {\n%s = %s\n}\n", dst, p.when, dst, src)
		return nil, nil
	case len(p.key) > 0:
		return g.mergeByKey(f, p, dst, src)
	}
	switch {
	case f.t.kind == kString:
		g.p("if %s == \"\" {\n%s = %s\n}\n", dst, dst, src)
	case f.t.kind == kSlice && f.t.elem.name == "string":
		g.p("%s = addStrings(%s, %s)\n", dst, dst, src)
	case f.t.kind == kStruct:
		for _, sf := range f.t.fs {
			sp, err := parseMerge(sf)
			if err != nil {
				return nil, err
			}
			if sp.fn != "" || sp.after != "" {
				return nil, fmt.Errorf("field %s.%s: func and after are for Vendor's own fields", f.name, sf.name)
			}
			if _, err := g.mergeField(sf, sp, dst+"."+sf.name, src+"."+sf.name); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fmt.Errorf("field %s (%s): say how to merge it with a merge tag (key=, func=, whole,when=, keep)", f.name, f.t.name)
	}
	return nil, nil
}

// mergeByKey writes the addition of the items of a list that dst lacks, by
// key, with a provenance note if the field has a prov tag.
func (g *gen) mergeByKey(f field, p mergePolicy, dst, src string) (func(), error) {
	if f.t.kind != kSlice || f.t.elem.kind != kStruct {
		return nil, fmt.Errorf("field %s: merge key= is for a list of structs", f.name)
	}
	el := f.t.elem
	for _, k := range p.key {
		if !hasStringField(el, k) {
			return nil, fmt.Errorf("field %s: key %s is not a string field of %s", f.name, k, el.name)
		}
	}
	var prov string
	if prov = f.tag.Get("prov"); prov != "" {
		for _, k := range strings.Split(prov, "+") {
			if !hasStringField(el, k) {
				return nil, fmt.Errorf("field %s: prov %s is not a string field of %s", f.name, k, el.name)
			}
		}
	}
	has, add := "has"+f.name+"Key", "add"+f.name
	g.p("m.%s(&%s, %s, src)\n", add, dst, src)
	return func() {
		var conds, keyOf []string
		for _, k := range p.key {
			a, b := "x."+k, "y."+k
			if el.fieldType(k).name != "string" {
				a, b = "string("+a+")", "string("+b+")"
			}
			keyOf = append(keyOf, a)
			if p.fold {
				conds = append(conds, fmt.Sprintf("strings.EqualFold(%s, %s)", a, b))
			} else {
				conds = append(conds, fmt.Sprintf("x.%s == y.%s", k, k))
			}
		}
		note := ""
		if prov != "" {
			note = fmt.Sprintf("m.note(%q, %s, src)\n", f.json, provExpr(prov))
		}
		g.p("// %s adds the items of xs that *list lacks by %s.\n", add, strings.Join(p.key, " and "))
		g.p("func (m *merger) %s(list *[]%s, xs []%s, src string) {\n", add, el.name, el.name)
		if !p.fold {
			// Past mergeMapFrom comparisons, a map finds the repeats:
			// Google's merged record has thousands of storage items.
			key := fmt.Sprintf("[%d]string{%s}", len(keyOf), strings.Join(keyOf, ", "))
			g.p("if len(*list)*len(xs) > mergeMapFrom {\n")
			g.p("seen := make(map[[%d]string]bool, len(*list)+len(xs))\n", len(keyOf))
			g.p("for _, x := range *list {\nseen[%s] = true\n}\n", key)
			g.p("for _, x := range xs {\nif k := %s; !seen[k] {\nseen[k] = true\n*list = append(*list, x)\n%s}\n}\nreturn\n}\n", key, note)
		}
		g.p("for _, x := range xs {\nif !%s(*list, x) {\n*list = append(*list, x)\n%s}\n}\n}\n\n", has, note)
		g.p("// %s reports whether list has an item of x's %s.\n", has, strings.Join(p.key, " and "))
		g.p("func %s(list []%s, x %s) bool {\nfor _, y := range list {\nif %s {\nreturn true\n}\n}\nreturn false\n}\n\n",
			has, el.name, el.name, strings.Join(conds, " && "))
	}, nil
}

func hasStringField(t *typ, name string) bool {
	ft := t.fieldType(name)
	return ft != nil && ft.kind == kString
}

func (t *typ) fieldType(name string) *typ {
	for _, f := range t.fs {
		if f.name == name {
			return f.t
		}
	}
	return nil
}
