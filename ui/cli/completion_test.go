package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A user installs the bash completion: `vendex sh<tab>` offers show, and
// `vendex show twi<tab>` offers twilio, through the hidden __ids command.
func TestBashCompletionOffersCommandsAndVendorIDs(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "completion", "bash")
	if r.code != 0 || !strings.Contains(r.stdout, "show") || !strings.Contains(r.stdout, "__ids") {
		t.Fatalf("exit %d:\n%s", r.code, r.stdout)
	}
	// Before the first run the ids are the embedded catalogue's, and a
	// completion never writes: no database appears.
	if ids := vendex(t, db, "", "__ids"); !strings.Contains(ids.stdout, "\ntwilio\n") {
		t.Errorf("__ids does not list twilio")
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("__ids created the database %s", db)
	}
	if vendex(t, db, "", "stats").code != 0 {
		t.Fatal("first run failed")
	}
	if ids := vendex(t, db, "", "__ids"); !strings.Contains(ids.stdout, "\ntwilio\n") {
		t.Errorf("__ids over the database does not list twilio")
	}
	for _, sh := range []string{"zsh", "fish"} {
		if r := vendex(t, db, "", "completion", sh); r.code != 0 || !strings.Contains(r.stdout, "__ids") {
			t.Errorf("completion %s: exit %d", sh, r.code)
		}
	}
	if r := vendex(t, db, "", "completion", "tcsh"); r.code != 2 {
		t.Errorf("completion tcsh: exit %d, want 2", r.code)
	}
	if strings.Contains(vendex(t, db, "", "--help").stdout, "__ids") {
		t.Error("--help lists the hidden __ids")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash here to run the script")
	}
	script := filepath.Join(t.TempDir(), "vendex.bash")
	os.WriteFile(script, []byte(r.stdout), 0o644)
	// The script's own function, with vendex stubbed by the ids above.
	out, err := exec.Command(bash, "-c", `vendex() { printf 'twilio\ntwitch\nhotjar\n'; }; source "$0"; COMP_WORDS=(vendex show twi); COMP_CWORD=2; _vendex; echo "${COMPREPLY[@]}"`, script).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "twilio twitch" {
		t.Errorf("show twi<tab> offers %q (%v), want twilio twitch", out, err)
	}
	// With --db before the command, the ids come from that database: the
	// stub answers only when given it.
	for _, words := range []string{"vendex --db x.db show twi", "vendex --db = x.db show twi", "vendex show --db x.db twi"} {
		n := len(strings.Fields(words)) - 1
		cmd := `vendex() { [ "$1 $2 $3" = "--db x.db __ids" ] && printf 'twilio\nhotjar\n'; }; source "$0"; COMP_WORDS=(` + words + `); COMP_CWORD=` + strconv.Itoa(n) + `; _vendex; echo "${COMPREPLY[@]}"`
		out, err := exec.Command(bash, "-c", cmd, script).CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "twilio" {
			t.Errorf("%s<tab> offers %q (%v), want twilio from x.db", words, out, err)
		}
	}
}

// The man page is the help text as roff: every command, with its example.
func TestTheManPageCarriesEveryCommandsHelp(t *testing.T) {
	r := vendex(t, tempDB(t), "", "man")
	if !strings.HasPrefix(r.stdout, ".TH VENDEX 1") {
		t.Fatalf("not a man page:\n%s", r.stdout)
	}
	for _, n := range commandNames() {
		if cmd, ok := commands[n]; ok && !strings.Contains(r.stdout, ".B "+roff(strings.SplitN(cmd.usage, "\n", 2)[0])) {
			t.Errorf("the man page lacks %s", n)
		}
	}
}
