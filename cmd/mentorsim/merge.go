package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"mentorsim/internal/atomicout"
	"mentorsim/internal/memlimit"
	"mentorsim/internal/readlimit"
	"mentorsim/internal/sweeprun"
	"mentorsim/sim/sweep"
)

// cmdMerge joins the parts of a sharded sweep (`sweep -shard i/n`) into the
// files the whole sweep would have written.
func cmdMerge(args []string, stdout io.Writer) error {
	fs := newFlags("merge")
	out := fs.String("out", "", "directory for the merged results.csv, summary.csv and sweep.json (required)")
	maxMem := memlimit.Flag(fs)
	replace := fs.Bool("replace", false, "replace -out even where it holds the merge of another sweep")
	// Flags and part directories may come in any order.
	var parts []string
	for rest := args; ; {
		err := fs.Parse(rest)
		if errors.Is(err, flag.ErrHelp) {
			return helpAsked{fs}
		}
		if err != nil {
			return badInput{flagError(fs, err)}
		}
		if fs.NArg() == 0 {
			break
		}
		parts = append(parts, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *out == "" {
		return bad("out: no directory is given; want -out DIR")
	}
	if len(parts) == 0 {
		return bad("parts: none are given; want mentorsim merge -out DIR PART_DIR...")
	}
	if err := checkOutDir("merge", *out); err != nil {
		return err
	}
	if err := mergeOutIsNew(*out, parts); err != nil {
		return err
	}

	spec, first, ps, err := sweeprun.Parts(parts)
	if err != nil {
		return err
	}
	if old, err := readlimit.ReadFile(filepath.Join(*out, sweepRecord), sweeprun.MaxRecord); err == nil && !*replace {
		if same, field := sweep.SameSweep(first, old); !same {
			return bad("out: %q holds another sweep's merge (its sweep.json differs in %q); want a new directory, the same sweep's, or -replace", *out, field)
		}
	}
	if err := memlimit.Check(fmt.Sprintf("merging %d parts of %d replications a point", len(ps), spec.Replications), sweeprun.MergeMemory(spec, len(ps)), *maxMem); err != nil {
		return badInput{err}
	}
	rec, err := spec.Record(sweep.Shard{})
	if err != nil {
		return err
	}
	err = outErr(atomicout.BuildDir(*out, ownedBy("merge"), func(create func(string) (io.Writer, error)) error {
		var w [4]io.Writer
		for k, name := range []string{sweepRecord, sweepResults, sweepSummary, sweeprun.Checksums} {
			var err error
			if w[k], err = create(name); err != nil {
				return err
			}
		}
		if _, err := w[0].Write(rec); err != nil {
			return err
		}
		return sweeprun.WriteMerged(spec, ps, w[1], w[2], w[3])
	}))
	if err != nil {
		return err
	}
	sort.Strings(parts)
	fmt.Fprintf(stdout, "mentorsim merge: %d parts, %d tasks; wrote %s and %s\n", len(parts), spec.Tasks(),
		filepath.Join(*out, sweepResults), filepath.Join(*out, sweepSummary))
	return nil
}

// mergeOutIsNew refuses an -out that is one of the parts: the merge
// would replace its own input.
func mergeOutIsNew(out string, parts []string) error {
	oi, err := os.Stat(out)
	if err != nil {
		return nil // nothing there yet
	}
	for _, p := range parts {
		if pi, err := os.Stat(p); err == nil && os.SameFile(oi, pi) {
			return bad("out: %q is also a part to merge; want a directory of its own", out)
		}
	}
	return nil
}
