package main

import (
	"fmt"
	"io"

	"mentorsim/internal/memlimit"
	"mentorsim/sim/export"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// policiesHires is the default number of hires per policy: enough for
// revenue per hire to be known to within about 1% (the policies share their
// reps, so their differences are known much better).
const policiesHires = 20_000

func cmdPolicies(args []string, stdout io.Writer) error {
	fs := newFlags("policies")
	f := addSimFlags(fs, "")
	asJSON := fs.Bool("json", false, "print the outcomes as one JSON object")
	maxMem := memlimit.Flag(fs)
	sc, err := f.load(fs, args)
	if err != nil {
		return err
	}
	if f.scenario.Given("policy") {
		return bad("policy: %s is not allowed here, since policies runs every policy on the scenario; want policy unset", param.Format(sc.Params.Policy))
	}
	if !f.scenario.Given("hires") {
		if err := sc.Params.Set("hires", policiesHires); err != nil {
			return err
		}
	}
	if err := memlimit.Check(fmt.Sprintf("policies on %.0f hires", sc.Params.Hires), memlimit.Study(sc.Params.Hires), *maxMem); err != nil {
		return badInput{err}
	}
	outs, err := study.ComparePolicies(sc, *f.workers)
	if err != nil {
		return err
	}
	if *asJSON {
		return policiesJSON(stdout, sc, outs)
	}
	return policiesTable(stdout, sc, outs)
}

// screenWords says what the targeted policy screens on.
func screenWords(p param.Params) string {
	if p.Screening() == param.AbilityScreen {
		return fmt.Sprintf("an ability test (noise %s sd)", param.Format(p.ScreenNoise))
	}
	return "what the firm measures at hire (survey, experience)"
}

func policiesTable(w io.Writer, sc param.Scenario, outs []study.Outcomes) error {
	p := sc.Params
	fmt.Fprintf(w, "Policies on preset %s, seed %d: %d hires each (the same reps), followed for %d days;\n",
		sc.Preset, sc.Seed, int(p.Hires), int(p.Horizon))
	fmt.Fprintf(w, "illustrative money in $ per hire, resting on assumptions the study did not publish: $%s a sale, %s calls a day,\n",
		param.Format(p.Price), param.Format(p.CallsPerDay))
	fmt.Fprintf(w, "mentor time at $%s per mentee-day; targeted screens on %s; from `mentorsim policies`.\n", param.Format(p.MentorCost), screenWords(p))
	fmt.Fprintln(w, param.ContrastLine(sc.Preset))
	fmt.Fprintln(w, "| policy | mentored | revenue | retained 3m | retained 6m | mentor cost | net | net vs none | net vs voluntary | true gain 0-41 days |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|")
	none, vol := study.Gains(outs, study.NoProgram), study.Gains(outs, study.Voluntary)
	for i, o := range outs {
		fmt.Fprintf(w, "| %s | %.3f | %.0f | %.3f | %.3f | %.0f | %.0f | %+.0f | %+.0f | %+.0f |\n",
			o.Policy, o.MentoredShare, o.RevenuePerHire, o.Retention3m, o.Retention6m, o.MentorCost, o.NetPerHire,
			none[i].X, vol[i].X, o.Expected2m-o.Expected2mUnmentored)
	}
	return nil
}

func policiesJSON(w io.Writer, sc param.Scenario, outs []study.Outcomes) error {
	return export.JSON(w, struct {
		Seed        uint64           `json:"seed"`
		Scenario    param.Scenario   `json:"scenario"`
		Policies    []study.Outcomes `json:"policies"`
		VsNone      any              `json:"net_gain_vs_none"`
		VsVoluntary any              `json:"net_gain_vs_voluntary"`
	}{sc.Seed, sc, outs, study.Gains(outs, study.NoProgram), study.Gains(outs, study.Voluntary)})
}
