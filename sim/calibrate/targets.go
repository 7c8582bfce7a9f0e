package calibrate

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"mentorsim/sim/jsonobj"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// Target is one moment to fit: an estimand's value in the data, its
// standard error there (or, if none is known, a tolerance, read as one
// standard error), and its weight.
type Target struct {
	ID        study.ID `json:"id"`
	Value     float64  `json:"value"`
	SE        float64  `json:"se,omitempty"`
	Tolerance float64  `json:"tolerance,omitempty"`
	Weight    float64  `json:"weight"`           // positive; 1 if the file leaves it out
	Source    string   `json:"source,omitempty"` // where the number comes from
}

// Scale is the target's SE, or its tolerance where no SE is given.
func (t Target) Scale() float64 {
	if t.SE > 0 {
		return t.SE
	}
	return t.Tolerance
}

// Targets is a target file: the moments to fit and, optionally, the
// simulated hires and evaluation budget a fit to them needs by default.
type Targets struct {
	Description string   `json:"description,omitempty"`
	Hires       int      `json:"hires,omitempty"`
	Evals       int      `json:"evals,omitempty"`
	Targets     []Target `json:"targets"`
}

// StudyTargets are the study's own targets (sim/study.Targets), each with
// weight 1: the file docs/calibration/targets-study.json, which a test
// keeps equal to them.
func StudyTargets() Targets {
	ts := Targets{Description: "The published moments of the study (docs/model.md, section 9); the opt-in rate is an assumption."}
	for _, t := range study.Targets {
		ts.Targets = append(ts.Targets, Target{ID: study.ID(t.ID), Value: t.Value, Tolerance: t.Tolerance, Weight: 1, Source: t.Study})
	}
	return ts
}

var targetFileKeys = []string{"description", "hires", "evals", "targets"}

// ParseTargets reads a target file, refusing unknown or repeated keys,
// unknown estimands, repeated targets and scales or weights that are not
// positive.
func ParseTargets(data []byte) (Targets, error) {
	if err := param.StrictJSON(data, targetFileKeys, `the keys "description", "hires", "evals" and "targets"`); err != nil {
		return Targets{}, err
	}
	var f struct {
		Description string `json:"description"`
		Hires       *int   `json:"hires"`
		Evals       *int   `json:"evals"`
		Targets     []struct {
			ID        string   `json:"id"`
			Source    string   `json:"source"`
			Value     float64  `json:"value"`
			SE        float64  `json:"se"`
			Tolerance float64  `json:"tolerance"`
			Weight    *float64 `json:"weight"`
		} `json:"targets"`
	}
	if err := jsonobj.Decode(data, &f); err != nil {
		return Targets{}, param.DecodeError(err, `{"targets": [{"id": ..., "value": ..., "se" or "tolerance": ..., "weight": ...}, ...]}`,
			`in a target, the keys "id", "value", "se", "tolerance", "weight" and "source"`, targetKind)
	}
	hires, err := optionalCount("hires", f.Hires)
	if err != nil {
		return Targets{}, err
	}
	evals, err := optionalCount("evals", f.Evals)
	if err != nil {
		return Targets{}, err
	}
	ts := Targets{Description: f.Description, Hires: hires, Evals: evals}
	for _, t := range f.Targets {
		w := 1.0
		if t.Weight != nil {
			w = *t.Weight
		}
		ts.Targets = append(ts.Targets, Target{ID: study.ID(t.ID), Value: t.Value, SE: t.SE, Tolerance: t.Tolerance, Weight: w, Source: t.Source})
	}
	if len(ts.Targets) == 0 {
		return Targets{}, &param.FieldError{Field: "targets", Value: "[]", Allowed: "at least one target"}
	}
	seen := map[study.ID]bool{}
	for i := range ts.Targets {
		if err := checkTarget(&ts.Targets[i], i, seen); err != nil {
			return Targets{}, err
		}
	}
	return ts, nil
}

// optionalCount is a count the file may leave out (0 then): if given, at
// least 1.
func optionalCount(field string, v *int) (int, error) {
	switch {
	case v == nil:
		return 0, nil
	case *v < 1:
		return 0, &param.FieldError{Field: field, Value: fmt.Sprint(*v), Allowed: "a whole number of at least 1 (or leave it out for the default)"}
	}
	return *v, nil
}

// targetKind is what a target file's field holds, for DecodeError.
func targetKind(field string) string {
	switch field {
	case "hires", "evals":
		return "whole number"
	case "description", "targets.id", "targets.source":
		return "string"
	case "targets":
		return "list of targets, each a JSON object"
	}
	return "number"
}

func checkTarget(t *Target, i int, seen map[study.ID]bool) error {
	field := fmt.Sprintf("targets[%d]", i)
	switch {
	case !slices.Contains(study.EstimandIDs, t.ID):
		return &param.FieldError{Field: field + ".id", Value: strconv.Quote(string(t.ID)), Allowed: "an estimand id of `mentorsim run -json`"}
	case seen[t.ID]:
		return &param.FieldError{Field: field + ".id", Value: strconv.Quote(string(t.ID)), Problem: "is given twice", Allowed: "each estimand once"}
	case !isFinite(t.Value):
		return &param.FieldError{Field: field + ".value", Value: fmt.Sprint(t.Value), Allowed: "a finite number"}
	case !(t.Scale() > 0) || math.IsInf(t.Scale(), 0) || t.SE < 0 || t.Tolerance < 0:
		return &param.FieldError{Field: field, Value: fmt.Sprintf("se %v, tolerance %v", t.SE, t.Tolerance), Allowed: "a positive se or tolerance"}
	case !(t.Weight > 0) || math.IsInf(t.Weight, 0):
		return &param.FieldError{Field: field + ".weight", Value: fmt.Sprint(t.Weight), Allowed: "a positive number (default 1; leave a target out rather than weight it 0)"}
	}
	seen[t.ID] = true
	return nil
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
