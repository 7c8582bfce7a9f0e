package main

import (
	"errors"
	"slices"

	"mentorsim/internal/atomicout"
	"mentorsim/internal/sweeprun"
)

// outputNames are the files each command writes in its -out directory. A
// directory holding only a command's own files is that command's earlier
// output, which it replaces as a whole; any other file, another command's
// output included, makes it refuse the directory. (sweep keeps its own
// directory: internal/sweeprun.)
var outputNames = map[string][]string{
	"run":       {"summary.json", "reps.csv", "daily.csv", "days.csv", "panel.csv"},
	"replicate": {"replications.csv", "replicate.json"},
	"power":     {"power.csv", "mde.csv", "power.json"},
	"merge":     {sweepRecord, sweepResults, sweepSummary, sweeprun.Checksums},
}

// ownedBy reports whether a file name is one of command's outputs.
func ownedBy(command string) func(name string) bool {
	return func(name string) bool { return slices.Contains(outputNames[command], name) }
}

// checkOutDir fails early, before any simulation, if dir cannot be
// command's output directory.
func checkOutDir(command, dir string) error {
	return outErr(atomicout.CheckDir(dir, ownedBy(command)))
}

// writeFiles writes the files as command's output directory dir, whole or
// not at all, replacing its earlier output there as a whole (package
// atomicout).
func writeFiles(command, dir string, files []atomicout.File) error {
	return outErr(atomicout.WriteDir(dir, files, ownedBy(command)))
}

// outErr makes a refusal of what is at an output's path bad input.
func outErr(err error) error {
	var ae *atomicout.Error
	if errors.As(err, &ae) {
		return bad("out: %v", err)
	}
	return err
}
