package study

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"mentorsim/sim/param"
)

func policyStudy(t *testing.T, preset string, hires int, pol Policy, set map[string]float64) *Study {
	t.Helper()
	sc, err := param.NewScenario(preset)
	if err != nil {
		t.Fatal(err)
	}
	sc.Params.Hires = float64(hires)
	set["policy"] = float64(pol)
	for k, v := range set {
		if err := sc.Params.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	return mustNew(t, sc)
}

// With a noiseless screen, the targeted policy mentors exactly the reps
// whose ability is below the cut-off; with noise, the score is a noisy,
// standardised measure of ability.
func TestTargetedMentorsThoseBelowTheCutoff(t *testing.T) {
	s := policyStudy(t, "study", 4000, Targeted, map[string]float64{"screen": 1, "screen_noise": 0, "target_cutoff": -0.5})
	for i, r := range s.Reps {
		want := r.Ability < -0.5
		if r.Mentored != want || (s.Arms[i] == MandatoryMentored) != want || (!want && s.Arms[i] != MandatoryControl) {
			t.Fatalf("rep %d: ability %.3f, cut-off -0.5: mentored %v, arm %s", i, r.Ability, r.Mentored, s.Arms[i])
		}
		if r.OptedIn {
			t.Fatalf("rep %d: targeted reps are never asked, yet opted in", i)
		}
	}
	n := 20_000
	s = policyStudy(t, "study", n, Targeted, map[string]float64{"screen": 1, "screen_noise": 1, "target_cutoff": -0.25})
	var sx, sxx, sxy, mentored float64
	for _, r := range s.Reps {
		sx += r.Screen
		sxx += float64(r.Screen * r.Screen)
		sxy += float64(r.Screen * r.Ability)
		if r.Mentored {
			mentored++
		}
	}
	mean, sd := sx/float64(n), math.Sqrt(sxx/float64(n)-float64(sx*sx)/float64(n*n))
	corr := sxy / float64(n)                                           // ability and score both have mean 0 and sd 1
	share, want := mentored/float64(n), 0.5*math.Erfc(0.25/math.Sqrt2) // Φ(−0.25)
	if math.Abs(mean) > 0.03 || math.Abs(sd-1) > 0.03 || math.Abs(corr-math.Sqrt(0.5)) > 0.03 {
		t.Errorf("screen score: mean %.3f sd %.3f corr with ability %.3f; want 0, 1, %.3f", mean, sd, corr, math.Sqrt(0.5))
	}
	if math.Abs(share-want) > 0.015 {
		t.Errorf("targeted share %.3f, want Φ(−0.25) = %.3f", share, want)
	}
}

// Under enrolment by default a rep declines only if U, without the image
// cost of asking, plus default_inertia is below 0, so more stay enrolled
// than opt in; with no inertia and no image cost the two agree.
func TestEnrolledByDefault(t *testing.T) {
	const n = 5000
	vol := policyStudy(t, "study", n, Voluntary, map[string]float64{})
	def := policyStudy(t, "study", n, ByDefault, map[string]float64{"default_inertia": 1.5})
	zero := policyStudy(t, "study", n, ByDefault, map[string]float64{"default_inertia": 0, "optin_shyness": 0})
	vol0 := policyStudy(t, "study", n, Voluntary, map[string]float64{"optin_shyness": 0})
	p := def.Scenario.Params
	var nv, nd int
	for i := range def.Reps {
		r := &def.Reps[i]
		u := r.Utility(&p) + r.ImageCost(&p)
		if r.Mentored != (u+1.5 >= 0) || r.OptedIn != r.Mentored {
			t.Fatalf("rep %d: U = %.3f, inertia 1.5: mentored %v, opted in %v", i, u, r.Mentored, r.OptedIn)
		}
		if want := OptinMentored; !r.Mentored {
			if def.Arms[i] != Optout {
				t.Fatalf("rep %d declined but is in arm %s", i, def.Arms[i])
			}
		} else if def.Arms[i] != want {
			t.Fatalf("rep %d enrolled but is in arm %s", i, def.Arms[i])
		}
		if vol.Reps[i].Mentored {
			nv++
			if !r.Mentored {
				t.Fatalf("rep %d opts in but declines a default enrolment", i)
			}
		}
		if r.Mentored {
			nd++
		}
		if zero.Reps[i].Mentored != vol0.Reps[i].Mentored {
			t.Fatalf("rep %d: with no inertia, default enrolment (%v) should match opting in (%v)", i, zero.Reps[i].Mentored, vol0.Reps[i].Mentored)
		}
	}
	if nd <= nv {
		t.Errorf("enrolled by default %d, opted in %d: inertia should keep more enrolled", nd, nv)
	}
}

// Each policy puts reps in the arms its documentation says, and the
// outcomes add up: mandatory mentors all, none nobody, and the mentor cost
// is the mentees' employed program days at mentor_cost.
func TestPolicyArmsAndOutcomes(t *testing.T) {
	const n = 3000
	for pol := Mandatory; pol < NumPolicies; pol++ {
		s := policyStudy(t, "study", n, pol, map[string]float64{})
		s.RunToEnd(2)
		o := s.Outcomes()
		var days, sales int64
		for i := range s.Reps {
			r := &s.Reps[i]
			if r.Mentored {
				days += int64(min(r.DaysEmployed, 20))
			}
			sales += int64(r.SalesTotal)
			if r.SalesTotal != r.Sales[3] { // the horizon is 6 months
				t.Fatalf("%s rep %d: total sales %d, 6-month sales %d", pol, i, r.SalesTotal, r.Sales[3])
			}
		}
		if o.Policy != pol.String() || o.Hires != n {
			t.Errorf("%s: outcomes name %q, %d hires", pol, o.Policy, o.Hires)
		}
		if got, want := o.MentorCost, 60*float64(days)/n; math.Abs(got-want) > 1e-9*want {
			t.Errorf("%s: mentor cost per hire %.4f, want %.4f", pol, got, want)
		}
		if got, want := o.RevenuePerHire, 100*float64(sales)/n; math.Abs(got-want) > 1e-9*want {
			t.Errorf("%s: revenue per hire %.4f, want %.4f", pol, got, want)
		}
		if o.NetPerHire != o.RevenuePerHire-o.MentorCost {
			t.Errorf("%s: net %.2f is not revenue − cost", pol, o.NetPerHire)
		}
		switch pol {
		case Mandatory:
			if o.MentoredShare != 1 {
				t.Errorf("mandatory mentors %.3f", o.MentoredShare)
			}
		case NoProgram:
			if o.MentoredShare != 0 || o.MentorCost != 0 || o.Expected2m != o.Expected2mUnmentored {
				t.Errorf("no program: mentored %.3f, cost %.2f, expected %.2f vs %.2f", o.MentoredShare, o.MentorCost, o.Expected2m, o.Expected2mUnmentored)
			}
		}
		if !(o.Retention6m <= o.Retention3m && o.Retention3m < 1 && o.Retention6m > 0) {
			t.Errorf("%s: retention 3m %.3f, 6m %.3f", pol, o.Retention3m, o.Retention6m)
		}
		es := s.Estimates()
		for _, e := range es {
			defined := !math.IsNaN(e.Estimate.Estimate)
			if want := pol == Voluntary && e.ID == "voluntary.optin_rate"; defined != want {
				t.Errorf("%s: %s = %v; only the voluntary policy's opt-in rate applies", pol, e.ID, e.Estimate.Estimate)
			}
		}
		b, err := json.Marshal(s.Summary())
		if err != nil || !strings.Contains(string(b), `"policy":{"policy":"`+pol.String()+`"`) {
			t.Errorf("%s: summary lacks the policy outcomes (%v): %.200s", pol, err, b)
		}
	}
}

// The experiment's summary has no policy outcomes, and the screening score
// leaves every other draw alone: changing the screen (observables or an
// ability test) or the test's noise changes nothing else.
func TestScreeningScoreMovesNothingElse(t *testing.T) {
	for _, screen := range []float64{0, 1} {
		screeningMovesNothingElse(t, screen)
	}
}

// screeningMovesNothingElse compares the study under the given screen with
// one under an ability test of noise 3.
func screeningMovesNothingElse(t *testing.T, screen float64) {
	sc, _ := param.NewScenario("study")
	sc.Seed, sc.Params.Hires, sc.Params.Screen = 5, 2000, screen
	a := mustNew(t, sc)
	sc.Params.Screen, sc.Params.ScreenNoise = 1, 3
	b := mustNew(t, sc)
	a.RunToEnd(1)
	b.RunToEnd(2)
	for i := range a.Reps {
		ra, rb := a.Reps[i], b.Reps[i]
		if ra.Screen == rb.Screen {
			t.Fatalf("rep %d: the screening score ignores screen %v and screen_noise", i, screen)
		}
		ra.Screen, rb.Screen = 0, 0
		if ra != rb || a.Arms[i] != b.Arms[i] {
			t.Fatalf("rep %d differs when only the screen changed", i)
		}
	}
	if strings.Contains(string(summaryJSON(t, a)), `"policy":{`) {
		t.Error("the experiment's summary has policy outcomes")
	}
}

// Common random numbers: under no program every rep lives the unmentored
// potential outcome, so its expected revenue is what the mentored policies
// report as the unmentored world.
func TestNoProgramIsTheUnmentoredWorld(t *testing.T) {
	none := policyStudy(t, "study", 2000, NoProgram, map[string]float64{})
	mand := policyStudy(t, "study", 2000, Mandatory, map[string]float64{})
	none.RunToEnd(1)
	mand.RunToEnd(1)
	for i := range none.Reps {
		a, b := none.Reps[i].Outcome[0], mand.Reps[i].Outcome[0]
		if a.Days != b.Days || a.Revenue != b.Revenue { // within the truth window
			t.Fatalf("rep %d: unmentored world differs between policies", i)
		}
	}
	if on, om := none.Outcomes(), mand.Outcomes(); on.Expected2m != om.Expected2mUnmentored || om.Expected2m <= on.Expected2m {
		t.Errorf("expected 2m revenue: none %.2f, mandatory %.2f (unmentored %.2f)", on.Expected2m, om.Expected2m, om.Expected2mUnmentored)
	}
}

// The screen on observables is the best linear predictor of ability, so
// its correlation with ability is √(S/(1+S)), S = Σ b²/(1 − b²) over the
// observables' loadings b on ability.
func TestObservedScreenIsTheBestPredictor(t *testing.T) {
	s := newStudy(t, "study", 3, 40000)
	p := s.Scenario.Params
	rel, c := math.Sqrt(p.SurveyReliability), 1-p.SACompression
	S := 0.0
	for _, b := range []float64{rel * c / math.Sqrt(c*c+p.SANoise*p.SANoise), rel * p.InsecurityCorr, rel * p.EagernessCorr, p.ExperienceCorr} {
		S += b * b / (1 - b*b)
	}
	want := math.Sqrt(S / (1 + S))
	var sx, sy, sxx, syy, sxy float64
	for _, r := range s.Reps {
		sx, sy = sx+r.Screen, sy+r.Ability
		sxx, syy, sxy = sxx+r.Screen*r.Screen, syy+r.Ability*r.Ability, sxy+r.Screen*r.Ability
	}
	n := float64(len(s.Reps))
	corr := (sxy/n - sx/n*sy/n) / math.Sqrt((sxx/n-sx/n*sx/n)*(syy/n-sy/n*sy/n))
	if math.Abs(corr-want) > 0.01 || math.Abs(sxx/n-1) > 0.03 {
		t.Errorf("corr(observed screen, ability) = %.3f, want %.3f; variance %.3f, want 1", corr, want, sxx/n)
	}
}
