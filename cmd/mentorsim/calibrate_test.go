package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mentorsim/sim/param"
)

// calibrate -targets on the hypothetical study, small enough to converge
// in about 120 evaluations: it writes the fitted scenario and reports the
// targets, how to rerun the fit, the identification (parameters against
// targets, rank, a finite condition number) and a finite SE per parameter.
func TestCalibrateTargetsReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "fit.json")
	code, stdout, stderr := cli(t, "calibrate", "-targets", "../../examples/targets-hypothetical.json",
		"-free", "optin_base,mentor_floor", "-evals", "400", "-hires", "2000", "-workers", "2", "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"voluntary.optin_rate", "2 free parameters, 6 targets: over-identified by 4",
		"rank 2 of 2", "SE (MSM sandwich)", "which targets each parameter moves", "identification at the optimum",
		"mentorsim run -scenario " + out + " -hires 2000"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, stdout)
		}
	}
	cond := regexp.MustCompile(`condition number ([0-9.e+]+);`).FindStringSubmatch(stdout)
	if cond == nil {
		t.Fatalf("no condition number:\n%s", stdout)
	}
	if c, err := strconv.ParseFloat(cond[1], 64); err != nil || !(c >= 1 && c < 1e4) {
		t.Errorf("condition number %s, want a finite number ≥ 1", cond[1])
	}
	for _, name := range []string{"optin_base", "mentor_floor"} {
		row := regexp.MustCompile(`(?m)^` + name + `\s+(\S+)\s+(\S+)\s`).FindStringSubmatch(stdout)
		if row == nil {
			t.Fatalf("no row for %s:\n%s", name, stdout)
		}
		if se, err := strconv.ParseFloat(row[2], 64); err != nil || !(se > 0) {
			t.Errorf("%s: SE %q, want a positive number", name, row[2])
		}
	}
	sc := readScenario(t, out)
	if sc.Params.OptinBase == 0 {
		t.Errorf("fitted scenario %s has no optin_base", out)
	}
}

// A fit stopped at its budget of evaluations says it did not converge,
// and marks its standard errors, which assume an optimum, as indicative.
func TestCalibrateSaysWhenItDidNotConverge(t *testing.T) {
	code, stdout, stderr := cli(t, "calibrate", "-targets", "../../examples/targets-hypothetical.json",
		"-free", "optin_base,mentor_floor", "-evals", "4", "-hires", "2000", "-workers", "2", "-out", filepath.Join(t.TempDir(), "fit.json"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "NOT CONVERGED") || strings.Contains(stdout, "identification at the optimum") {
		t.Errorf("a fit stopped after 4 evaluations does not say it did not converge:\n%s", stdout)
	}
	for _, name := range []string{"optin_base", "mentor_floor"} {
		row := regexp.MustCompile(`(?m)^` + name + `\s+\S+\s+(.*?)\s+±`).FindStringSubmatch(stdout)
		if row == nil || !strings.HasSuffix(row[1], "(no optimum: indicative only)") {
			t.Errorf("%s: SE %q; want it marked as indicative only:\n%s", name, row, stdout)
		}
	}
}

// Target files are checked like scenario files: one line naming the field.
func TestCalibrateBadTargets(t *testing.T) {
	bad := writeTemp(t, "t.json", `{"targets": [{"id": "mandatory.revenue_lift_9m", "value": 0.1, "se": 0.1}]}`)
	code, stdout, stderr := cli(t, "calibrate", "-targets", bad, "-out", filepath.Join(t.TempDir(), "f.json"))
	checkBadInput(t, code, stdout, stderr, "targets[0].id", "mandatory.revenue_lift_9m")
}

func readScenario(t *testing.T, path string) param.Scenario {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := param.ParseScenario(data)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// calibrate with no -targets fits the study's target file.
func TestCalibrateDefaultTargetsAreTheStudyFile(t *testing.T) {
	dir := t.TempDir()
	args := []string{"calibrate", "-free", "mentor_floor", "-evals", "3", "-hires", "2000", "-workers", "2"}
	_, plain, _ := cli(t, append(args, "-out", filepath.Join(dir, "a.json"))...)
	code, file, stderr := cli(t, append(args, "-targets", "../../docs/calibration/targets-study.json", "-out", filepath.Join(dir, "b.json"))...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	strip := func(s string) string {
		return strings.ReplaceAll(s, filepath.Join(dir, "b.json"), filepath.Join(dir, "a.json"))
	}
	if strip(file) != plain || !strings.Contains(plain, "control.retention_3m") {
		t.Errorf("with the study's file:\n%s\nwithout -targets:\n%s", file, plain)
	}
}

// The fitted scenario file reproduces the fit: it keeps the parameters the
// fit assumed away from the preset's values (here -denied_help 0.2), not
// only the fitted ones.
func TestCalibrateFileKeepsTheAssumptions(t *testing.T) {
	out := filepath.Join(t.TempDir(), "fit.json")
	code, _, stderr := cli(t, "calibrate", "-free", "mentor_gain", "-evals", "3", "-hires", "2000", "-denied_help", "0.2", "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sc := readScenario(t, out)
	def, _ := param.NewScenario(sc.Preset)
	if sc.Params.DeniedHelp != 0.2 || sc.Params.Hires != def.Params.Hires {
		t.Errorf("fitted file: denied_help %g (want 0.2), hires %g (want the preset's %g)", sc.Params.DeniedHelp, sc.Params.Hires, def.Params.Hires)
	}
	if d := sc.Params.Diff(def.Params); !slices.Equal(d, []string{"mentor_gain", "denied_help"}) && !slices.Equal(d, []string{"denied_help"}) {
		t.Errorf("fitted file differs from the preset in %v, want mentor_gain and denied_help", d)
	}
}

// -free names parameters the optimiser can move, each once.
func TestCalibrateBadFree(t *testing.T) {
	file := writeTemp(t, "notes.txt", "keep")
	code, stdout, stderr := cli(t, "calibrate", "-evals", "300", "-out", filepath.Join(file, "f.json")) // refused before fitting
	checkBadInput(t, code, stdout, stderr, "out", "which is a file")
	for free, want := range map[string]string{"mentor_gain,mentor_gain": "named once", "horizon": "whole number", "hires": "whole number", "nope": "names of parameters"} {
		code, stdout, stderr := cli(t, "calibrate", "-free", free, "-out", filepath.Join(t.TempDir(), "f.json"))
		checkBadInput(t, code, stdout, stderr, "free", want)
	}
}

// calibrate -out replaces only a scenario file, and never a file the run
// reads: the targets or the starting scenario are kept.
func TestCalibrateKeepsWhatOutWouldDestroy(t *testing.T) {
	targets := writeTemp(t, "t.json", `{"targets": [{"id": "voluntary.optin_rate", "value": 0.5, "tolerance": 0.02}]}`)
	start := writeTemp(t, "s.json", `{"preset": "advice", "params": {"optin_base": 0.2}}`)
	notes := writeTemp(t, "notes.txt", "my notes\n")
	args := []string{"calibrate", "-free", "optin_base", "-evals", "2", "-hires", "1000"}
	for _, c := range []struct{ extra, want []string }{
		{[]string{"-targets", targets, "-out", targets}, []string{"out", "is also -targets"}},
		{[]string{"-scenario", start, "-out", start}, []string{"out", "is also -scenario"}},
		{[]string{"-out", notes}, []string{"out", "is not a scenario file"}},
	} {
		code, stdout, stderr := cli(t, append(args, c.extra...)...)
		checkBadInput(t, code, stdout, stderr, c.want...)
	}
	for path, want := range map[string]string{targets: `{"targets": [{"id": "voluntary.optin_rate", "value": 0.5, "tolerance": 0.02}]}`, notes: "my notes\n"} {
		if got, err := os.ReadFile(path); err != nil || string(got) != want {
			t.Errorf("%s now holds %q, %v", path, got, err)
		}
	}
	other := writeTemp(t, "old-fit.json", `{"preset": "advice"}`) // a scenario file: replaced
	if code, _, stderr := cli(t, append(args, "-out", other)...); code != 0 {
		t.Errorf("replacing a scenario file: exit %d: %s", code, stderr)
	}
	if sc := readScenario(t, other); sc.Params.OptinBase == 0 {
		t.Errorf("%s does not hold the fit", other)
	}
}

// A study too small to define the fit's measures is refused before
// anything is written, naming what is undefined.
func TestCalibrateTooSmallIsRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "fit.json")
	code, stdout, stderr := cli(t, "calibrate", "-hires", "20", "-evals", "3", "-out", out)
	checkBadInput(t, code, stdout, stderr, "hires: 20", "undefined: ")
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written: %v", out, err)
	}
}
