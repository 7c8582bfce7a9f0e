package main

import (
	"strings"
	"testing"
)

// Every command has its summary, usage line and what it does in one
// place (commands), and -h prints them.
func TestEveryCommandHasItsUsage(t *testing.T) {
	for name, c := range commands {
		if c.summary == "" || c.usage == "" || c.long == "" {
			t.Errorf("command %s: summary %q, usage %q, long %q", name, c.summary, c.usage, c.long)
		}
	}
}

// Asking for help succeeds and prints the list (or, with a command, its
// flags); no command at all is a usage error.
func TestHelpExitsZero(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		if code, stdout, _ := cli(t, args...); code != 0 || !strings.Contains(stdout, "replicate") {
			t.Errorf("%v: exit %d, stdout %q", args, code, stdout)
		}
	}
	for _, args := range [][]string{{"help", "help"}, {"help", "-h"}, {"-h", "run"}} {
		if code, stdout, _ := cli(t, args...); code != 0 || !strings.Contains(stdout, "replicate") {
			t.Errorf("%v: exit %d, stdout %q", args, code, stdout)
		}
	}
	// A command's help is output: its usage and flags go to stdout, so
	// that it can be paged or searched.
	for _, args := range [][]string{{"help", "sweep"}, {"sweep", "-h"}, {"help", "class", "export"}, {"merge", "-h"}} {
		code, stdout, stderr := cli(t, args...)
		if code != 0 || !strings.HasPrefix(stdout, "usage: mentorsim ") || !strings.Contains(stdout, "\nflags:\n  -") || stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	if code, _, stderr := cli(t, "help", "nope"); code != 2 || !strings.Contains(stderr, `"nope" is unknown`) {
		t.Errorf("help nope: exit %d, %q", code, stderr)
	}
	if code, _, stderr := cli(t); code != 2 || !strings.Contains(stderr, "usage: mentorsim <command>") {
		t.Errorf("no command: exit %d, stderr %q", code, stderr)
	}
}

// Every class subcommand has its usage line for -h.
func TestClassSubcommandsHaveUsage(t *testing.T) {
	for name, c := range classSubcommands {
		if !strings.HasPrefix(c.usage, "class "+name) || c.long == "" {
			t.Errorf("class %s: usage %q, %q", name, c.usage, c.long)
		}
	}
}
