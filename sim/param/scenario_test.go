package param

import (
	"strings"
	"testing"
)

// Scenario files are read strictly: keys are case-sensitive, none may be
// repeated, and null is no value.
func TestScenarioFileIsStrict(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`{"PARAMS": {"hires": 50}}`:                       `key: "PARAMS" is unknown; want the keys "preset", "seed" and "params" (keys are case-sensitive)`,
		`{"Preset": "insecure"}`:                          `"Preset" is unknown`,
		`{"params": {"hires": 50, "hires": 60}}`:          `params: "hires" is given twice`,
		`{"seed": 1, "seed": 2}`:                          `JSON: "seed" is given twice`,
		`{"preset": null}`:                                `preset: null is not allowed`,
		`{"params": {"mentor_gain": null}}`:               `params.mentor_gain: null is not allowed`,
		`{"params": null}`:                                `params: null is not allowed`,
		`{"params": {"HIRES": 50}}`:                       `params: "HIRES" is not allowed`,
		`{"params": {"hires": 5e1}, "seed": 3}`:           ``,
		`{"seed": 7} }`:                                   `JSON: more than one value`,
		`{"seed": 7} ]`:                                   `JSON: more than one value`,
		`{"seed": "7"}`:                                   `seed: a JSON string is not allowed; want a whole number`,
		`{"seed": "abc"}`:                                 `seed: a JSON string is not allowed`,
		`{"preset": "insecure", "params": {"hires": 40}}`: ``,
	} {
		_, err := ParseScenario([]byte(in))
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", in, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: %v; want an error saying %s", in, err, want)
		}
	}
}
