package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"text/tabwriter"

	"mentorsim/internal/atomicout"
	"mentorsim/internal/memlimit"
	"mentorsim/sim/export"
	"mentorsim/sim/model"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

func cmdRun(args []string, stdout io.Writer) error {
	fs := newFlags("run")
	f := addSimFlags(fs, "write summary.json, reps.csv, daily.csv (and days.csv and the rep-day panel.csv up to 10,000 hires) to this directory")
	asJSON := fs.Bool("json", false, "print the summary as one JSON object")
	spec := specFlag(fs)
	maxMem := memlimit.Flag(fs)
	sc, err := f.load(fs, args)
	if err != nil {
		return err
	}
	if err := memlimit.Check(fmt.Sprintf("a study of %.0f hires", sc.Params.Hires), memlimit.Study(sc.Params.Hires), *maxMem); err != nil {
		return badInput{err}
	}
	s, err := study.NewWorkers(sc, *f.workers)
	if err != nil {
		return err
	}
	s.RunToEnd(*f.workers)
	sum := s.SummarySpec(*spec)
	if *f.out != "" && len(s.Reps) > export.MaxDaysHires {
		fmt.Fprintf(os.Stderr, "mentorsim run: note: days.csv and panel.csv (a row per rep-day) are written up to %s hires; this run has %s\n",
			param.Format(export.MaxDaysHires), param.Format(float64(len(s.Reps))))
	}
	if err := f.write(runFiles(s, sum)...); err != nil {
		return err
	}
	if *asJSON {
		return export.JSON(stdout, sum)
	}
	return printRun(stdout, s, sum, *spec)
}

// runFiles are the files `run -out` writes.
func runFiles(s *study.Study, sum study.Summary) []atomicout.File {
	files := []atomicout.File{
		{Name: "summary.json", Write: func(w io.Writer) error { return export.JSON(w, sum) }},
		{Name: "reps.csv", Write: func(w io.Writer) error { return export.RepsCSV(w, s) }},
		{Name: "daily.csv", Write: func(w io.Writer) error { return export.DailyCSV(w, s) }},
	}
	if len(s.Reps) <= export.MaxDaysHires {
		files = append(files, atomicout.File{Name: "days.csv", Write: func(w io.Writer) error { return export.DaysCSV(w, s) }},
			atomicout.File{Name: "panel.csv", Write: func(w io.Writer) error { return export.PanelCSV(w, s) }})
	}
	return files
}

// printRun writes a readable summary of a finished study.
func printRun(w io.Writer, s *study.Study, sum study.Summary, spec study.Spec) error {
	fmt.Fprintf(w, "mentorsim run: preset %s, seed %d, %d hires followed for %d days%s\n",
		sum.Scenario.Preset, sum.Seed, len(s.Reps), int(s.Scenario.Params.Horizon), specNote(spec))
	fmt.Fprint(w, param.ContrastLine(sum.Scenario.Preset))
	for _, a := range sum.Arms {
		fmt.Fprintf(w, "  %-20s %6.0f reps\n", a.ID, a.X)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "estimand\testimate\t95% interval\tstudy")
	for _, e := range sum.Estimates {
		t, _ := study.TargetFor(e.ID)
		interval := "[" + signed(e.Lo) + ", " + signed(e.Hi) + "]"
		if math.IsNaN(e.Estimate.Estimate) {
			interval = "(does not apply or no data)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.ID, signed(e.Estimate.Estimate), interval, t.Study)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\ntrue effects of a mentor (revenue lift, days 0-%d), known only to a simulation:\n", model.TruthWindow-1)
	for _, v := range sum.Truth {
		fmt.Fprintf(w, "  %-18s %s\n", v.ID, signed(v.X))
	}
	if s.Scenario.Params.Policy != 0 {
		o := s.Outcomes()
		fmt.Fprintf(w, "\npolicy %s, per hire: %.0f%% mentored, revenue $%.0f, mentor cost $%.0f, net $%.0f; retained %.0f%% at 3 months, %.0f%% at 6\n",
			o.Policy, 100*o.MentoredShare, o.RevenuePerHire, o.MentorCost, o.NetPerHire, 100*o.Retention3m, 100*o.Retention6m)
	}
	_, err := fmt.Fprintf(w, "\nwindows are tenure days [0,%d) for 1m, [0,%d) 2m, [0,%d) 3m, [0,%d) 6m\n%s\n",
		model.Month1, model.Month2, model.Month3, model.Month6, intervalsNote)
	return err
}

// intervalsNote says where each interval's method is written down: they
// are not all of one kind.
const intervalsNote = "95% intervals: Wald (estimate ± 1.96 SE) but the opt-in rate's (Wilson), the retention lifts' (Wald on the log ratio) and control.retention_3m's (clipped to [0, 1]); docs/model.md 7.8 gives each SE"

// signed formats an estimate with its sign, or "n/a" where it is undefined.
func signed(x float64) string { return orNA("%+.3f", x) }

// unsigned formats a spread (an SD), or "n/a" where it is undefined.
func unsigned(x float64) string { return orNA("%.3f", x) }

// percent formats a share as a whole percentage, or "n/a" where it is
// undefined.
func percent(x float64) string { return orNA("%.0f%%", 100*x) }

// plural is "1 study" or "n studies".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func orNA(format string, x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return fmt.Sprintf(format, x)
}
