package main

import (
	"fmt"
	"io"
	"strings"

	"mentorsim/internal/memlimit"
	"mentorsim/sim/param"
	"mentorsim/sim/replicate"
	"mentorsim/sim/study"
)

func cmdTargets(args []string, stdout io.Writer) error {
	fs := newFlags("targets")
	hires := intFlag(fs, "hires", 200_000, "hires per simulated study")
	reps := intFlag(fs, "n", 1000, "studies of the study's size (603 hires) per preset for the z-scores and paradox rates")
	seed := fs.String("seed", "1", "random seed")
	workers := addWorkers(fs)
	maxMem := memlimit.Flag(fs)
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
	if *reps < 2 {
		return bad("n: %d is not allowed; want a whole number of at least 2", *reps)
	}
	need := max(memlimit.Study(float64(*hires)), memlimit.Replications(*reps, *workers, 603))
	if err := memlimit.Check(fmt.Sprintf("targets with studies of %d hires and -n %d", *hires, *reps), need, *maxMem); err != nil {
		return badInput{err}
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
	if err := measuresTable(stdout, names, ms); err != nil {
		return err
	}
	small := make([]replicate.Result, len(names))
	for i, name := range names {
		sc, _ := param.NewScenario(name)
		sc.Seed = s
		if small[i], err = replicate.Run(sc, *reps, *workers, nil); err != nil {
			return err
		}
	}
	fmt.Fprintln(stdout)
	return smallTable(stdout, names, small)
}

// smallTable writes a Markdown table of what studies of the study's own
// size (603 hires) show per preset: each published number's z-score
// against the model's sampling distribution (the number minus the mean
// over studies, over their sd), how often the paradox appears, and how
// often the published combination does.
func smallTable(w io.Writer, names []string, rs []replicate.Result) error {
	fmt.Fprintf(w, "At the study's size: %d studies of 603 hires per preset (seeds from the same seed on). Each published\n", len(rs[0].Estimates))
	fmt.Fprintln(w, "number's z-score against the model's sampling distribution (number − mean, over sd). The fitted presets")
	fmt.Fprintln(w, "chose their parameters to reach these numbers, so z-scores near 0 show that the fit did, not that the")
	fmt.Fprintln(w, "model is right; two (the opt-in rate, control retention) are assumptions, not published. Then the share")
	fmt.Fprintln(w, "of studies that show the paradox and the published combination (the numbers taken together).")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "| at 603 hires | %s |\n", strings.Join(names, " | "))
	fmt.Fprintf(w, "|---|%s\n", strings.Repeat("---|", len(names)))
	sums := make([]replicate.Summaries, len(rs))
	for i, r := range rs {
		sums[i] = r.Summaries()
	}
	for _, t := range study.Targets {
		fmt.Fprintf(w, "| z of `%s` = %.3g |", t.ID, t.Value)
		for _, ss := range sums {
			sum := ss.Get(t.ID)
			fmt.Fprintf(w, " %s |", orNA("%+.2f", (t.Value-sum.Mean)/sum.SD))
		}
		fmt.Fprintln(w)
	}
	row := func(label string, get func(i int) float64) {
		fmt.Fprintf(w, "| %s |", label)
		for i := range rs {
			fmt.Fprintf(w, " %s |", percent(get(i)))
		}
		fmt.Fprintln(w)
	}
	row("paradox: opt-in lift not significantly positive, lead significant", func(i int) float64 { return rs[i].ParadoxRate() })
	row(fmt.Sprintf("published combination: opt-in lift within ±%.2f, lead %.2f ± %.2f", replicate.PublishedLiftBand, replicate.PublishedLead, replicate.PublishedLeadBand),
		func(i int) float64 { return rs[i].PublishedRate() })
	row("mandatory two-month lift significant", func(i int) float64 { return sums[i].Get(study.MandatoryRevenueLift2m).ShareSignificant })
	return nil
}

// presetRun runs one study of the named preset and returns its estimates
// and the constraints' measures.
func presetRun(name string, seed uint64, hires, workers int) (study.Estimates, study.Measures, error) {
	sc, _ := param.NewScenario(name)
	sc.Seed = seed
	if err := sc.Params.Set("hires", float64(hires)); err != nil {
		return nil, study.Measures{}, err
	}
	st, err := study.NewWorkers(sc, workers)
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
	fmt.Fprintln(w, "The constraints on the mechanism, from the same studies: how well the latent traits and what is measured")
	fmt.Fprintln(w, "at hire predict opting in (AUC over every hire's decision if asked), how well reps judge themselves, how")
	fmt.Fprintln(w, "much of the mandatory lift lasts, and where unmentored skills end; `*` marks a value outside its bound.")
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
			fmt.Fprintf(w, " %s%s |", orNA("%.3f", get(m)), mark)
		}
		fmt.Fprintln(w)
	}
	row("AUC for opt-in: best linear index of every latent trait", fmt.Sprintf("≤ %.2f", study.MaxLatentAUC),
		func(v float64) bool { return v <= study.MaxLatentAUC }, func(m study.Measures) float64 { return m.LatentAUC })
	row("AUC for opt-in: everything measured at hire, jointly", fmt.Sprintf("≤ %.2f", study.MaxSurveyAUC),
		func(v float64) bool { return v <= study.MaxSurveyAUC }, func(m study.Measures) float64 { return m.SurveyAUC })
	row("corr(self-assessment, ability)", fmt.Sprintf("%.2f to %.2f", study.MinSelfCorr, study.MaxSelfCorr),
		func(v float64) bool { return v >= study.MinSelfCorr && v <= study.MaxSelfCorr },
		func(m study.Measures) float64 { return m.SelfAbilityCorr })
	row("mandatory lift, 6m / 2m", fmt.Sprintf("%.2f to %.2f", study.MinLastingTo6, study.MaxLastingTo6),
		func(v float64) bool { return v >= study.MinLastingTo6 && v <= study.MaxLastingTo6 },
		func(m study.Measures) float64 { return m.Lift6mOver2m })
	row("reps a mentor lifts above the floor", "0", func(v float64) bool { return v == 0 },
		func(m study.Measures) float64 { return float64(m.AboveFloor) })
	row(fmt.Sprintf("crowding of unmentored skills within %.1f sd below the floor", study.PileUpBand), fmt.Sprintf("≤ %.1f", study.MaxPileUp),
		func(v float64) bool { return v <= study.MaxPileUp }, func(m study.Measures) float64 { return m.PileUp })
	row("not bounded: AUC of the mentor's gain for opt-in (< 0.5: those who would gain least opt in)", "none", func(float64) bool { return true },
		func(m study.Measures) float64 { return m.GainAUC })
	row(fmt.Sprintf("not bounded: share of opt-ins a mentor would add ≥ %.1f sd of skill", study.GainWorthNaming), "none", func(float64) bool { return true },
		func(m study.Measures) float64 { return m.OptinsWhoGain })
	row("not bounded: share of the advice-seeking propensity's variance from peer access (unmeasured)", "none", func(float64) bool { return true },
		func(m study.Measures) float64 { return m.PeerPart })
	row("prediction: mandatory retention lift at 3m", "none", func(float64) bool { return true },
		func(m study.Measures) float64 { return m.MandatoryRetention3m })
	return nil
}

// targetsTable writes a Markdown table of each target beside each preset's
// estimate, marking those outside the tolerance.
func targetsTable(w io.Writer, names []string, cols []study.Estimates, hires int, seed uint64) error {
	fmt.Fprintf(w, "Estimates of one simulated study of %d hires (seed %d) per preset, from `mentorsim targets`;\n", hires, seed)
	fmt.Fprintln(w, "`*` marks a value outside the band a preset that reproduces the study must fall in. `advice`, `insecure`")
	fmt.Fprintln(w, "and `overconfident` are fitted to the study; `rational` and `random` are the contrasts, meant to miss.")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "| estimand | sources | band | %s |\n", strings.Join(names, " | "))
	fmt.Fprintf(w, "|---|---|---|%s\n", strings.Repeat("---|", len(names)))
	for _, t := range study.Targets {
		fmt.Fprintf(w, "| `%s` | %s | %.3g to %.3g |", t.ID, t.Study, t.Value-t.Tolerance, t.Value+t.Tolerance)
		for _, es := range cols {
			e, _ := es.Get(t.ID)
			mark := ""
			if d := e.Estimate - t.Value; d > t.Tolerance || d < -t.Tolerance {
				mark = "*"
			}
			fmt.Fprintf(w, " %s%s |", orNA("%.3f", e.Estimate), mark)
		}
		fmt.Fprintln(w)
	}
	return nil
}
