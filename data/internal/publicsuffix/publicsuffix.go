// Package publicsuffix answers from the Public Suffix List
// (https://publicsuffix.org) which part of a host name anyone may register
// under. It gives golang.org/x/net/publicsuffix's answers (a test compares
// them over every rule of the list) without importing that package, which
// imports net/http/cookiejar and so links package net, whose cgo resolver
// made every vendex process a dynamically linked, slower-starting one. Its
// table is static data: nothing is built when a process starts.
package publicsuffix

//go:generate go run gen.go -revision d6c92f1bbb7433e5db7b8405c25d4035fb8ff376

import (
	"errors"
	"net/netip"
	"strings"
	"sync"
)

// The flags of a node, as gen.go writes them.
const (
	typeMask      = 3
	typeNormal    = 0
	typeException = 1
	flagWildcard  = 1 << 2
	flagICANN     = 1 << 3
)

// PublicSuffix is domain's public suffix (co.uk for www.example.co.uk) and
// whether ICANN manages it; an unlisted top-level domain is its own suffix.
// domain must be lower-case ASCII without a trailing dot; an IP address is
// its own suffix.
func PublicSuffix(domain string) (publicSuffix string, icann bool) {
	// An address ends in a digit (IPv4) or holds a colon (IPv6): only
	// then is it parsed, as a failed parse allocates its error and this
	// runs for every host a search indexes.
	if n := len(domain); n > 0 && ('0' <= domain[n-1] && domain[n-1] <= '9' || strings.IndexByte(domain, ':') >= 0) {
		if _, err := netip.ParseAddr(domain); err == nil {
			return domain, false
		}
	}
	// Walk the labels from the right while the list knows the suffix, as
	// x/net walks its tree: suffix is where the public suffix starts.
	s, suffix, icannNode, wildcard := domain, len(domain), false, false
walk:
	for {
		dot := strings.LastIndexByte(s, '.')
		if wildcard {
			icann = icannNode
			suffix = 1 + dot
		}
		f, ok := find(domain[1+dot:])
		if !ok {
			break
		}
		icannNode = f&flagICANN != 0
		switch f & typeMask {
		case typeNormal:
			suffix = 1 + dot
		case typeException:
			suffix = 1 + len(s)
			break walk
		}
		wildcard = f&flagWildcard != 0
		if !wildcard {
			icann = icannNode
		}
		if dot == -1 {
			break
		}
		s = s[:dot]
	}
	if suffix == len(domain) {
		// No rule matches: the rule "*" does.
		return domain[1+strings.LastIndexByte(domain, '.'):], icann
	}
	return domain[suffix:], icann
}

// EffectiveTLDPlusOne is domain's registrable domain: its public suffix
// and one label more (example.co.uk for www.example.co.uk).
func EffectiveTLDPlusOne(domain string) (string, error) {
	if strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return "", errors.New("publicsuffix: a domain with an empty label")
	}
	suffix, _ := PublicSuffix(domain)
	if len(domain) <= len(suffix) {
		return "", errors.New("publicsuffix: the domain is a public suffix")
	}
	i := len(domain) - len(suffix) - 1
	if domain[i] != '.' {
		return "", errors.New("publicsuffix: the suffix is not a whole label")
	}
	return domain[1+strings.LastIndexByte(domain[:i], '.'):], nil
}

// find is the flags of the node for suffix, by binary search over the
// sorted nodes.
func find(suffix string) (uint32, bool) {
	lo, hi := 0, len(nodes)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		x := nodes[mid]
		off, n := x>>12, x>>4&0xff
		switch strings.Compare(text[off:off+n], suffix) {
		case -1:
			lo = mid + 1
		case 0:
			return x & 0xf, true
		default:
			hi = mid
		}
	}
	return 0, false
}

// privateReach holds, once PrivateReaches first needs it, every name that
// is, or sits above, a node of the list outside its ICANN section (bit 1),
// those of such nodes that are wildcards (bit 2), and the nodes themselves
// (bit 4).
var privateReach struct {
	once sync.Once
	m    map[string]uint8
}

// PrivateReaches reports whether the public suffix of a name below domain
// may be one of the list's private section (not ICANN's) that is domain or
// lies below it. When it is false, such a name's public suffix is ICANN's
// or shorter than domain, which spares a caller walking up many names
// under one domain a PublicSuffix call each. The first call builds a
// table of the list's private names (a fraction of a millisecond), so it
// is for callers that ask many times.
func PrivateReaches(domain string) bool {
	m := privateReachTable()
	if m[domain]&1 != 0 {
		return true
	}
	// A wildcard's suffix is one label more than its node: *.x.example
	// makes a.x.example the suffix of b.a.x.example.
	i := strings.IndexByte(domain, '.')
	return i >= 0 && m[domain[i+1:]]&2 != 0
}

// MayBeBelowPrivate reports whether a domain above host may be a public
// suffix of the list's private section: one of its nodes, or a name a
// private wildcard makes one. False rules it out; PublicSuffix says for
// sure (an exception rule may undo a wildcard). It walks down from the
// top-level domain, a map lookup a label, and stops at the first domain
// no private name lies at or below (com, then example.com): most hosts
// cost one or two. It shares PrivateReaches's table, for callers that ask
// many times.
func MayBeBelowPrivate(host string) bool {
	m := privateReachTable()
	var above uint8 // the table's bits for the domain above d
	for end := len(host); ; {
		i := strings.LastIndexByte(host[:end], '.')
		if i < 0 {
			return false // host itself, which is not above itself
		}
		d := host[i+1:]
		v := m[d]
		switch {
		case v&4 != 0 || above&2 != 0:
			return true
		case v&1 == 0:
			return false // no private name at or below d
		}
		above, end = v, i
	}
}

// privateReachTable is privateReach's table, built on the first call.
func privateReachTable() map[string]uint8 {
	privateReach.once.Do(func() {
		m := map[string]uint8{}
		for _, x := range nodes {
			if x&flagICANN != 0 {
				continue
			}
			off, n := x>>12, x>>4&0xff
			s := text[off : off+n]
			if x&flagWildcard != 0 {
				m[s] |= 2
			}
			m[s] |= 4
			for {
				m[s] |= 1
				i := strings.IndexByte(s, '.')
				if i < 0 {
					break
				}
				s = s[i+1:]
			}
		}
		privateReach.m = m
	})
	return privateReach.m
}
