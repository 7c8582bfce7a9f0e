package main

import (
	"errors"
	"slices"

	"mentorsim/internal/atomicout"
)

// outputNames are the files mentorsim writes in an output directory; a
// directory holding only these is an earlier output, replaced as a whole.
var outputNames = []string{"summary.json", "reps.csv", "daily.csv", "days.csv", "panel.csv", "replications.csv",
	"power.csv", "mde.csv", sweepRecord, sweepResults, sweepSummary, "results.sha256"}

func isOutputName(name string) bool { return slices.Contains(outputNames, name) }

// checkOutDir fails early, before any simulation, if dir cannot be an
// output directory.
func checkOutDir(dir string) error {
	if dir == "" {
		return nil
	}
	return outErr(atomicout.CheckDir(dir, isOutputName))
}

// writeFiles writes the files as directory dir, whole or not at all,
// replacing an earlier output there as a whole (package atomicout).
func writeFiles(dir string, files []atomicout.File) error {
	return outErr(atomicout.WriteDir(dir, files, isOutputName))
}

// outErr makes a refusal of what is at an output's path bad input.
func outErr(err error) error {
	var ae *atomicout.Error
	if errors.As(err, &ae) {
		return bad("out: %v", err)
	}
	return err
}
