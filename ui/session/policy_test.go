package session

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"mentorsim/sim/study"
	"mentorsim/ui/lesson"
)

// policy= in a teacher's link is used where the step lets the class choose
// a policy, and refused, with a notice naming it, where it does not.
func TestLinkPolicyHonouredOrRefused(t *testing.T) {
	t.Parallel()
	s, err := Open("?lesson=6&seed=7&policy=3", lesson.Default(), 2)
	if err != nil || s.Notice != "" {
		t.Fatalf("Open: %v, notice %q", err, s.Notice)
	}
	if s.Policy() != study.Targeted || !finished(s) || s.Scenario.Seed != 7 {
		t.Errorf("step 6 from the link: policy %v, done %v, seed %d", s.Policy(), s.Study.Done(), s.Scenario.Seed)
	}
	if q := s.Query(); q != "preset=advice&seed=7&policy=3&lesson=6" {
		t.Errorf("Query() = %q", q)
	}
	s, err = Open("?lesson=2&seed=7&policy=3", lesson.Default(), 2)
	if err != nil || s.Policy() != study.Experiment || !strings.Contains(s.Notice, "policy=3") {
		t.Errorf("step 2 with policy=3: %v, policy %v, notice %q", err, s.Policy(), s.Notice)
	}
}

// Step 5's question can be answered from the screen: a change of preset
// runs to the end, and the self-assessment panel shows that the reps who
// declined, a little weaker than average under both, overrate themselves
// far more under overconfident than under insecure.
func TestStepFiveTellsInsecureFromOverconfident(t *testing.T) {
	t.Parallel()
	s, err := Open("?lesson=5&seed=7", lesson.Default(), 2)
	if err != nil || !finished(s) || !s.Visible("selfassessment") || s.Visible("ability") || !s.Revealed {
		t.Fatalf("Open: %v; step 5 shows %v, revealed %v", err, s.VisiblePanels(), s.Revealed)
	}
	insecure := s.Panels().Self.OptOut
	if err := s.SetPreset("overconfident"); err != nil || !finished(s) {
		t.Fatalf("SetPreset: %v; done %v", err, s.Study.Done())
	}
	over := s.Panels().Self.OptOut
	if !(insecure.Ability < 0 && over.Ability < 0) {
		t.Errorf("decliners' ability: insecure %.2f, overconfident %.2f; want both below average", insecure.Ability, over.Ability)
	}
	if !(over.SelfAssessment > 0.5 && over.Gap() > 1 && over.Gap()-insecure.Gap() > 0.5) {
		t.Errorf("decliners think %.2f (gap %.2f) under insecure, %.2f (gap %.2f) under overconfident",
			insecure.SelfAssessment, insecure.Gap(), over.SelfAssessment, over.Gap())
	}
	if n := over.N + s.Panels().Self.OptIn.N; n != 322 {
		t.Errorf("%d reps asked; want the voluntary branch's 322", n)
	}
}

// Under a policy the effects are the rows that apply, named for the policy;
// the study's comparisons are left out and the note says why.
func TestPolicyEffects(t *testing.T) {
	t.Parallel()
	s := newSession(t, "seed=3&policy=3")
	s.RunToEnd(2)
	p := s.Panels()
	if p.EffectsNote == "" || !strings.Contains(p.EffectsNote, "targeted") {
		t.Errorf("note %q", p.EffectsNote)
	}
	var ids []string
	for _, e := range p.Effects {
		ids = append(ids, string(e.ID))
		if math.IsNaN(e.Estimate.Estimate) || e.Label == "" || e.HasTarget {
			t.Errorf("row %s %q: %v, target %v", e.ID, e.Label, e.Estimate.Estimate, e.HasTarget)
		}
	}
	if got := strings.Join(ids, ","); got != "policy.mentored_share,truth.ate,truth.mentored,truth.unmentored" {
		t.Errorf("rows %s", got)
	}
	if !p.Effects[0].Share || p.Effects[1].Share || !strings.Contains(p.Effects[2].Label, "targeted") {
		t.Errorf("rows %+v", p.Effects)
	}
	for _, pol := range []study.Policy{study.Mandatory, study.NoProgram} {
		if err := s.SetPolicy(pol); err != nil {
			t.Fatal(err)
		}
		if es := s.Panels().Effects; len(es) != 1 || es[0].ID != "truth.ate" {
			t.Errorf("%v: %d rows, want the true effect for everyone only", pol, len(es))
		}
	}
	if err := s.SetPolicy(study.Experiment); err != nil {
		t.Fatal(err)
	}
	for _, e := range s.Panels().Effects {
		if e.Share != (e.ID == "voluntary.optin_rate") || e.Label == "" {
			t.Errorf("experiment row %s: share %v, label %q", e.ID, e.Share, e.Label)
		}
	}
}

// Every group the floor shows under a policy has a name saying what it is
// there, and a group a policy leaves empty has none.
func TestGroupLabels(t *testing.T) {
	t.Parallel()
	for _, pol := range PolicyChoices {
		s := newSession(t, "seed=2")
		if err := s.SetPolicy(pol); err != nil {
			t.Fatal(err)
		}
		var n [study.NumArms]int
		for _, a := range s.Study.Arms {
			n[a]++
		}
		for a := range study.NumArms {
			if label := GroupLabel(pol, a); (label != "") != (n[a] > 0) {
				t.Errorf("%v, %v: %d reps, label %q", pol, a, n[a], label)
			}
		}
		if pol != study.Experiment && strings.Contains(GroupLabel(pol, study.MandatoryMentored), "mandatory:") {
			t.Errorf("%v calls its mentored reps %q", pol, GroupLabel(pol, study.MandatoryMentored))
		}
	}
}

// Hovering a desk shows a rep's ability and self-assessment only where the
// step reveals ability: not in steps 1 and 2, in step 3.
func TestDeskLinesHideAbility(t *testing.T) {
	t.Parallel()
	s, err := Open("?lesson=2&seed=7", lesson.Default(), 2)
	if err != nil {
		t.Fatal(err)
	}
	for i := range s.Study.Reps {
		text := strings.Join(s.DeskLines(i), "\n")
		if strings.Contains(text, "ability ") && !strings.Contains(text, "ability hidden") || strings.Contains(text, "thinks") {
			t.Fatalf("step 2, rep %d: %q", i, text)
		}
	}
	if err := s.NextStep(); err != nil || s.Revealed {
		t.Fatalf("step 3 before the prediction: %v, revealed %v", err, s.Revealed)
	}
	if err := s.Guess(2); err != nil || !s.Revealed {
		t.Fatalf("step 3 after the prediction: %v, revealed %v", err, s.Revealed)
	}
	r := s.Study.Reps[5]
	if text := strings.Join(s.DeskLines(5), "\n"); !strings.Contains(text, fmt.Sprintf("ability %+.2f · thinks %+.2f", r.Ability, r.SelfAssessment)) {
		t.Errorf("step 3, rep 5: %q", text)
	}
}

// The ability chart shows the voluntary branch under the experiment and,
// under a policy, all hires in the groups the policy makes: each group the
// hires of its arm, none left out or counted twice.
func TestAbilityHistogramFollowsPolicy(t *testing.T) {
	t.Parallel()
	for pol := study.Experiment; pol < study.NumPolicies; pol++ {
		s := newSession(t, fmt.Sprintf("seed=3&policy=%d", pol))
		s.RunToEnd(2)
		h := s.Panels().Ability
		want := [2]int{}
		for _, a := range s.Study.Arms {
			for k, arm := range h.Arms {
				if a == arm || (pol == study.Experiment && k == 0 && a == study.OptinDenied) {
					want[k]++
				}
			}
		}
		if got := [2]int{h.NOptIn, h.NOptOut}; got != want || sum(h.OptIn) != want[0] || sum(h.OptOut) != want[1] {
			t.Errorf("policy %v: groups %v (%v) of %d and %d reps; want %d and %d", pol, h.Arms, got, sum(h.OptIn), sum(h.OptOut), want[0], want[1])
		}
		if pol != study.Experiment && want[0]+want[1] != len(s.Study.Reps) {
			t.Errorf("policy %v: %d of %d hires in the chart", pol, want[0]+want[1], len(s.Study.Reps))
		}
		for k, arm := range h.Arms {
			if want[k] > 0 && GroupLabel(pol, arm) == "" {
				t.Errorf("policy %v: group %v has reps but no name", pol, arm)
			}
		}
	}
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// A link copied from a step whose run sets its own parameters reopens that
// step without a complaint: the values it carries are the step's.
func TestStepLinkWithItsOwnParamsReopens(t *testing.T) {
	t.Parallel()
	l, err := lesson.Parse([]byte(`{"steps": [{"title": "one", "hires": 100, "params": {"sa_noise": 0.9}, "locked": ["sliders"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open("lesson=1&seed=3", l, 1)
	if err != nil || s.Notice != "" {
		t.Fatalf("Open: %v, notice %q", err, s.Notice)
	}
	again, err := Open(s.Query(), l, 1)
	if err != nil || again.Notice != "" || again.Scenario != s.Scenario {
		t.Errorf("reopening %q: %v, notice %q", s.Query(), err, again.Notice)
	}
}

// The layout makes room for EffectRows rows: the experiment's panel has
// exactly that many, and no policy's has more.
func TestEffectRowsCoverThePanels(t *testing.T) {
	t.Parallel()
	for pol := study.Experiment; pol < study.NumPolicies; pol++ {
		s := newSession(t, fmt.Sprintf("seed=3&policy=%d", pol))
		s.RunToEnd(2)
		n := len(s.Panels().Effects)
		if n > EffectRows(true) || pol == study.Experiment && n != EffectRows(true) {
			t.Errorf("policy %v: %d effect rows; the layout makes room for %d", pol, n, EffectRows(true))
		}
	}
}

// A link reopens the screen it was copied from: the explanation chosen in
// step 5 or the sandbox, the sandbox's policy with its run finished; a
// link that names no preset gets the step's own; a step that locks the
// presets refuses another, naming it.
func TestLinkReopensTheStepsRun(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		query, preset string
		policy        study.Policy
		refused       string
	}{
		{"preset=overconfident&seed=1&lesson=5", "overconfident", study.Experiment, ""},
		{"seed=1&lesson=5", "insecure", study.Experiment, ""},
		{"preset=rational&seed=1&lesson=7", "rational", study.Experiment, ""},
		{"preset=advice&seed=1&policy=3&lesson=7", "advice", study.Targeted, ""},
		{"preset=insecure&seed=1&lesson=1", "advice", study.Experiment, "preset=insecure"},
		{"preset=bogus&seed=1&lesson=5", "insecure", study.Experiment, "bogus"}, // refused: the step keeps its own
	} {
		s, err := Open(tc.query, lesson.Default(), 2)
		if err != nil {
			t.Fatal(err)
		}
		if s.Scenario.Preset != tc.preset || s.Policy() != tc.policy || !finished(s) {
			t.Errorf("%s: preset %s, policy %v, done %v; want %s, %v, done", tc.query, s.Scenario.Preset, s.Policy(), s.Study.Done(), tc.preset, tc.policy)
		}
		if tc.refused == "" && s.Notice != "" || !strings.Contains(s.Notice, tc.refused) {
			t.Errorf("%s: notice %q; want one naming %q", tc.query, s.Notice, tc.refused)
		}
		if tc.refused == "" {
			if again, err := Open(s.Query(), lesson.Default(), 2); err != nil || again.Scenario != s.Scenario || again.Notice != "" {
				t.Errorf("%s: reopening %q gives %+v, notice %q", tc.query, s.Query(), again.Scenario, again.Notice)
			}
		}
	}
}
