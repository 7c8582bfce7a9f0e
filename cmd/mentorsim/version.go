package main

import (
	"cmp"
	"fmt"
	"io"
	"runtime/debug"
)

// cmdVersion prints what the binary was built from: the module's version,
// the commit and whether the tree had changes beside it, and Go's
// version, as the build recorded them (go build stamps a git checkout's).
func cmdVersion(args []string, stdout io.Writer) error {
	if err := parse(newFlags("version"), args); err != nil {
		return err
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		_, err := fmt.Fprintln(stdout, "mentorsim: no build information (built without module support)")
		return err
	}
	vcs := map[string]string{}
	for _, s := range info.Settings {
		vcs[s.Key] = s.Value
	}
	commit := vcs["vcs.revision"]
	switch {
	case commit == "":
		commit = "unknown (not built from a git checkout, or built with -buildvcs=false)"
	case vcs["vcs.modified"] == "true":
		commit += " with uncommitted changes"
	}
	_, err := fmt.Fprintf(stdout, "mentorsim %s\ncommit %s\ncommitted %s\n%s\n",
		info.Main.Version, commit, cmp.Or(vcs["vcs.time"], "unknown"), info.GoVersion)
	return err
}
