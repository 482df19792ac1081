package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
)

// completionCommand prints a shell's completion script; the scripts ask
// `vendex __ids` for the vendor ids that show and export take.
var completionCommand = command{cmdCompletion, "completion bash|zsh|fish\n\nPrint the shell completion script: commands, and vendor ids for show and\nexport. Load it from your shell's startup file (see the README).", "vendex completion bash > ~/.local/share/bash-completion/completions/vendex", false}

// manCommand writes the man page, made from the same help text as --help.
var manCommand = command{cmdMan, "man\n\nPrint the manual page (roff), made from the same text as --help.", "vendex man > ~/.local/share/man/man1/vendex.1", true}

// hidden commands work but are not listed: __ids is for completion scripts.
var hidden = map[string]bool{"__ids": true}

// commandNames are the commands a person types, sorted.
func commandNames() []string {
	var out []string
	for _, n := range slices.Sorted(maps.Keys(commands)) {
		if !hidden[n] {
			out = append(out, n)
		}
	}
	return append(out, "help")
}

func cmdCompletion(c *cli, args []string) error {
	fs := c.flags("completion")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("completion needs a shell: bash, zsh or fish")
	}
	words := strings.Join(commandNames(), " ")
	switch pos[0] {
	case "bash":
		fmt.Fprintf(c.stdout, bashCompletion, words)
	case "zsh":
		fmt.Fprintf(c.stdout, "autoload -U +X bashcompinit && bashcompinit\n"+bashCompletion, words)
	case "fish":
		fmt.Fprintf(c.stdout, fishCompletion, words)
	default:
		return usagef("completion: no shell %s; bash, zsh or fish", data.Quote(pos[0]))
	}
	return nil
}

// The scripts find the command past the global --db and pass --db on to
// __ids, so that "vendex --db x.db show <tab>" offers x.db's vendors.
const bashCompletion = `# vendex completion for bash (and zsh, through bashcompinit)
_vendex() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="" i=1
  local -a db=()
  while [ "$i" -lt "$COMP_CWORD" ]; do
    case "${COMP_WORDS[i]}" in
      --db|-db)
        # bash splits --db=x at '=': --db, =, x
        if [ "${COMP_WORDS[i+1]}" = "=" ]; then i=$((i+1)); fi
        db=(--db "${COMP_WORDS[i+1]/#\~/$HOME}"); i=$((i+2)); continue ;;
      -*) ;;
      *) [ -z "$cmd" ] && cmd="${COMP_WORDS[i]}" ;;
    esac
    i=$((i+1))
  done
  case "$prev" in
    --db|-db|=) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [ -z "$cmd" ]; then
    COMPREPLY=($(compgen -W "%s" -- "$cur"))
    return
  fi
  case "$cmd" in
    show|export) COMPREPLY=($(compgen -W "$(vendex "${db[@]}" __ids 2>/dev/null)" -- "$cur")) ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")) ;;
    *) COMPREPLY=($(compgen -f -- "$cur")) ;;
  esac
}
complete -F _vendex vendex
`

const fishCompletion = `# vendex completion for fish
function __vendex_ids
  set -l words (commandline -opc)
  set -l db
  for i in (seq (count $words))
    if test "$words[$i]" = --db; and test $i -lt (count $words)
      set db --db $words[(math $i + 1)]
    else if string match -q -- '--db=*' $words[$i]
      set db --db (string replace -- '--db=' '' $words[$i])
    end
  end
  vendex $db __ids 2>/dev/null
end
complete -c vendex -f -n '__fish_use_subcommand' -a '%s'
complete -c vendex -f -n '__fish_seen_subcommand_from show export' -a '(__vendex_ids)'
complete -c vendex -f -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'
`

// cmdIDs lists the vendor ids, one a line, for completion scripts.
func cmdIDs(c *cli, args []string) error {
	if _, err := c.parse(c.flags("__ids"), args); err != nil {
		return err
	}
	// A completion asks in passing: it reads the file as it is and never
	// writes it (no first run, no reseed after an upgrade; the next real
	// command does those); before the first run it offers the embedded
	// catalogue's ids.
	path, err := c.dbFile()
	if err != nil {
		return err
	}
	var ids []string
	s, err := store.Open(path, store.Options{ReadOnly: true})
	switch {
	case errors.Is(err, fs.ErrNotExist):
		vs, err := data.Catalogue()
		if err != nil {
			return err
		}
		for _, v := range vs {
			ids = append(ids, v.ID)
		}
		slices.Sort(ids)
	case err != nil:
		return err
	default:
		defer s.Close()
		if ids, err = s.IDs(); err != nil {
			return err
		}
	}
	for _, id := range ids {
		fmt.Fprintln(c.stdout, id)
	}
	return nil
}

func cmdMan(c *cli, args []string) error {
	fs := c.flags("man")
	if _, err := c.parse(fs, args); err != nil {
		return err
	}
	fmt.Fprint(c.stdout, manPage())
	return nil
}

// manPage is the help text as roff: the summary and options of --help,
// then each command's own --help.
func manPage() string {
	var b strings.Builder
	b.WriteString(".TH VENDEX 1\n.SH NAME\nvendex \\- an offline catalogue of third-party web vendors\n.SH SYNOPSIS\n.B vendex\n[--db PATH] [COMMAND] [ARGS]\n")
	_, rest, _ := strings.Cut(usage, "Options:\n")
	opts, examples, _ := strings.Cut(rest, "Examples:\n")
	b.WriteString(".SH OPTIONS\n.nf\n" + roff(opts) + ".fi\n.SH COMMANDS\n")
	for _, n := range commandNames() {
		cmd, ok := commands[n]
		if !ok {
			continue
		}
		synopsis, text, _ := strings.Cut(commandUsage(n, cmd), "\n\n")
		fmt.Fprintf(&b, ".TP\n.B %s\n%s\n.br\nExample: %s\n", roff(synopsis), roff(text), roff(cmd.example))
	}
	b.WriteString(".SH EXAMPLES\n.nf\n" + roff(examples) + ".fi\n")
	return b.String()
}

// roff escapes text for roff: backslashes, and a line starting with a dot
// or a quote.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}
