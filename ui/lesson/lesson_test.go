package lesson

import (
	"strings"
	"testing"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

func TestDefaultLessonIsValid(t *testing.T) {
	t.Parallel()
	l := Default()
	if len(l.Steps) != 7 {
		t.Fatalf("the default lesson has %d steps; want 7", len(l.Steps))
	}
	for i, st := range l.Steps {
		if st.Text == "" || st.Question == "" {
			t.Errorf("step %d: want a text and a question", i+1)
		}
	}
	if last := l.Steps[6]; len(last.Locked) != 0 || len(last.Focus) != 0 || !last.Keep {
		t.Errorf("the sandbox step locks %v and focuses on %v; want everything, carried on from step 6", last.Locked, last.Focus)
	}
	for i, st := range l.Steps[:6] {
		if len(st.Focus) == 0 || len(st.Focus) > 3 {
			t.Errorf("step %d focuses on %v; want one to three panels", i+1, st.Focus)
		}
	}
	if l.Steps[2].Predict == nil || l.Steps[2].Predict.Hides() != "ability" || l.Steps[3].Predict == nil || l.Steps[3].Predict.Hides() != Truth {
		t.Error("steps 3 and 4 do not ask for a prediction before hidden ability and the true effects")
	}
	if l.Steps[0].Visible("truth") || l.Steps[0].Visible("ability") || !l.Steps[3].Visible("truth") {
		t.Errorf("the truth is hidden until step 4, ability until step 3")
	}
}

func TestBadLessonsNameStepAndField(t *testing.T) {
	t.Parallel()
	ok := `{"title": "t", "text": "x", "question": "q"}`
	cases := []struct{ json, want string }{
		{`{"steps": []}`, "steps"},
		{`{"steps": [` + ok + `, {"title": "t", "preset": "shy"}]}`, `step 2: preset: "shy"`},
		{`{"steps": [{"title": "t", "params": {"bogus": 1}}]}`, `step 1: params`},
		{`{"steps": [{"title": "t", "params": {"mentor_gain": 99}}]}`, `step 1: params: mentor_gain`},
		{`{"steps": [{"title": "t", "params": {"hires": 99}}]}`, `step 1: params: "hires"`},
		{`{"steps": [` + ok + `, ` + ok + `, {"title": "t", "focus": ["floor", "map"]}]}`, `step 3: focus: "map"`},
		{`{"steps": [{"title": "t", "rows": ["truth.everyone"]}]}`, `step 1: rows: "truth.everyone"`},
		{`{"steps": [{"title": "t", "predict": {"id": "x", "ask": "?", "measure": "luck", "choices": [{"label": "a"}, {"label": "b"}]}}]}`, `step 1: predict: measure: "luck"`},
		{`{"steps": [{"title": "t", "predict": {"id": "x", "ask": "?", "measure": "ability_gap", "choices": [{"label": "a"}]}}]}`, `step 1: predict: choices: 1`},
		{`{"steps": [{"title": "t", "predict": {"id": "X Y", "ask": "?", "measure": "ability_gap", "choices": [{"label": "a"}, {"label": "b"}]}}]}`, `step 1: predict: id: "X Y"`},
		{`{"steps": [{"title": "t", "locked": ["warp"]}]}`, `step 1: locked: "warp"`},
		{`{"steps": [{"title": "t", "hires": 5}]}`, `step 1: hires`},
		{`{"steps": [{"title": ""}]}`, `step 1: title`},
		{`{"steps": [{"title": "t", "colour": "red"}]}`, `step 1: json: unknown field "colour"`},
		{`{"steps": [{"title": "t"}, {"title": "u", "bogus": 1}]}`, `step 2: json: unknown field "bogus"`},
		{`{"steps": [{"title": "t"}, {"title": 5}]}`, `step 2: json: cannot unmarshal number into Go struct field Step.title`},
		{`{"titel": "x", "steps": [{"title": "t"}]}`, `lesson: json: unknown field "titel"`},
		{`{"steps": [{"title": "t"}]} {}`, `more than one JSON value`},
		{`{"steps": [{"title": "t"}]} ]`, `more than one JSON value`},
		{`{"steps": [{"title": "t", "seed": -1}]}`, `seed`},
		{`[1, 2]`, `lesson:`},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.json))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%s) = %v; want an error containing %q", c.json, err, c.want)
		}
	}
}

func TestStepScenario(t *testing.T) {
	t.Parallel()
	seed := uint64(99)
	st := Step{Title: "t", Preset: "insecure", Hires: 1000, Params: map[string]float64{"mentor_gain": 2}, Seed: &seed}
	cur, _ := param.NewScenario("random")
	cur.Seed = 7
	sc, err := st.Scenario(cur)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := param.Preset("insecure")
	want.Hires, want.MentorGain = 1000, 2
	if sc.Preset != "insecure" || sc.Params != want || sc.Seed != 99 {
		t.Errorf("Scenario = %+v", sc)
	}
	// No preset, no seed: the current run's, with the overrides.
	sc, _ = Step{Title: "t", Params: map[string]float64{"belonging": 0.5}}.Scenario(cur)
	if sc.Preset != "random" || sc.Seed != 7 || sc.Params.Belonging != 0.5 || sc.Params.Hires != cur.Params.Hires {
		t.Errorf("Scenario without a preset = %+v", sc)
	}
}

func TestLocksAndPanels(t *testing.T) {
	t.Parallel()
	st := Step{Locked: []string{"presets", "sliders", "reveal"}, Focus: []string{"floor", "effects"}, Rows: []study.ID{study.VoluntaryOptinRate}}
	for _, id := range []string{"advice", "random", "mentor_gain", "hires", "reveal"} {
		if !st.IsLocked(id) {
			t.Errorf("%s is not locked", id)
		}
	}
	for _, id := range []string{"play", "seed", "speed", "help"} {
		if st.IsLocked(id) {
			t.Errorf("%s is locked", id)
		}
	}
	if got := strings.Join(st.VisiblePanels(), ","); got != "floor,effects" || st.Visible(Truth) {
		t.Errorf("VisiblePanels = %s, truth %v", got, st.Visible(Truth))
	}
	if got := strings.Join(Step{}.VisiblePanels(), ","); got != "floor,effects,revenue,retention,ability,controls" || !(Step{}).Visible(Truth) {
		t.Errorf("a step without a focus shows %s; want all but those shown only when listed, and the truth", got)
	}
	if st := (Step{Focus: []string{"effects"}, Rows: []study.ID{study.TruthATUOptout}}); !st.Visible(Truth) || !st.ShowsRow(study.TruthATUOptout) || st.ShowsRow(study.TruthATE) {
		t.Error("a step whose rows include a true effect does not show exactly those rows")
	}
	if st := (Step{Focus: []string{"money", "selfassessment"}}); !st.Visible("money") || !st.Visible("selfassessment") || st.Visible("effects") {
		t.Errorf("a step listing money and selfassessment shows %v", st.VisiblePanels())
	}
	if !(Step{Locked: []string{"policy"}}).IsLocked(PolicyChipPrefix+"targeted") || (Step{}).IsLocked(PolicyChipPrefix+"targeted") {
		t.Error("the policy lock does not lock exactly the policy chips")
	}
}

// FuzzParse: any input parses to a valid lesson or an error; it never
// panics, and a parsed lesson's steps all set up valid runs.
func FuzzParse(f *testing.F) {
	f.Add(DefaultJSON())
	f.Add([]byte(`{"steps": [{"title": "t", "preset": "study", "params": {"mentor_gain": 1}, "hires": 100}]}`))
	f.Add([]byte(`{"steps": [{"title": "t", "locked": ["presets"], "focus": ["effects"], "rows": ["truth.ate"], "seed": 3}]}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Parse(data)
		if err != nil {
			if l != nil {
				t.Fatal("a lesson with an error")
			}
			return
		}
		cur, _ := param.NewScenario("study")
		for i, st := range l.Steps {
			if _, err := st.Scenario(cur); err != nil {
				t.Fatalf("step %d of a valid lesson sets up an invalid run: %v", i+1, err)
			}
		}
	})
}

// A step's arms must be the study's groups, named as the CLI names them.
func TestStepArms(t *testing.T) {
	t.Parallel()
	if _, err := Parse([]byte(`{"steps": [{"title": "one", "arms": ["optout", "treated"]}]}`)); err == nil || !strings.Contains(err.Error(), `step 1: arms: "treated" is not a group`) {
		t.Errorf("arms with an unknown group: %v", err)
	}
	l, err := Parse([]byte(`{"steps": [{"title": "one", "arms": ["optout", "mandatory_control"]}, {"title": "two"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Steps[0].ChartArms(); len(got) != 2 || got[0] != study.MandatoryControl || got[1] != study.Optout {
		t.Errorf("step 1 draws %v; want mandatory_control and optout, in the arms' order", got)
	}
	if got := l.Steps[1].ChartArms(); len(got) != int(study.NumArms) {
		t.Errorf("a step without arms draws %v; want all", got)
	}
}

// A prediction's answer is the choice nearest the measure.
func TestPredictAnswer(t *testing.T) {
	t.Parallel()
	p := Default().Steps[3].Predict
	for x, want := range map[float64]int{-0.5: 0, 0.04: 0, 0.06: 1, 0.24: 2, 0.26: 3, 0.9: 3} {
		if got := p.Answer(x); got != want {
			t.Errorf("Answer(%v) = %d (%s); want %d", x, got, p.Choices[got].Label, want)
		}
	}
}
