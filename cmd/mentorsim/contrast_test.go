package main

import (
	"bytes"
	"strings"
	"testing"

	"mentorsim/sim/param"
)

// run's summary and the policies table say of a contrast preset that it
// does not reproduce the study, and of a fitted one nothing of the kind.
func TestRunSaysContrast(t *testing.T) {
	for _, cmd := range []string{"run", "policies"} {
		for _, name := range param.PresetNames() {
			var out, errOut bytes.Buffer
			if code := mainArgs([]string{cmd, "-scenario", name, "-hires", "60", "-seed", "1"}, &out, &errOut); code != 0 {
				t.Fatalf("%s -scenario %s: exit %d\n%s", cmd, name, code, errOut.String())
			}
			if said := strings.Contains(out.String(), param.ContrastNote); said != param.PresetIsContrast(name) {
				t.Errorf("%s -scenario %s (a contrast: %v) says:\n%s", cmd, name, param.PresetIsContrast(name), out.String())
			}
		}
	}
}
