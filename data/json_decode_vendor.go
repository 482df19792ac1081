package data

// The fields of Vendor and of the types it holds, as decodeFast reads
// them: each member's bit is its place in its struct.

// lifetime reads a lifetime's code; a number of seconds, which
// Lifetime.UnmarshalJSON also takes, is left to encoding/json.
func (r *jsonReader) lifetime() Lifetime {
	l, err := ParseLifetime(r.str())
	if err != nil {
		r.fail()
	}
	return l
}

// vendor reads one card; each member's bit is its place in Vendor.
func (r *jsonReader) vendor(v *Vendor) {
	r.object(func(name string) uint64 {
		switch name {
		case "id":
			v.ID = r.str()
			return 1 << 0
		case "name":
			v.Name = r.str()
			return 1 << 1
		case "owner":
			v.Owner = r.str()
			return 1 << 2
		case "aliases":
			v.Aliases = strs[string](r)
			return 1 << 3
		case "retired":
			v.Retired = r.str()
			return 1 << 28
		case "summary":
			v.Summary = r.str()
			return 1 << 4
		case "overview":
			v.Overview = r.str()
			return 1 << 5
		case "website":
			v.Website = r.str()
			return 1 << 6
		case "privacy_policy":
			v.PrivacyPolicy = r.str()
			return 1 << 7
		case "products":
			v.Products = strs[string](r)
			return 1 << 8
		case "industries":
			v.Industries = strs[string](r)
			return 1 << 9
		case "category":
			v.Category = Category(r.str())
			return 1 << 10
		case "categories":
			v.Categories = strs[Category](r)
			return 1 << 11
		case "domains":
			v.Domains = list(r, r.domain)
			return 1 << 12
		case "scripts":
			v.Scripts = list(r, r.script)
			return 1 << 13
		case "connections":
			v.Connections = list(r, r.connection)
			return 1 << 14
		case "data_collected":
			v.DataCollected = strs[string](r)
			return 1 << 15
		case "sets_cookies":
			v.SetsCookies = Tristate(r.str())
			return 1 << 16
		case "storage":
			v.Storage = list(r, r.storageItem)
			return 1 << 17
		case "permissions":
			v.Permissions = list(r, r.permission)
			return 1 << 18
		case "compliance":
			r.compliance(&v.Compliance)
			return 1 << 19
		case "consent_required":
			r.verdict(&v.ConsentRequired)
			return 1 << 20
		case "block_before_consent":
			r.verdict(&v.BlockBeforeConsent)
			return 1 << 21
		case "unpublished":
			v.Unpublished = strs[string](r)
			return 1 << 22
		case "faq":
			v.FAQ = list(r, r.faq)
			return 1 << 23
		case "related":
			v.Related = strs[string](r)
			return 1 << 24
		case "sources":
			v.Sources = list(r, r.source)
			return 1 << 25
		case "provenance":
			v.Provenance = list(r, r.provenance)
			return 1 << 26
		case "seen_categories":
			v.SeenCategories = strs[string](r)
			return 1 << 27
		}
		return 0
	})
}

func (r *jsonReader) domain(d *Domain) {
	r.object(func(name string) uint64 {
		switch name {
		case "host":
			d.Host = r.str()
			return 1 << 0
		case "category":
			d.Category = Category(r.str())
			return 1 << 1
		case "shared":
			d.Shared = r.boolean()
			return 1 << 2
		case "hosting":
			d.Hosting = r.boolean()
			return 1 << 3
		case "note":
			d.Note = r.str()
			return 1 << 4
		}
		return 0
	})
}

func (r *jsonReader) script(s *Script) {
	r.object(func(name string) uint64 {
		switch name {
		case "name":
			s.Name = r.str()
			return 1 << 0
		case "host":
			s.Host = r.str()
			return 1 << 1
		case "path":
			s.Path = r.str()
			return 1 << 2
		case "description":
			s.Description = r.str()
			return 1 << 3
		}
		return 0
	})
}

func (r *jsonReader) connection(c *Connection) {
	r.object(func(name string) uint64 {
		switch name {
		case "kind":
			c.Kind = r.str()
			return 1 << 0
		case "hosts":
			c.Hosts = strs[string](r)
			return 1 << 1
		case "description":
			c.Description = r.str()
			return 1 << 2
		}
		return 0
	})
}

func (r *jsonReader) storageItem(it *StorageItem) {
	r.object(func(name string) uint64 {
		switch name {
		case "kind":
			it.Kind = StorageKind(r.str())
			return 1 << 0
		case "name":
			it.Name = r.str()
			return 1 << 1
		case "party":
			it.Party = Party(r.str())
			return 1 << 2
		case "lifetime":
			it.Lifetime = r.lifetime()
			return 1 << 3
		case "purpose":
			it.Purpose = r.str()
			return 1 << 4
		case "category":
			it.Category = Category(r.str())
			return 1 << 5
		case "own_site":
			it.OwnSite = r.boolean()
			return 1 << 6
		}
		return 0
	})
}

func (r *jsonReader) permission(p *Permission) {
	r.object(func(name string) uint64 {
		switch name {
		case "name":
			p.Name = PermissionName(r.str())
			return 1 << 0
		case "when":
			p.When = r.str()
			return 1 << 1
		}
		return 0
	})
}

func (r *jsonReader) compliance(c *Compliance) {
	r.object(func(name string) uint64 {
		switch name {
		case "gdpr":
			c.GDPR = r.str()
			return 1 << 0
		case "ccpa":
			c.CCPA = r.str()
			return 1 << 1
		case "role":
			c.Role = Role(r.str())
			return 1 << 2
		case "data_residency":
			c.DataResidency = r.str()
			return 1 << 3
		case "transfers":
			c.Transfers = r.str()
			return 1 << 4
		}
		return 0
	})
}

func (r *jsonReader) verdict(v *Verdict) {
	r.object(func(name string) uint64 {
		switch name {
		case "value":
			v.Value = Answer(r.str())
			return 1 << 0
		case "reason":
			v.Reason = r.str()
			return 1 << 1
		case "advice":
			v.Advice = r.str()
			return 1 << 2
		}
		return 0
	})
}

func (r *jsonReader) faq(f *FAQ) {
	r.object(func(name string) uint64 {
		switch name {
		case "question":
			f.Question = r.str()
			return 1 << 0
		case "short":
			f.Short = Answer(r.str())
			return 1 << 1
		case "answer":
			f.Answer = r.str()
			return 1 << 2
		}
		return 0
	})
}

func (r *jsonReader) source(s *Source) {
	r.object(func(name string) uint64 {
		switch name {
		case "name":
			s.Name = r.str()
			return 1 << 0
		case "url":
			s.URL = r.str()
			return 1 << 1
		case "checked":
			s.Checked = r.str()
			return 1 << 2
		case "note":
			s.Note = r.str()
			return 1 << 3
		}
		return 0
	})
}

func (r *jsonReader) provenance(p *Provenance) {
	r.object(func(name string) uint64 {
		switch name {
		case "field":
			p.Field = r.str()
			return 1 << 0
		case "value":
			p.Value = r.str()
			return 1 << 1
		case "source":
			p.Source = r.str()
			return 1 << 2
		}
		return 0
	})
}
