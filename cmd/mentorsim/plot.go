package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"mentorsim/internal/atomicout"
	"mentorsim/internal/readlimit"
	mplot "mentorsim/plot"
	"mentorsim/sim/param"
)

const plotInputs = "daily.csv or reps.csv (run -out), replications.csv (replicate -out), summary.csv (sweep -out), power.csv (power -out), or a directory holding one"

func cmdPlot(args []string, stdout io.Writer) error {
	fs := newFlags("plot")
	in := fs.String("in", "", "input: "+plotInputs)
	out := fs.String("out", "", "figure to write: FILE.png or FILE.svg")
	kind := fs.String("kind", "", "what the input is ("+strings.Join(mplot.Kinds, ", ")+"); default: from the file's name or header")
	x := fs.String("x", "", "sweep: the swept parameter on the x axis (default the first); power: mentor_gain (default) or true_ate")
	y := fs.String("y", "", "sweep and power: the estimand drawn (default: the first in the file; power: mandatory.revenue_lift_2m)")
	optin := fs.String("optin-rate", "", "power: the opt-in rate drawn (default: the one nearest 0.5)")
	point := fs.String("point", "", "replications from a sweep's results.csv: the point drawn (default: the first)")
	width := intFlag(fs, "width", 800, "width in pixels (at 96 dpi)")
	height := intFlag(fs, "height", 500, "height in pixels (at 96 dpi)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *in == "" {
		return bad("in: is missing; want %s", plotInputs)
	}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	if format != "png" && format != "svg" {
		return bad("out: %q is not allowed; want a file name ending in .png or .svg", *out)
	}
	if *width < 100 || *width > 10000 || *height < 100 || *height > 10000 {
		return bad("width, height: %dx%d is not allowed; want whole numbers of pixels from 100 to 10000", *width, *height)
	}
	if *kind != "" && mplot.FileName[*kind] == "" {
		return bad("kind: %q is not allowed; want one of %s", *kind, strings.Join(mplot.Kinds, ", "))
	}
	opt := mplot.Options{X: *x, Y: *y, OptinRate: math.NaN(), Point: *point}
	if *optin != "" {
		v, ok := param.ParseNumber(*optin)
		if !ok || !(v > 0 && v < 1) {
			return bad("optin-rate: %q is not allowed; want a number strictly between 0 and 1", *optin)
		}
		opt.OptinRate = v
	}
	file, err := plotInputFile(*in, *kind)
	if err != nil {
		return err
	}
	records, err := readPlotCSV(file)
	if err != nil {
		return err
	}
	k := *kind
	if k == "" {
		var ok bool
		if k, ok = mplot.KindOf(file, records[0]); !ok {
			return bad("in: %s: its name and header match no mentorsim output; want %s, or -kind", file, plotInputs)
		}
	}
	p, err := mplot.Figure(k, records, opt)
	if err != nil {
		var ie *mplot.InputError
		if errors.As(err, &ie) {
			return bad("in: %s (%s): %v", file, k, err)
		}
		return err
	}
	if err := outErr(atomicout.WriteFile(*out, func(w io.Writer) error { return mplot.Write(w, p, format, *width, *height) })); err != nil {
		var ie *mplot.InputError
		if errors.As(err, &ie) {
			return bad("in: %s (%s): %v", file, k, err)
		}
		return err
	}
	_, err = fmt.Fprintf(stdout, "mentorsim plot: %s figure of %s written to %s\n", k, file, *out)
	return err
}

// plotInputFile is the file to read: in itself, or the file of the kind
// (or of the first kind found) inside directory in.
func plotInputFile(in, kind string) (string, error) {
	fi, err := os.Stat(in)
	if err != nil {
		return "", bad("in: %s: cannot be read (%v); want %s", in, errors.Unwrap(err), plotInputs)
	}
	if !fi.IsDir() {
		return in, nil
	}
	kinds := mplot.Kinds
	if kind != "" {
		kinds = []string{kind}
	}
	for _, k := range kinds {
		names := []string{mplot.FileName[k]}
		if k == mplot.Replications {
			names = append(names, "results.csv")
		}
		for _, n := range names {
			f := filepath.Join(in, n)
			if _, err := os.Stat(f); err == nil {
				return f, nil
			}
		}
	}
	return "", bad("in: %s: is a directory with no file to plot; want %s", in, plotInputs)
}

// Bounds on plot's input: far above any file mentorsim writes that is
// worth a figure, far below what would exhaust memory.
const (
	maxPlotInput = 512 << 20
	maxPlotLine  = 1 << 20
)

func readPlotCSV(file string) ([][]string, error) {
	f, err := readlimit.Open(file)
	if err != nil {
		return nil, bad("in: %s: cannot be read (%v); want %s", file, errors.Unwrap(err), plotInputs)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(readlimit.Lines(f, maxPlotInput, maxPlotLine), 1<<16))
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	var tl *readlimit.TooLarge
	if errors.As(err, &tl) {
		return nil, bad("in: %s: %v; want %s (at most %s, lines of at most %s)", file, tl, plotInputs, readlimit.Size(maxPlotInput), readlimit.Size(maxPlotLine))
	}
	if err != nil {
		return nil, bad("in: %s: is not valid CSV (%v); want %s", file, err, plotInputs)
	}
	if len(records) < 2 {
		return nil, bad("in: %s: has no data rows; want a header and at least one row of %s", file, plotInputs)
	}
	return records, nil
}
