package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"mentorsim/sim/model"
	"mentorsim/sim/param"
)

type policiesOut struct {
	Seed     uint64 `json:"seed"`
	Policies []struct {
		Policy         string  `json:"policy"`
		Hires          int     `json:"hires"`
		MentoredShare  float64 `json:"mentored_share"`
		RevenuePerHire float64 `json:"revenue_per_hire"`
		Retention3m    float64 `json:"retention_3m"`
		Retention6m    float64 `json:"retention_6m"`
		MentorCost     float64 `json:"mentor_cost_per_hire"`
		NetPerHire     float64 `json:"net_per_hire"`
		Expected2m     float64 `json:"expected_revenue_2m_per_hire"`
		Expected2m0    float64 `json:"expected_revenue_2m_unmentored_per_hire"`
	} `json:"policies"`
	VsNone      map[string]float64 `json:"net_gain_vs_none"`
	VsVoluntary map[string]float64 `json:"net_gain_vs_voluntary"`
}

func policiesJSONRun(t *testing.T, args ...string) policiesOut {
	t.Helper()
	code, stdout, stderr := cli(t, append([]string{"policies", "-json"}, args...)...)
	if code != 0 {
		t.Fatalf("policies %v: status %d: %s", args, code, stderr)
	}
	var out policiesOut
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("policies %v: %v\n%s", args, err, stdout)
	}
	if len(out.Policies) != 5 {
		t.Fatalf("policies %v: %d policies, want 5", args, len(out.Policies))
	}
	return out
}

func TestPoliciesCompareInMoney(t *testing.T) {
	const hires = 4000
	out := policiesJSONRun(t, "-hires", "4000", "-seed", "3")
	byName := map[string]int{}
	for i, p := range out.Policies {
		byName[p.Policy] = i
		if p.Hires != hires {
			t.Errorf("%s: %d hires, want %d", p.Policy, p.Hires, hires)
		}
		if math.Abs(p.NetPerHire-(p.RevenuePerHire-p.MentorCost)) > 1e-6 {
			t.Errorf("%s: net %.2f is not revenue %.2f − cost %.2f", p.Policy, p.NetPerHire, p.RevenuePerHire, p.MentorCost)
		}
		if !(p.Retention6m <= p.Retention3m && p.Retention3m < 1 && p.Retention6m > 0.3) {
			t.Errorf("%s: retention 3m %.3f, 6m %.3f", p.Policy, p.Retention3m, p.Retention6m)
		}
	}
	get := func(name string) int {
		i, ok := byName[name]
		if !ok {
			t.Fatalf("no policy %q in %v", name, byName)
		}
		return i
	}
	mand, vol, targ, def, none := out.Policies[get("mandatory")], out.Policies[get("voluntary")],
		out.Policies[get("targeted")], out.Policies[get("default")], out.Policies[get("none")]

	if mand.MentoredShare != 1 || none.MentoredShare != 0 || none.MentorCost != 0 {
		t.Errorf("mandatory mentors %.3f, none %.3f at cost %.2f", mand.MentoredShare, none.MentoredShare, none.MentorCost)
	}
	// The voluntary policy mentors exactly the reps who would opt in.
	sc, _ := param.NewScenario("study")
	m := model.New(sc.Params)
	yes := 0
	for i := range hires {
		r := m.Hire(3, i)
		if r.WouldOptIn(&sc.Params) {
			yes++
		}
	}
	if want := float64(yes) / hires; vol.MentoredShare != want {
		t.Errorf("voluntary mentors %.4f, opt-in rate of the same reps %.4f", vol.MentoredShare, want)
	}
	if want := 0.5 * math.Erfc(0.25/math.Sqrt2); math.Abs(targ.MentoredShare-want) > 0.025 {
		t.Errorf("targeted mentors %.3f, want about Φ(−0.25) = %.3f", targ.MentoredShare, want)
	}
	if def.MentoredShare <= vol.MentoredShare {
		t.Errorf("enrolled by default %.3f, voluntary %.3f: inertia should keep more enrolled", def.MentoredShare, vol.MentoredShare)
	}
	// Mentoring pays in the study preset, most where it reaches the weak reps;
	// voluntary mentoring reaches the wrong ones.
	if !(mand.RevenuePerHire > none.RevenuePerHire && targ.NetPerHire > vol.NetPerHire && mand.NetPerHire > vol.NetPerHire) {
		t.Errorf("net per hire: mandatory %.0f, targeted %.0f, voluntary %.0f, none %.0f", mand.NetPerHire, targ.NetPerHire, vol.NetPerHire, none.NetPerHire)
	}
	if none.Expected2m != mand.Expected2m0 || mand.Expected2m <= mand.Expected2m0 {
		t.Errorf("expected 2m revenue: none %.2f, mandatory %.2f, mandatory unmentored %.2f", none.Expected2m, mand.Expected2m, mand.Expected2m0)
	}
	if out.VsNone["none"] != 0 || out.VsVoluntary["voluntary"] != 0 || out.VsNone["mandatory"] != mand.NetPerHire-none.NetPerHire {
		t.Errorf("gains: vs none %v, vs voluntary %v", out.VsNone, out.VsVoluntary)
	}

	// Free mentors: no cost, the same revenue (the cost changes no one's behaviour).
	free := policiesJSONRun(t, "-hires", "4000", "-seed", "3", "-mentor_cost", "0")
	for i, p := range free.Policies {
		if p.MentorCost != 0 || p.NetPerHire != p.RevenuePerHire || p.RevenuePerHire != out.Policies[i].RevenuePerHire {
			t.Errorf("mentor_cost 0, %s: cost %.2f, net %.2f, revenue %.2f (was %.2f)", p.Policy, p.MentorCost, p.NetPerHire, p.RevenuePerHire, out.Policies[i].RevenuePerHire)
		}
	}
}

// When need drives the choice, the voluntary policy reaches the reps who
// gain, and it beats targeting on a noisy screen.
func TestPoliciesRationalVoluntaryWorks(t *testing.T) {
	out := policiesJSONRun(t, "-scenario", "rational", "-hires", "4000")
	if out.VsNone["voluntary"] <= out.VsNone["targeted"] {
		t.Errorf("rational: net gain vs none: voluntary %.0f, targeted %.0f", out.VsNone["voluntary"], out.VsNone["targeted"])
	}
}

func TestPoliciesTableAndFlags(t *testing.T) {
	code, stdout, stderr := cli(t, "policies", "-set", "hires=300", "-seed", "2")
	if code != 0 {
		t.Fatalf("status %d: %s", code, stderr)
	}
	for _, want := range []string{"seed 2: 300 hires", "| policy | mentored |", "| mandatory | 1.000 |", "| none | 0.000 |"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("policies table lacks %q:\n%s", want, stdout)
		}
	}
	code, _, stderr = cli(t, "policies", "-policy", "3")
	if code != 2 || !strings.Contains(stderr, "policy") {
		t.Errorf("policies -policy 3: status %d, %q; want 2 naming policy", code, stderr)
	}
}
