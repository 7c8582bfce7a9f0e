package main

import (
	"fmt"
	"io"
	"strings"

	"mentorsim/sim/calibrate"
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
	for i, name := range names {
		sc, _ := param.NewScenario(name)
		sc.Seed = s
		if err := sc.Params.Set("hires", float64(*hires)); err != nil {
			return err
		}
		if _, cols[i], err = calibrate.Evaluate(sc, *workers); err != nil {
			return err
		}
	}
	return targetsTable(stdout, names, cols, *hires, s)
}

// targetsTable writes a Markdown table of each target beside each preset's
// estimate, marking those outside the tolerance.
func targetsTable(w io.Writer, names []string, cols []study.Estimates, hires int, seed uint64) error {
	fmt.Fprintf(w, "Estimates of one simulated study of %d hires (seed %d) per preset, from `mentorsim targets`;\n", hires, seed)
	fmt.Fprintln(w, "`*` marks a value outside the target's tolerance (only `rational` and `random` are meant to miss).")
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
