// Command teamin is the smallest Bubble Tea program that shows a list:
// the floor .ci/bench-all.sh holds the browser's start-up against. It
// reads names (one a line) from the file given, shows as many as fit with
// a count line, and quits on ctrl+c or esc.
package main

import (
	"fmt"
	"os"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

type model struct {
	names  []string
	height int
}

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.height = msg.Height
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC || msg.Type == tea.KeyEsc {
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m model) View() string {
	rows := m.names[:min(len(m.names), max(0, m.height-1))]
	return fmt.Sprintf("%d of %d\n", len(rows), len(m.names)) + strings.Join(rows, "\n")
}

func main() {
	b, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	names := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if _, err := tea.NewProgram(model{names: names}, tea.WithAltScreen()).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
