package param_test

import (
	"fmt"

	"mentorsim/sim/param"
)

// A scenario file names a preset, a seed and the parameters it changes;
// a bad value is refused with the field, the value and what is allowed.
func ExampleParseScenario() {
	sc, err := param.ParseScenario([]byte(`{"preset": "insecure", "seed": 7, "params": {"mentor_gain": 1.2}}`))
	fmt.Println(sc.Preset, sc.Seed, sc.Params.MentorGain, err)
	_, err = param.ParseScenario([]byte(`{"params": {"mentor_gain": 99}}`))
	fmt.Println(err)
	// Output:
	// insecure 7 1.2 <nil>
	// params.mentor_gain: 99 is not allowed; want a number from 0 to 10
}
