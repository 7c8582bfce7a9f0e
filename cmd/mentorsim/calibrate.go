package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"mentorsim/internal/atomicout"
	"mentorsim/internal/memlimit"
	"mentorsim/internal/readlimit"
	"mentorsim/internal/scenarioflag"

	"mentorsim/sim/calibrate"
	"mentorsim/sim/export"
	"mentorsim/sim/jsonobj"
	"mentorsim/sim/param"
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
	evals := intFlag(fs, "evals", 300, "most scenarios to evaluate (a target file's evals, if it gives them, replace the default)")
	out := fs.String("out", "", "write the fitted scenario file here (required)")
	targetsFile := fs.String("targets", "", "JSON file of the targets to fit (default: the study's, docs/calibration/targets-study.json)")
	maxMem := memlimit.Flag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	sc, err := sf.Load()
	if err != nil {
		return err
	}
	ts, err := loadTargets(*targetsFile)
	if err != nil {
		return err
	}
	if !sf.Given("hires") {
		sc.Params.Hires = calibrationHires
		if ts.Hires > 0 {
			if err := sc.Params.Set("hires", float64(ts.Hires)); err != nil {
				return badInput{fmt.Errorf("targets file %s: %w", *targetsFile, err)}
			}
		}
	}
	if !flagGiven(fs, "evals") && ts.Evals > 0 {
		*evals = ts.Evals
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
	if err := outErr(atomicout.CheckWritable(*out)); err != nil { // before the fit, which may take hours
		return err
	}
	if err := checkFitOut(*out, [2]string{"targets", *targetsFile}, [2]string{"scenario", sf.Source()}); err != nil {
		return err
	}
	if err := checkWorkers(*workers); err != nil {
		return err
	}
	// An evaluation runs studies of hires, up to workers of them at once.
	if err := memlimit.Check(fmt.Sprintf("calibrating on %.0f hires with %d workers", sc.Params.Hires, *workers),
		float64(float64(*workers)*memlimit.Study(sc.Params.Hires)), *maxMem); err != nil {
		return badInput{err}
	}
	bar := newProgress(*evals+2*len(names), "evaluations")
	fit, err := calibrate.Run(sc, names, ts, *evals, *workers, func(int, float64) { bar.Add() })
	if err != nil {
		bar.Finish()
		return err
	}
	id, err := calibrate.Identify(fit, names, ts, *workers, bar.Add)
	bar.Finish()
	if err != nil {
		return err
	}
	// One file, written whole beside the others in its directory.
	if err := outErr(atomicout.WriteFile(*out, func(w io.Writer) error { return writeFitted(w, fit.Scenario, names) })); err != nil {
		return err
	}
	if err := printFit(stdout, fit, ts, *out); err != nil {
		return err
	}
	return printIdentification(stdout, id, fit.Converged)
}

// checkFitOut refuses an -out that the fitted scenario would destroy: a
// file this run reads (each input a flag's name and value), or one that
// is not a scenario file. Nothing there is fine.
func checkFitOut(out string, inputs ...[2]string) error {
	fi, err := os.Stat(out)
	if err != nil {
		return nil // nothing there: CheckWritable has refused the rest
	}
	for _, in := range inputs {
		if ii, err := os.Stat(in[1]); in[1] != "" && err == nil && os.SameFile(fi, ii) {
			return bad("out: %q is also -%s, which the fit would replace; want another file", out, in[0])
		}
	}
	if !scenarioflag.IsScenarioFile(out) {
		return bad("out: %q exists and is not a scenario file, which the fit would replace; want a new file, or a scenario file", out)
	}
	return nil
}

// maxTargetsFile bounds a target file.
const maxTargetsFile = 1 << 20

// loadTargets reads a target file, or gives the study's targets for "".
func loadTargets(path string) (calibrate.Targets, error) {
	if path == "" {
		return calibrate.StudyTargets(), nil
	}
	data, err := readlimit.ReadFile(path, maxTargetsFile)
	if err != nil {
		return calibrate.Targets{}, bad("targets: %q cannot be read (%v); want a target file (JSON, at most %s)", path, err, readlimit.Size(maxTargetsFile))
	}
	ts, err := calibrate.ParseTargets(data)
	if err != nil {
		return ts, badInput{fmt.Errorf("targets file %s: %w", path, err)}
	}
	return ts, nil
}

// flagGiven reports whether the command line set the flag.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// writeFitted writes a scenario file that reproduces the fit: the preset,
// the seed, the fitted parameters and every other one the fit assumed away
// from the preset's value (from -scenario, -set or a flag), in the table's
// order. hires, the size of the calibration's studies, is left out.
func writeFitted(w io.Writer, sc param.Scenario, free []string) error {
	base, err := param.Preset(sc.Preset)
	if err != nil {
		return err
	}
	changed := sc.Params.Diff(base)
	var names []string
	for _, n := range param.Names() {
		if n != "hires" && (slices.Contains(free, n) || slices.Contains(changed, n)) {
			names = append(names, n)
		}
	}
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

func printFit(w io.Writer, fit calibrate.Fit, ts calibrate.Targets, out string) error {
	fmt.Fprintf(w, "mentorsim calibrate: preset %s, %s hires, seed %d: loss %.3f after %d evaluations; wrote %s\n",
		fit.Scenario.Preset, param.Format(fit.Scenario.Params.Hires), fit.Scenario.Seed, fit.Loss, fit.Evals, out)
	switch {
	case !fit.Converged && fit.AtBudget:
		fmt.Fprintf(w, "NOT CONVERGED: the search stopped at its budget (-evals %d) before the loss settled; what follows is the best point found, not an optimum (more -evals, or fewer -free parameters)\n", fit.Evals)
	case !fit.Converged:
		fmt.Fprintf(w, "NOT CONVERGED: the search stopped early, after %d evaluations, before the loss settled; what follows is the best point found, not an optimum\n", fit.Evals)
	}
	fmt.Fprintf(w, "the fitted scenario leaves out the fit's size: mentorsim run -scenario %s -hires %s gives the numbers below\n\n", out, param.Format(fit.Scenario.Params.Hires))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "estimand\ttarget ± scale\tweight\tmodel\twithin")
	for _, t := range ts.Targets {
		e, _ := fit.Estimates.Get(t.ID)
		within := "yes"
		if d := e.Estimate - t.Value; d > t.Scale() || d < -t.Scale() {
			within = "NO"
		}
		fmt.Fprintf(tw, "%s\t%+.3f ± %.3f\t%g\t%+.3f\t%s\n", t.ID, t.Value, t.Scale(), t.Weight, e.Estimate, within)
	}
	return tw.Flush()
}

// printIdentification writes the local identification at the optimum:
// free parameters against targets, the weighted Jacobian's rank and
// condition number, the parameters' MSM standard errors and the Jacobian's
// normalised columns (which targets each parameter moves).
func printIdentification(w io.Writer, id calibrate.Identification, converged bool) error {
	k, m := len(id.Free), len(id.Targets)
	if !converged {
		fmt.Fprintf(w, "\nidentification at the best point found, NOT an optimum (central differences of ±5%%, common random numbers);\n"+
			"  the standard errors assume an optimum: here they only indicate:\n")
	} else {
		fmt.Fprintf(w, "\nidentification at the optimum (central differences of ±5%%, common random numbers):\n")
	}
	fmt.Fprintf(w, "  %d free parameters, %d targets: %s\n", k, m, overIdentified(k, m))
	sv := make([]string, len(id.Singular))
	for i, s := range id.Singular {
		sv[i] = fmt.Sprintf("%.3g", s)
	}
	if id.Undefined != "" {
		fmt.Fprintf(w, "  not computed: %s (a step of the differences); the fit is too close to where the study is undefined (more -hires may help)\n", id.Undefined)
		return nil
	}
	fmt.Fprintf(w, "  Jacobian (weighted, W^½·J) rank %d of %d, condition number %.3g; singular values %s\n",
		id.Rank, k, id.Cond, strings.Join(sv, ", "))
	if id.Rank < k {
		fmt.Fprintln(w, "  not locally identified: some combination of the free parameters moves no target; fix one or add a target")
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "parameter\tfitted\tSE (MSM sandwich)\tstep")
	for j, name := range id.Free {
		se := seText(id.SE[j])
		if !converged {
			se += " (no optimum: indicative only)"
		}
		if spec, _ := param.Lookup(name); id.Theta[j] <= spec.Min || id.Theta[j] >= spec.Max {
			se += " (at the end of its range: not valid)"
		}
		fmt.Fprintf(tw, "%s\t%.4g\t%s\t±%.3g\n", name, id.Theta[j], se, id.Step[j])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nwhich targets each parameter moves (columns of W^½·J normalised to length 1):")
	fmt.Fprintf(tw, "target\t%s\n", strings.Join(id.Free, "\t"))
	for i, t := range id.Targets {
		row := make([]string, k)
		for j := range k {
			row[j] = fmt.Sprintf("%+.2f", id.Moves[j][i])
		}
		fmt.Fprintf(tw, "%s\t%s\n", t.ID, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

func overIdentified(k, m int) string {
	switch {
	case m > k:
		return fmt.Sprintf("over-identified by %d", m-k)
	case m == k:
		return "exactly identified at best (the fit is not evidence for the model)"
	}
	return fmt.Sprintf("under-identified: %d more parameters than targets", k-m)
}

func seText(se float64) string {
	if math.IsNaN(se) || math.IsInf(se, 0) {
		return "not identified"
	}
	return fmt.Sprintf("%.3g", se)
}
