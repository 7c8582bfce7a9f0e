package calibrate

import (
	"errors"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"mentorsim/sim/param"
)

// calibrate with no -targets fits StudyTargets; the file documenting them
// must say the same.
func TestStudyTargetsFileMatches(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../docs/calibration/targets-study.json")
	if err != nil {
		t.Fatal(err)
	}
	ts, err := ParseTargets(data)
	if err != nil {
		t.Fatal(err)
	}
	if want := StudyTargets().Targets; !reflect.DeepEqual(ts.Targets, want) {
		t.Errorf("docs/calibration/targets-study.json:\n%+v\nsim/study.Targets:\n%+v", ts.Targets, want)
	}
}

func TestParseTargetsRefusesBadFiles(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		`{"targets": []}`: "at least one target",
		`{"targets": [{"id": "nope", "value": 1, "se": 1}]}`:                                  `"nope"`,
		`{"targets": [{"id": "voluntary.optin_rate", "value": 0.3}]}`:                         "positive se or tolerance",
		`{"targets": [{"id": "voluntary.optin_rate", "value": 0.3, "se": 0.1, "weight": 0}]}`: "weight",
		`{"targets": [{"id": "voluntary.optin_rate", "value": 0.3, "se": 0.1, "sd": 1}]}`:     "sd",
		`{"target": []}`: `"target"`,
		`{"targets": [{"id": "voluntary.optin_rate", "value": 0.3, "se": 0.1}, {"id": "voluntary.optin_rate", "value": 0.3, "se": 0.1}]}`: "twice",
		`{"targets": [{"id": "voluntary.optin_rate", "value": 0.3, "se": 0.1}]} x`:                                                        "JSON: more than one value",
		`{"targets": [{"id": "voluntary.optin_rate", "value": 0.3, "se": 0.1}]} }`:                                                        "JSON: more than one value",
		`{"targets": [{"id": "voluntary.optin_rate", "value": "a", "se": 0.1}]}`:                                                          "targets.value: a JSON string is not allowed; want a number",
		`{"targets": [{"id": "voluntary.optin_rate", "value": 0.3, "se": 0.1`:                                                             "ends before the object is complete",
		`{"hires": 0, "targets": [{"id": "voluntary.optin_rate", "value": 0.3, "se": 0.1}]}`:                                              "hires: 0 is not allowed",
		`{"evals": -5, "targets": [{"id": "voluntary.optin_rate", "value": 0.3, "se": 0.1}]}`:                                             "evals: -5 is not allowed",
	}
	for in, want := range cases {
		_, err := ParseTargets([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one naming %s", in, err, want)
		}
	}
	ts, err := ParseTargets([]byte(`{"targets": [{"id": "voluntary.optin_rate", "value": 0.3, "tolerance": 0.02}]}`))
	if err != nil || ts.Targets[0].Weight != 1 || ts.Targets[0].Scale() != 0.02 {
		t.Errorf("default weight and scale: %+v, %v", ts, err)
	}
}

// The sandwich, worked by hand for one parameter and two targets:
// V = (J'WJ)⁻² · J'WΣWJ.
func TestSandwichByHand(t *testing.T) {
	t.Parallel()
	ts := []Target{{ID: "a", SE: 0.1, Weight: 1}, {ID: "b", Tolerance: 0.2, Weight: 2}}
	id := Identification{Free: []string{"x"}, Targets: ts, J: [][]float64{{3}, {-1}}}
	sim := []float64{0.05, 0.1}
	id.derive(sim)
	w := []float64{1 / 0.01, 2 / 0.04}
	sigma := []float64{0.01 + 0.0025, 0.04 + 0.01}
	a := w[0]*9 + w[1]*1
	meat := w[0]*w[0]*sigma[0]*9 + w[1]*w[1]*sigma[1]*1
	if want := math.Sqrt(meat) / a; math.Abs(id.SE[0]-want) > 1e-12*want {
		t.Errorf("SE %v, want %v", id.SE[0], want)
	}
	if id.Rank != 1 || id.Cond != 1 {
		t.Errorf("rank %d, condition %v; want 1 and 1", id.Rank, id.Cond)
	}
	// Normalised column: W^½J = (3/0.1, −√2/0.2) over its length.
	n := math.Hypot(30, math.Sqrt2/0.2)
	if math.Abs(id.Moves[0][0]-30/n) > 1e-12 || math.Abs(id.Moves[0][1]+math.Sqrt2/0.2/n) > 1e-12 {
		t.Errorf("moves %v", id.Moves[0])
	}
}

// A tiny fit to the hypothetical study: the report is complete and sane,
// and a parameter no estimand depends on (mentor_cost) makes the Jacobian
// rank-deficient, so no standard errors are claimed.
func TestIdentifyTinyHypothetical(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../examples/targets-hypothetical.json")
	if err != nil {
		t.Fatal(err)
	}
	ts, err := ParseTargets(data)
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := param.NewScenario("study")
	sc.Params.Hires = 3000
	free := []string{"optin_base", "mentor_floor"}
	fit, err := Run(sc, free, ts, 6, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	id, err := Identify(fit, free, ts, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if id.Rank != 2 || !(id.Cond >= 1 && id.Cond < 1e3) {
		t.Errorf("rank %d, condition %v; want 2 and a finite number ≥ 1", id.Rank, id.Cond)
	}
	for j, se := range id.SE {
		if !(se > 0) || math.IsInf(se, 0) || se > 10*math.Abs(id.Theta[j])+1 {
			t.Errorf("%s: SE %v at %v, want finite and positive", free[j], se, id.Theta[j])
		}
		norm := 0.0
		for _, x := range id.Moves[j] {
			norm += x * x
		}
		if math.Abs(norm-1) > 1e-9 {
			t.Errorf("%s: moves has length² %v, want 1", free[j], norm)
		}
	}
	// optin_base moves the opt-in rate, and mentor_floor a revenue lift
	// most.
	if math.Abs(id.Moves[0][0]) < 0.1 || !strings.Contains(string(ts.Targets[top(id.Moves[1])].ID), "revenue") {
		t.Errorf("optin_base moves the opt-in rate by %.2f (want at least 0.1); mentor_floor moves most %s", id.Moves[0][0], ts.Targets[top(id.Moves[1])].ID)
	}
	flat, err := Identify(fit, []string{"optin_base", "mentor_cost"}, ts, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if flat.Rank != 1 || !math.IsNaN(flat.SE[0]) {
		t.Errorf("with mentor_cost free: rank %d, SEs %v; want rank 1 and no SEs", flat.Rank, flat.SE)
	}
}

func top(xs []float64) int {
	best := 0
	for i, x := range xs {
		if math.Abs(x) > math.Abs(xs[best]) {
			best = i
		}
	}
	return best
}

// A study too small to define its estimates and measures has an infinite
// loss, which the fit can step away from; NaN would poison Nelder–Mead.
func TestUndefinedStudyCostsInfinity(t *testing.T) {
	t.Parallel()
	sc, _ := param.NewScenario("advice")
	sc.Params.Hires = 4
	loss, _, err := EvaluateTo(sc, StudyTargets(), 1)
	if err != nil || !math.IsInf(loss, 1) {
		t.Errorf("loss %v, %v; want +Inf", loss, err)
	}
}

// Where a step of the differences makes a target undefined, the report says
// which instead of factorising a Jacobian with NaN in it (which panicked).
func TestIdentifySaysWhatIsUndefined(t *testing.T) {
	t.Parallel()
	sc, _ := param.NewScenario("advice")
	sc.Params.Hires = 50
	sc.Params.QuitEarly = 44 // almost everyone leaves at once: retention lifts are undefined
	loss, es, err := EvaluateTo(sc, StudyTargets(), 1)
	if err != nil {
		t.Fatal(err)
	}
	free := DefaultFree("advice")
	id, err := Identify(Fit{Scenario: sc, Loss: loss, Estimates: es}, free, StudyTargets(), 1, nil)
	if err != nil || !strings.Contains(id.Undefined, " is undefined at ") || id.Rank != 0 || !math.IsNaN(id.SE[0]) {
		t.Errorf("undefined %q, rank %d, SE %v, %v", id.Undefined, id.Rank, id.SE, err)
	}
}

// A fit with nowhere defined fails, naming the field and what is undefined.
func TestFitNowhereDefinedIsRefused(t *testing.T) {
	t.Parallel()
	sc, _ := param.NewScenario("advice")
	sc.Params.Hires = 20
	_, err := Run(sc, []string{"optin_base"}, StudyTargets(), 3, 1, nil)
	var fe *param.FieldError
	if !errors.As(err, &fe) || fe.Field != "hires" || !strings.Contains(err.Error(), "undefined: ") {
		t.Errorf("error %v; want a FieldError on hires naming what is undefined", err)
	}
}
