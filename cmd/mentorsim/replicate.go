package main

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"mentorsim/internal/atomicout"
	"mentorsim/internal/memlimit"
	"mentorsim/sim/export"
	"mentorsim/sim/param"
	"mentorsim/sim/replicate"
	"mentorsim/sim/study"
	"mentorsim/sim/sweep"
)

func cmdReplicate(args []string, stdout io.Writer) error {
	fs := newFlags("replicate")
	f := addSimFlags(fs, "write replications.csv (one row per replication: estimates, 95% intervals, true effects) and replicate.json (what -json prints: seed, scenario, spec under -spec fe, and the summaries) to this directory")
	n := intFlag(fs, "n", 100, "number of replications (replication k uses seed+k)")
	asJSON := fs.Bool("json", false, "print the summary as one JSON object")
	maxMem := memlimit.Flag(fs)
	spec := specFlag(fs)
	sc, err := f.load(fs, args)
	if err != nil {
		return err
	}
	if *n < 1 {
		return bad("n: %d is not allowed; want a whole number of at least 1", *n)
	}
	if err := checkSeeds(sc.Seed, *n); err != nil {
		return err
	}
	need := memlimit.Replications(*n, *f.workers, sc.Params.Hires)
	if err := memlimit.Check(fmt.Sprintf("replicate -n %d", *n), need, *maxMem); err != nil {
		return badInput{err}
	}
	bar := newProgress(*n, "replications")
	res, err := replicate.RunSpec(sc, *spec, *n, *f.workers, bar.Add)
	bar.Finish()
	if err != nil {
		return err
	}
	if err := f.write(
		atomicout.File{Name: "replications.csv", Write: func(w io.Writer) error { return replicationsCSV(w, res) }},
		atomicout.File{Name: "replicate.json", Write: func(w io.Writer) error { return printReplicateJSON(w, res) }},
	); err != nil {
		return err
	}
	if *asJSON {
		return printReplicateJSON(stdout, res)
	}
	return printReplicate(stdout, res)
}

// replicateJSON is what `replicate -json` prints.
type replicateJSON struct {
	Seed     uint64         `json:"seed"`
	Scenario param.Scenario `json:"scenario"`
	// Spec names how the revenue lifts were estimated, unless the default
	// (as in run's summary.json).
	Spec         string  `json:"spec,omitempty"`
	Replications int     `json:"replications"`
	ParadoxRate  float64 `json:"paradox_rate"`
	// PublishedRate is the share of studies with the published combination.
	PublishedRate float64             `json:"published_rate"`
	Estimates     replicate.Summaries `json:"estimates"`
	Truth         replicate.Summaries `json:"truth"`
}

func printReplicateJSON(w io.Writer, res replicate.Result) error {
	return export.JSON(w, replicateJSON{res.Scenario.Seed, res.Scenario, res.Spec.Recorded(), len(res.Estimates), res.ParadoxRate(),
		res.PublishedRate(), res.Summaries(), res.TruthSummaries()})
}

func printReplicate(w io.Writer, res replicate.Result) error {
	sc := res.Scenario
	n := len(res.Estimates)
	fmt.Fprintf(w, "mentorsim replicate: preset %s, %s of %s hires, seeds %d to %d%s\n\n",
		sc.Preset, plural(n, "study", "studies"), param.Format(sc.Params.Hires), sc.Seed, replicate.Seed(sc.Seed, n-1), specNote(res.Spec))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "estimand\tmean\tsd\t2.5%\t97.5%\tsignificant")
	for _, s := range res.Summaries() {
		sig := percent(s.ShareSignificant)
		if math.IsNaN(s.ShareSignificant) { // a share: its test against 0 says nothing (study.SignificanceOf)
			sig = "–"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, signed(s.Mean), unsigned(s.SD), signed(s.Q025), signed(s.Q975), sig)
	}
	for _, s := range res.TruthSummaries() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", s.ID, signed(s.Mean), unsigned(s.SD), signed(s.Q025), signed(s.Q975))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "significant: share of the studies whose 95% interval excludes 0 (– for a share, where that says nothing)")
	return printParadox(w, res)
}

// printParadox says how often the studies show the paradox and how
// precisely they pin down the effect on opt-outs.
func printParadox(w io.Writer, res replicate.Result) error {
	implied := res.Summaries().Get(study.ImpliedOptoutRevenueLift2m)
	_, err := fmt.Fprintf(w, "\nparadox rate %s (voluntary.revenue_lift_2m not significantly positive while voluntary.optin_vs_optout_revenue_2m is);\n"+
		"the published combination in %s (voluntary.revenue_lift_2m within ±%.2f of 0 and voluntary.optin_vs_optout_revenue_2m within %.2f ± %.2f);\n"+
		"implied effect on opt-outs: spread (sd across studies) %s, significant in %s\n",
		percent(res.ParadoxRate()), percent(res.PublishedRate()), replicate.PublishedLiftBand, replicate.PublishedLead, replicate.PublishedLeadBand,
		unsigned(implied.SD), percent(implied.ShareSignificant))
	return err
}

// replicationsCSV writes one row per replication in the format of a sweep's
// results.csv, as a sweep of one point (0) with no swept parameters:
// point, replication, seed, each estimand's estimate and 95% interval, then
// the true effects; NaN is empty (NA). Replication k's seed is seed+k.
func replicationsCSV(w io.Writer, res replicate.Result) error {
	spec, err := sweep.NewGrid(res.Scenario, nil, len(res.Estimates))
	if err != nil {
		return err
	}
	b := spec.Header()
	for k := range res.Estimates {
		t := sweep.Task{Index: k, Point: 0, Replication: k, Seed: replicate.Seed(res.Scenario.Seed, k)}
		b = spec.AppendRow(b, t, sweep.Result{Estimates: res.Estimates[k], Truth: res.Truth[k]})
	}
	_, err = w.Write(b)
	return err
}
