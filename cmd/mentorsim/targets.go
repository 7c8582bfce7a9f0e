package main

import (
	"fmt"
	"io"
	"strings"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

func cmdTargets(args []string, stdout io.Writer) error {
	fs := newFlags("targets")
	hires := intFlag(fs, "hires", 200_000, "hires per simulated study")
	seed := fs.String("seed", "1", "random seed")
	workers := addWorkers(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := param.ParseSeed(*seed)
	if err != nil {
		return err
	}
	if err := checkWorkers(*workers); err != nil {
		return err
	}
	names := param.PresetNames()
	cols := make([]study.Estimates, len(names))
	ms := make([]study.Measures, len(names))
	for i, name := range names {
		if cols[i], ms[i], err = presetRun(name, s, *hires, *workers); err != nil {
			return err
		}
	}
	if err := targetsTable(stdout, names, cols, *hires, s); err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	return measuresTable(stdout, names, ms)
}

// presetRun runs one study of the named preset and returns its estimates
// and the constraints' measures.
func presetRun(name string, seed uint64, hires, workers int) (study.Estimates, study.Measures, error) {
	sc, _ := param.NewScenario(name)
	sc.Seed = seed
	if err := sc.Params.Set("hires", float64(hires)); err != nil {
		return nil, study.Measures{}, err
	}
	st, err := study.New(sc)
	if err != nil {
		return nil, study.Measures{}, err
	}
	st.RunToEnd(workers)
	es := st.Estimates()
	return es, st.Measure(es), nil
}

// measuresTable writes a Markdown table of the constraints' measures per
// preset (docs/model.md, section 9), marking those outside their bounds.
func measuresTable(w io.Writer, names []string, ms []study.Measures) error {
	fmt.Fprintln(w, "The constraints on the mechanism, from the same studies: how well each latent trait and each measure")
	fmt.Fprintln(w, "taken at hire predicts opting in (AUC over every hire's decision if asked), how well reps judge")
	fmt.Fprintln(w, "themselves, and how much of the mandatory lift lasts; `*` marks a value outside its bound.")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "| measure | bound | %s |\n", strings.Join(names, " | "))
	fmt.Fprintf(w, "|---|---|%s\n", strings.Repeat("---|", len(names)))
	row := func(label, bound string, ok func(float64) bool, get func(study.Measures) float64) {
		fmt.Fprintf(w, "| %s | %s |", label, bound)
		for _, m := range ms {
			mark := ""
			if v := get(m); !ok(v) {
				mark = "*"
			}
			fmt.Fprintf(w, " %.3f%s |", get(m), mark)
		}
		fmt.Fprintln(w)
	}
	for k, name := range study.MeasureNames() {
		bound := study.MaxTraitAUC
		if k >= len(study.TraitNames) {
			bound = study.MaxSurveyAUC
		}
		row(fmt.Sprintf("AUC of `%s`", name), fmt.Sprintf("≤ %.2f", bound), func(v float64) bool { return v <= bound },
			func(m study.Measures) float64 { return m.AUC[k] })
	}
	row("corr(self-assessment, ability)", fmt.Sprintf("%.2f to %.2f", study.MinSelfCorr, study.MaxSelfCorr),
		func(v float64) bool { return v >= study.MinSelfCorr && v <= study.MaxSelfCorr },
		func(m study.Measures) float64 { return m.SelfAbilityCorr })
	row("mandatory lift, 6m / 2m", fmt.Sprintf("%.2f to %.2f", study.MinLastingTo6, study.MaxLastingTo6),
		func(v float64) bool { return v >= study.MinLastingTo6 && v <= study.MaxLastingTo6 },
		func(m study.Measures) float64 { return m.Lift6mOver2m })
	row("prediction: mandatory retention lift at 3m", "none", func(float64) bool { return true },
		func(m study.Measures) float64 { return m.MandatoryRetention3m })
	return nil
}

// targetsTable writes a Markdown table of each target beside each preset's
// estimate, marking those outside the tolerance.
func targetsTable(w io.Writer, names []string, cols []study.Estimates, hires int, seed uint64) error {
	fmt.Fprintf(w, "Estimates of one simulated study of %d hires (seed %d) per preset, from `mentorsim targets`;\n", hires, seed)
	fmt.Fprintln(w, "`*` marks a value outside the target's tolerance. `rational` and `random` are meant to miss; the misses of")
	fmt.Fprintln(w, "`study`, `insecure` and `overconfident` are the price of the constraints in the second table (docs/calibration.md).")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "| estimand | study | target ± tolerance | %s |\n", strings.Join(names, " | "))
	fmt.Fprintf(w, "|---|---|---|%s\n", strings.Repeat("---|", len(names)))
	for _, t := range study.Targets {
		fmt.Fprintf(w, "| `%s` | %s | %.2f ± %.2f |", t.ID, t.Study, t.Value, t.Tolerance)
		for _, es := range cols {
			e, _ := es.Get(t.ID)
			mark := ""
			if d := e.Estimate - t.Value; d > t.Tolerance || d < -t.Tolerance {
				mark = "*"
			}
			fmt.Fprintf(w, " %.3f%s |", e.Estimate, mark)
		}
		fmt.Fprintln(w)
	}
	return nil
}
