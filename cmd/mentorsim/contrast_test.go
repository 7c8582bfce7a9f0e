package main

import (
	"bytes"
	"strings"
	"testing"

	"mentorsim/sim/param"
)

// run's summary says of a contrast preset that it does not reproduce the
// study, and of a fitted one nothing of the kind.
func TestRunSaysContrast(t *testing.T) {
	for _, name := range param.PresetNames() {
		var out, errOut bytes.Buffer
		if code := mainArgs([]string{"run", "-scenario", name, "-hires", "60", "-seed", "1"}, &out, &errOut); code != 0 {
			t.Fatalf("run -scenario %s: exit %d\n%s", name, code, errOut.String())
		}
		if said := strings.Contains(out.String(), param.ContrastNote); said != param.PresetIsContrast(name) {
			t.Errorf("run -scenario %s (a contrast: %v) says:\n%s", name, param.PresetIsContrast(name), out.String())
		}
	}
}
