package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"mentorsim/sim/sweep"
)

// cmdMerge joins the parts of a sharded sweep (`sweep -shard i/n`) into the
// files the whole sweep would have written.
func cmdMerge(args []string, stdout io.Writer) error {
	fs := newFlags("merge")
	out := fs.String("out", "", "directory for the merged results.csv, summary.csv and sweep.json (required)")
	// Flags and part directories may come in any order.
	var parts []string
	for rest := args; ; {
		err := fs.Parse(rest)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(os.Stderr)
			fmt.Fprintln(os.Stderr, "usage: mentorsim merge -out DIR PART_DIR...")
			fs.PrintDefaults()
			return errHelp
		}
		if err != nil {
			return badInput{err}
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
	if err := checkOutDir(*out); err != nil {
		return err
	}
	for _, name := range []string{sweepRecord, sweepJournal, sweepResults, sweepSummary} {
		if exists(filepath.Join(*out, name)) {
			return bad("out: %q already holds %s; want a new directory", *out, name)
		}
	}

	var spec sweep.Spec
	var first []byte
	n := 0
	shardOf := map[int]string{} // shard index → part
	rows := map[int][]byte{}
	for _, part := range parts {
		rec, err := os.ReadFile(filepath.Join(part, sweepRecord))
		if err != nil {
			return bad("part %q: has no readable sweep.json; want a directory written by mentorsim sweep -out", part)
		}
		if exists(filepath.Join(part, sweepJournal)) {
			return bad("part %q: is unfinished (it has a journal); finish it with mentorsim sweep -resume and the same flags", part)
		}
		s, sh, err := sweep.ParseRecord(rec)
		if err != nil {
			return bad("part %q: %v", part, err)
		}
		if sh.N == 0 {
			sh = sweep.Shard{I: 1, N: 1}
		}
		if first == nil {
			spec, first, n = s, rec, sh.N
		} else if same, field := sweep.SameSweep(first, rec); !same {
			return bad("part %q: is from a different sweep than %q (sweep.json differs in %q)", part, parts[0], field)
		}
		if sh.N != n {
			return bad("part %q: is shard %s but %q is one of %d; want the parts of one split", part, sh, parts[0], n)
		}
		if other, dup := shardOf[sh.I]; dup {
			return bad("part %q: is shard %s, as is %q; want each shard once", part, sh, other)
		}
		shardOf[sh.I] = part
		if err := readResults(filepath.Join(part, sweepResults), spec, sh, rows); err != nil {
			return bad("part %q: %v", part, err)
		}
	}
	var missing []string
	for i := 1; i <= n; i++ {
		if _, ok := shardOf[i]; !ok {
			missing = append(missing, fmt.Sprintf("%d/%d", i, n))
		}
	}
	if len(missing) > 0 {
		return bad("parts: shard %s is missing; want every shard of the split once", strings.Join(missing, ", "))
	}
	indices := spec.Indices(sweep.Shard{})
	if len(rows) != len(indices) {
		return bad("parts: hold %d of the sweep's %d tasks", len(rows), len(indices))
	}
	rec, err := spec.Record(sweep.Shard{})
	if err != nil {
		return err
	}
	extra := []outFile{{sweepRecord, func(w io.Writer) error { _, err := w.Write(rec); return err }}}
	if err := writeSweepOutputs(*out, spec, indices, rows, extra); err != nil {
		return err
	}
	sort.Strings(parts)
	fmt.Fprintf(stdout, "mentorsim merge: %d parts, %d tasks; wrote %s and %s\n", len(parts), len(indices),
		filepath.Join(*out, sweepResults), filepath.Join(*out, sweepSummary))
	return nil
}

// readResults reads a part's results.csv into rows, checking its header and
// that every row is a task of the part's shard, given once.
func readResults(path string, spec sweep.Spec, sh sweep.Shard, rows map[int][]byte) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("results.csv cannot be read (%v)", errors.Unwrap(err))
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	header, err := r.ReadBytes('\n')
	if err != nil || !bytes.Equal(header, spec.Header()) {
		return fmt.Errorf("results.csv does not start with the sweep's header")
	}
	for line := 2; ; line++ {
		row, err := r.ReadBytes('\n')
		if err == io.EOF && len(row) == 0 {
			return nil
		}
		if err != nil {
			return fmt.Errorf("results.csv line %d is incomplete", line)
		}
		parsed, err := spec.ParseRow(row)
		if err != nil {
			return fmt.Errorf("results.csv line %d: %v", line, err)
		}
		if !sh.Has(parsed.Index) {
			return fmt.Errorf("results.csv line %d: task %d is not in shard %s", line, parsed.Index, sh)
		}
		if _, dup := rows[parsed.Index]; dup {
			return fmt.Errorf("results.csv line %d: task %d is there twice", line, parsed.Index)
		}
		rows[parsed.Index] = row
	}
}
