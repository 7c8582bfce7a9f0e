package main

import "testing"

// Every command has its summary, usage line and what it does in one
// place (commands), and -h prints them.
func TestEveryCommandHasItsUsage(t *testing.T) {
	for name, c := range commands {
		if c.summary == "" || c.usage == "" || c.long == "" || c.run == nil {
			t.Errorf("command %s: summary %q, usage %q, long %q", name, c.summary, c.usage, c.long)
		}
	}
}
