package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"mentorsim/internal/scenarioflag"

	"mentorsim/sim/calibrate"
	"mentorsim/sim/export"
	"mentorsim/sim/jsonobj"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// calibrationHires is the population calibrate simulates unless -hires says
// otherwise: large enough that sampling noise is small against the
// tolerances, small enough for a few hundred evaluations in minutes.
const calibrationHires = 100_000

func cmdCalibrate(args []string, stdout io.Writer) error {
	fs := newFlags("calibrate")
	sf := scenarioflag.Add(fs)
	workers := addWorkers(fs)
	free := fs.String("free", "", "comma-separated parameters to fit (default: the outcome model's and the preset's opt-in channel)")
	evals := intFlag(fs, "evals", 300, "most scenarios to evaluate")
	out := fs.String("out", "", "write the fitted scenario file here (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	sc, err := sf.Load()
	if err != nil {
		return err
	}
	if !sf.Given("hires") {
		sc.Params.Hires = calibrationHires
	}
	names := calibrate.DefaultFree(sc.Preset)
	if *free != "" {
		names = strings.Split(*free, ",")
	}
	switch {
	case *out == "":
		return bad("out: no file given; want -out FILE for the fitted scenario")
	case *evals < 1:
		return bad("evals: %d is not allowed; want a whole number of at least 1", *evals)
	}
	if err := checkWorkers(*workers); err != nil {
		return err
	}
	bar := newProgress(*evals, "evaluations")
	fit, err := calibrate.Run(sc, names, *evals, *workers, func(int, float64) { bar.Add() })
	bar.Finish()
	if err != nil {
		return err
	}
	if err := writeFiles(filepath.Dir(*out), []outFile{{filepath.Base(*out), func(w io.Writer) error {
		return writeFitted(w, fit.Scenario, names)
	}}}); err != nil {
		return err
	}
	return printFit(stdout, fit, *out)
}

// writeFitted writes a scenario file holding the preset, seed and the fitted
// parameters.
func writeFitted(w io.Writer, sc param.Scenario, names []string) error {
	params, err := jsonobj.Marshal(len(names), func(i int) (string, any) {
		v, _ := sc.Params.Get(names[i])
		return names[i], v
	})
	if err != nil {
		return err
	}
	return export.JSON(w, struct {
		Preset string          `json:"preset"`
		Seed   uint64          `json:"seed"`
		Params json.RawMessage `json:"params"`
	}{sc.Preset, sc.Seed, params})
}

func printFit(w io.Writer, fit calibrate.Fit, out string) error {
	fmt.Fprintf(w, "mentorsim calibrate: preset %s, %s hires, seed %d: loss %.3f after %d evaluations; wrote %s\n\n",
		fit.Scenario.Preset, param.Format(fit.Scenario.Params.Hires), fit.Scenario.Seed, fit.Loss, fit.Evals, out)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "estimand\ttarget\tmodel\twithin")
	for _, t := range study.Targets {
		e, _ := fit.Estimates.Get(t.ID)
		within := "yes"
		if d := e.Estimate - t.Value; d > t.Tolerance || d < -t.Tolerance {
			within = "NO"
		}
		fmt.Fprintf(tw, "%s\t%+.3f ± %.2f\t%+.3f\t%s\n", t.ID, t.Value, t.Tolerance, e.Estimate, within)
	}
	return tw.Flush()
}
