package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"mentorsim/internal/atomicout"
	"mentorsim/internal/memlimit"
	"mentorsim/sim/export"
	"mentorsim/sim/param"
	"mentorsim/sim/power"
	"mentorsim/sim/replicate"
	"mentorsim/sim/study"
)

func cmdPower(args []string, stdout io.Writer) error {
	fs := newFlags("power")
	f := addSimFlags(fs, "write power.csv, mde.csv and power.json (what -json prints: scenario, design, all of it) to this directory")
	hiresList := fs.String("hires-list", "300,603,1200,2400", "numbers of hires to try, comma-separated")
	optinRates := fs.String("optin-rates", "0.3,0.5,0.7", "opt-in rates to try (optin_base, or roy_cost under the Roy model, is set to reach each), comma-separated")
	gains := fs.String("gains", "0,0.25,0.5,1", "effect sizes (mentor_gain: with mentor_gain_pow 1, the share of the gap to mentor_floor closed) to try, comma-separated, increasing")
	reps := intFlag(fs, "replications", 200, "replications per design point (replication k uses seed+k)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	maxMem := memlimit.Flag(fs)
	sc, err := f.load(fs, args)
	if err != nil {
		return err
	}
	cfg := power.Config{Scenario: sc, Replications: *reps}
	if cfg.Hires, err = pwParseInts("hires-list", *hiresList, 2, 10_000_000); err != nil {
		return err
	}
	if cfg.OptinRates, err = pwParseFloats("optin-rates", *optinRates, "numbers strictly between 0 and 1",
		func(x float64) bool { return x > 0 && x < 1 }); err != nil {
		return err
	}
	gs, _ := param.Lookup("mentor_gain")
	if cfg.Gains, err = pwParseFloats("gains", *gains, fmt.Sprintf("increasing numbers in [%v, %v]", gs.Min, gs.Max),
		func(x float64) bool { return x >= gs.Min && x <= gs.Max }); err != nil {
		return err
	}
	for i := 1; i < len(cfg.Gains); i++ {
		if cfg.Gains[i] <= cfg.Gains[i-1] {
			return bad("gains: %q is not allowed; want increasing numbers, comma-separated", *gains)
		}
	}
	if *reps < 2 {
		return bad("replications: %d is not allowed; want a whole number of at least 2", *reps)
	}
	if err := checkSeeds(sc.Seed, *reps); err != nil {
		return err
	}
	hires := sc.Params.Hires
	for _, h := range cfg.Hires {
		hires = max(hires, float64(h))
	}
	need := memlimit.Replications(*reps, *f.workers, hires)
	if err := memlimit.Check(fmt.Sprintf("power -replications %d", *reps), need, *maxMem); err != nil {
		return badInput{err}
	}
	if _, err := cfg.Intercepts(); err != nil {
		return bad("optin-rates: %v", err)
	}
	bar := newProgress(cfg.Studies(), "studies")
	res, err := power.Run(cfg, *f.workers, bar.Add)
	bar.Finish()
	if err != nil {
		return err
	}
	if err := f.write(
		atomicout.File{Name: "power.csv", Write: func(w io.Writer) error { return powerCSV(w, res) }},
		atomicout.File{Name: "mde.csv", Write: func(w io.Writer) error { return mdeCSV(w, res) }},
		atomicout.File{Name: "power.json", Write: func(w io.Writer) error { return powerJSON(w, res) }},
	); err != nil {
		return err
	}
	if *asJSON {
		return powerJSON(stdout, res)
	}
	return printPower(stdout, res)
}

func pwParseInts(name, s string, lo, hi int) ([]int, error) {
	var xs []int
	for _, f := range strings.Split(s, ",") {
		x, ok := param.ParseNumber(strings.TrimSpace(f))
		v := int(x)
		if !ok || x != math.Trunc(x) || x < float64(lo) || x > float64(hi) {
			return nil, bad("%s: %q is not allowed; want whole numbers from %d to %d, comma-separated", name, s, lo, hi)
		}
		if slices.Contains(xs, v) { // a design point twice would be a row twice
			return nil, bad("%s: %q gives %d twice; want each value once", name, s, v)
		}
		xs = append(xs, v)
	}
	return xs, nil
}

func pwParseFloats(name, s, allowed string, ok func(float64) bool) ([]float64, error) {
	var xs []float64
	for _, f := range strings.Split(s, ",") {
		v, isNum := param.ParseNumber(strings.TrimSpace(f))
		if !isNum || !ok(v) {
			return nil, bad("%s: %q is not allowed; want %s, comma-separated", name, s, allowed)
		}
		if slices.Contains(xs, v) {
			return nil, bad("%s: %q gives %s twice; want each value once", name, s, param.Format(v))
		}
		xs = append(xs, v)
	}
	return xs, nil
}

// shortNames are the key estimands' column heads in the readable table.
var shortNames = map[study.ID]string{
	study.MandatoryRevenueLift2m:     "mand.revenue",
	study.VoluntaryRevenueLift2m:     "vol.revenue",
	study.MandatoryRetentionLift1m:   "mand.retention",
	study.OptinVsOptoutRevenue2m:     "optin-vs-optout",
	study.ImpliedOptoutRevenueLift2m: "implied-optout",
	study.ImpliedATTMinusATU2m:       "att-minus-atu",
}

func printPower(w io.Writer, res power.Result) error {
	cfg := res.Config
	fmt.Fprintf(w, "mentorsim power: preset %s, %d replications per design point, seeds %d to %d\n",
		cfg.Scenario.Preset, cfg.Replications, cfg.Scenario.Seed, replicate.Seed(cfg.Scenario.Seed, cfg.Replications-1))
	fmt.Fprintf(w, "power = share of replications significant at 5%%; true ATE = truth.ate, the revenue lift over days 0-41 for all reps\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "hires\topt-in\t%s\tmentor_gain\ttrue ATE\t", power.InterceptParam(&cfg.Scenario.Params))
	for _, id := range power.KeyEstimands {
		fmt.Fprintf(tw, "%s\t", shortNames[id])
	}
	fmt.Fprintln(tw)
	for _, c := range res.Cells {
		fmt.Fprintf(tw, "%d\t%s\t%+.3f\t%.2f\t%s\t", c.Hires, orNA("%.2f", c.OptinRate), c.Set, c.Gain, signed(c.ATE))
		for _, p := range c.Power {
			fmt.Fprintf(tw, "%s\t", percent(p))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nminimum detectable true effect (ATE) at %.0f%% power, interpolated across mentor_gain %s\n",
		100*power.Level, pwJoinFloats(cfg.Gains))
	fmt.Fprintf(w, "(≤: already detected at the smallest gain, e.g. selection on levels or retention through belonging)\n\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "hires\topt-in\t")
	for _, id := range power.KeyEstimands {
		fmt.Fprintf(tw, "%s\t", shortNames[id])
	}
	fmt.Fprintln(tw)
	for _, m := range res.MDEs {
		fmt.Fprintf(tw, "%d\t%.2f\t", m.Hires, m.OptinRate)
		for k, x := range m.ATE {
			t := pwMDEText(x)
			if m.AtMost[k] {
				t = "≤ " + t
			}
			fmt.Fprintf(tw, "%s\t", t)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	d := res.Design
	fmt.Fprintf(w, "\nWould a study of %d reps have seen this? The scenario as given (mentor_gain %s, %s %s, opt-in rate %.2f, true ATE %+.3f), %d replications:\n",
		d.Hires, param.Format(d.Gain), power.InterceptParam(&cfg.Scenario.Params), param.Format(d.Set), power.OptinShare(cfg.Scenario.Params, power.OptinSample), d.ATE, d.Replications)
	for k, id := range power.KeyEstimands {
		verdict := "no: it would usually miss it"
		switch p := d.Power[k]; {
		case math.IsNaN(p):
			verdict = "cannot tell: the estimate is undefined in every study"
		case p >= power.Level:
			verdict = "yes"
		case p >= 0.5:
			verdict = "more often than not, but below 80% power"
		case p >= 0.2:
			verdict = "only sometimes"
		}
		fmt.Fprintf(w, "  %-38s mean estimate %s, significant in %4s of studies: %s\n", id, signed(d.Mean[k]), percent(d.Power[k]), verdict)
	}
	return nil
}

func pwMDEText(x float64) string {
	if math.IsNaN(x) {
		return "not reached"
	}
	return fmt.Sprintf("%+.3f", x)
}

func pwJoinFloats(xs []float64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = param.Format(x)
	}
	return strings.Join(s, ", ")
}

// powerCSV writes one row per design point of the grid.
func powerCSV(w io.Writer, res power.Result) error {
	c := csv.NewWriter(w)
	h := []string{"hires", "optin_rate", power.InterceptParam(&res.Config.Scenario.Params), "mentor_gain", "true_ate", "replications"}
	for _, id := range power.KeyEstimands {
		h = append(h, string(id)+".mean", string(id)+".power")
	}
	c.Write(h)
	for _, cell := range res.Cells {
		row := []string{strconv.Itoa(cell.Hires), pwFtoa(cell.OptinRate), pwFtoa(cell.Set), pwFtoa(cell.Gain),
			pwFtoa(cell.ATE), strconv.Itoa(cell.Replications)}
		for k := range power.KeyEstimands {
			row = append(row, pwFtoa(cell.Mean[k]), pwFtoa(cell.Power[k]))
		}
		c.Write(row)
	}
	c.Flush()
	return c.Error()
}

// mdeCSV writes one row per (hires, opt-in rate): the minimum detectable
// true effect of each key estimand, empty (NA) where not reached, and
// whether it is only a bound (1: power already reached 80% at the
// smallest gain, so the MDE is at most that gain's effect; the text's ≤).
func mdeCSV(w io.Writer, res power.Result) error {
	c := csv.NewWriter(w)
	h := []string{"hires", "optin_rate"}
	for _, id := range power.KeyEstimands {
		h = append(h, string(id)+".mde", string(id)+".mde_at_most")
	}
	c.Write(h)
	for _, m := range res.MDEs {
		row := []string{strconv.Itoa(m.Hires), pwFtoa(m.OptinRate)}
		for k, x := range m.ATE {
			row = append(row, pwFtoa(x), map[bool]string{false: "0", true: "1"}[m.AtMost[k]])
		}
		c.Write(row)
	}
	c.Flush()
	return c.Error()
}

// pwFtoa is v in its shortest exact form, empty (NA) if not finite.
func pwFtoa(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// nullable is v, or nil (JSON null) if it is not finite.
func pwNullable(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

type powerCellJSON struct {
	Hires        int                 `json:"hires"`
	OptinRate    *float64            `json:"optin_rate"`
	OptinBase    *float64            `json:"optin_base,omitempty"` // one of these two: the parameter set to reach the rate
	RoyCost      *float64            `json:"roy_cost,omitempty"`
	MentorGain   float64             `json:"mentor_gain"`
	TrueATE      *float64            `json:"true_ate"`
	Replications int                 `json:"replications"`
	Mean         map[string]*float64 `json:"mean"`
	Power        map[string]*float64 `json:"power"`
}

type powerMDEJSON struct {
	Hires     int                 `json:"hires"`
	OptinRate float64             `json:"optin_rate"`
	MDE       map[string]*float64 `json:"mde"`
	// AtMost lists the estimands whose MDE is only a bound: power already
	// reached 80% at the smallest gain.
	AtMost []study.ID `json:"mde_at_most"`
}

func cellJSON(c power.Cell, p *param.Params) powerCellJSON {
	j := powerCellJSON{Hires: c.Hires, OptinRate: pwNullable(c.OptinRate), MentorGain: c.Gain, TrueATE: pwNullable(c.ATE),
		Replications: c.Replications, Mean: map[string]*float64{}, Power: map[string]*float64{}}
	if set := c.Set; power.InterceptParam(p) == "roy_cost" {
		j.RoyCost = &set
	} else {
		j.OptinBase = &set
	}
	for k, id := range power.KeyEstimands {
		j.Mean[string(id)], j.Power[string(id)] = pwNullable(c.Mean[k]), pwNullable(c.Power[k])
	}
	return j
}

func powerJSON(w io.Writer, res power.Result) error {
	v := struct {
		Scenario     param.Scenario  `json:"scenario"`
		Replications int             `json:"replications"`
		Level        float64         `json:"level"`
		Estimands    []study.ID      `json:"estimands"`
		Cells        []powerCellJSON `json:"cells"`
		MDE          []powerMDEJSON  `json:"mde"`
		Design       powerCellJSON   `json:"design"`
	}{Scenario: res.Config.Scenario, Replications: res.Config.Replications, Level: power.Level,
		Estimands: power.KeyEstimands, Design: cellJSON(res.Design, &res.Config.Scenario.Params)}
	for _, c := range res.Cells {
		v.Cells = append(v.Cells, cellJSON(c, &res.Config.Scenario.Params))
	}
	for _, m := range res.MDEs {
		j := powerMDEJSON{m.Hires, m.OptinRate, map[string]*float64{}, []study.ID{}}
		for k, id := range power.KeyEstimands {
			j.MDE[string(id)] = pwNullable(m.ATE[k])
			if m.AtMost[k] {
				j.AtMost = append(j.AtMost, id)
			}
		}
		v.MDE = append(v.MDE, j)
	}
	return export.JSON(w, v)
}
