package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/dataset"
	"github.com/vendex/vendex/store"
)

// shownName is a file's name as a report line shows it: as it is, or
// quoted with its escape sequences, newlines and other controls written
// out (data.Quote) when it holds any, so that no name can end the line or
// reach the terminal as a command.
func shownName(name string) string {
	if data.CleanLine(name) == name {
		return name
	}
	return data.Quote(name)
}

// reportShown is how many items of each list reportText shows: an
// import that prints no more lists no more (store.ImportOptions.Listed).
const reportShown = 8

// reportText is an import's report as the import command prints it:
// counts, and the first few of each list.
func reportText(r store.ImportReport) string {
	var b strings.Builder
	src := r.Layer.Format + " " + shownName(r.Layer.File)
	if r.AlreadyImported {
		as := r.Layer.Name
		if r.File != "" && r.File != r.Layer.File {
			src, as = r.Layer.Format+" "+shownName(r.File), r.Layer.Name+" (from "+shownName(r.Layer.File)+", the same content)"
		}
		fmt.Fprintf(&b, "%s: already imported as %s on %s; nothing changed\n", src, as, r.Layer.Added.Format("2006-01-02"))
		return b.String()
	}
	verb := "imported"
	if r.DryRun {
		verb = "dry run, nothing written; would import"
	}
	records := "records"
	if r.Records == 1 {
		records = "record"
	}
	fmt.Fprintf(&b, "%s: %s %d %s as %s (%s layer)\n", src, verb, r.Records, records, r.Layer.Name, r.Layer.Kind)
	list := func(title string, n int, item func(int) string) {
		fmt.Fprintf(&b, "  %s: %d", title, n)
		for i := range min(n, reportShown) {
			fmt.Fprintf(&b, "\n    %s", data.CleanLine(item(i)))
		}
		if n > reportShown {
			fmt.Fprintf(&b, "\n    ... and %d more", n-reportShown)
		}
		b.WriteByte('\n')
	}
	changes := func(title string, n int, cs []store.Change) {
		list(title, n, func(i int) string { return cs[i].String() })
	}
	changes("new vendors", r.Added.Vendors, r.NewVendors)
	fmt.Fprintf(&b, "  joined existing vendors: %d (%s)\n", r.JoinedTotal(), joinedBy(r))
	changes("new domains", r.Added.Domains, r.NewDomains)
	changes("new cookies and storage keys", r.Added.Cookies, r.NewCookies)
	list("conflicts", len(r.Conflicts), func(i int) string { return r.Conflicts[i] })
	for _, e := range r.Earlier {
		fmt.Fprintf(&b, "  note: an earlier %s was imported on %s as %s; its facts stay beside these ('vendex forget %s' drops it)\n",
			e.File, e.Added.Format("2006-01-02"), e.Name, e.Name)
	}
	return b.String()
}

func printWarnings(w io.Writer, warns []dataset.Warning, all bool) {
	const show = 5
	for i, x := range warns {
		if i == show && !all {
			more := "warnings"
			if len(warns)-show == 1 {
				more = "warning"
			}
			fmt.Fprintf(w, "vendex: ... and %d more %s about %s (-v lists them)\n", len(warns)-show, more, data.CleanLine(x.File))
			break
		}
		fmt.Fprintf(w, "vendex: warning: %s\n", data.CleanLine(x.String()))
	}
}

func printFullReport(w io.Writer, r store.ImportReport) {
	first, _, _ := strings.Cut(reportText(r), "\n")
	fmt.Fprintln(w, first)
	if r.AlreadyImported {
		return
	}
	for _, l := range []struct {
		title string
		items []store.Change
	}{{"new vendor", r.NewVendors}, {"new domain", r.NewDomains}, {"new cookie or storage key", r.NewCookies}} {
		for _, it := range l.items {
			fmt.Fprintf(w, "  %s: %s\n", l.title, data.CleanLine(it.String()))
		}
	}
	for _, j := range r.Joins {
		fmt.Fprintf(w, "  joined: %s -> %s by %s: %s\n", data.CleanLine(j.Record), j.ID, j.How, data.CleanLine(j.Why))
	}
	for _, c := range r.Conflicts {
		fmt.Fprintf(w, "  conflict: %s\n", data.CleanLine(c))
	}
	fmt.Fprintf(w, "  joined existing vendors: %d (%s)\n", r.JoinedTotal(), joinedBy(r))
}

// joinedBy counts the joins by rule, in the order the rules are tried.
func joinedBy(r store.ImportReport) string {
	return fmt.Sprintf("by id %d, by name or alias %d, by domain %d, by privacy policy %d",
		r.Joined["id"], r.Joined["name"], r.Joined["domain"], r.Joined["privacy policy"])
}
