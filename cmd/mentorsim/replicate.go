package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"

	"mentorsim/sim/param"
	"mentorsim/sim/replicate"
	"mentorsim/sim/study"
)

func cmdReplicate(args []string, stdout io.Writer) error {
	fs := newFlags("replicate")
	f := addSimFlags(fs, "write replications.csv (one row per replication: estimates, 95% intervals, true effects) to this directory")
	n := fs.Int("n", 100, "number of replications (replication k uses seed+k)")
	asJSON := fs.Bool("json", false, "print the summary as one JSON object")
	sc, err := f.load(fs, args)
	if err != nil {
		return err
	}
	workers, out := f.workers, f.out
	if *n < 1 {
		return bad("n: %d is not allowed; want a whole number of at least 1", *n)
	}
	bar := newProgress(*n, "replications")
	res, err := replicate.Run(sc, *n, *workers, bar.Add)
	bar.Finish()
	if err != nil {
		return err
	}
	if *out != "" {
		if err := writeFiles(*out, []outFile{{"replications.csv", func(w io.Writer) error { return replicationsCSV(w, res) }}}); err != nil {
			return err
		}
	}
	if *asJSON {
		return printReplicateJSON(stdout, res)
	}
	return printReplicate(stdout, res)
}

// replicateJSON is what `replicate -json` prints.
type replicateJSON struct {
	Seed         uint64              `json:"seed"`
	Scenario     param.Scenario      `json:"scenario"`
	Replications int                 `json:"replications"`
	Estimates    replicate.Summaries `json:"estimates"`
	Truth        replicate.Summaries `json:"truth"`
}

func printReplicateJSON(w io.Writer, res replicate.Result) error {
	b, err := json.MarshalIndent(replicateJSON{res.Scenario.Seed, res.Scenario, len(res.Estimates),
		res.Summaries(), res.TruthSummaries()}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func printReplicate(w io.Writer, res replicate.Result) error {
	sc := res.Scenario
	fmt.Fprintf(w, "mentorsim replicate: preset %s, %d studies of %s hires, seeds %d to %d\n\n",
		sc.Preset, len(res.Estimates), param.Format(sc.Params.Hires), sc.Seed, replicate.Seed(sc.Seed, len(res.Estimates)-1))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "estimand\tmean\tsd\t2.5%\t97.5%\tsignificant")
	for _, s := range res.Summaries() {
		fmt.Fprintf(tw, "%s\t%+.3f\t%.3f\t%+.3f\t%+.3f\t%.0f%%\n", s.ID, s.Mean, s.SD, s.Q025, s.Q975, 100*s.ShareSignificant)
	}
	for _, s := range res.TruthSummaries() {
		fmt.Fprintf(tw, "%s\t%+.3f\t%.3f\t%+.3f\t%+.3f\t\n", s.ID, s.Mean, s.SD, s.Q025, s.Q975)
	}
	return tw.Flush()
}

// replicationsCSV writes one row per replication in the tidy format of a
// sweep's results.csv with a single point (0) and no parameter columns:
// point, replication, seed, then each estimand's estimate and 95% interval
// (<id>, <id>.lo, <id>.hi), then the true effects; NaN is empty (NA).
func replicationsCSV(w io.Writer, res replicate.Result) error {
	c := csv.NewWriter(w)
	h := []string{"point", "replication", "seed"}
	for _, id := range study.EstimandIDs {
		h = append(h, id, id+".lo", id+".hi")
	}
	h = append(h, study.TruthIDs...)
	c.Write(h)
	f := func(v float64) string { // NaN and infinities are empty (NA), as in a sweep
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return ""
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	for k, es := range res.Estimates {
		row := []string{"0", strconv.Itoa(k), strconv.FormatUint(replicate.Seed(res.Scenario.Seed, k), 10)}
		for _, id := range study.EstimandIDs {
			e, _ := es.Get(id)
			row = append(row, f(e.Estimate), f(e.Lo), f(e.Hi))
		}
		for _, id := range study.TruthIDs {
			v := math.NaN()
			for _, t := range res.Truth[k] {
				if t.ID == id {
					v = t.X
				}
			}
			row = append(row, f(v))
		}
		c.Write(row)
	}
	c.Flush()
	return c.Error()
}
