package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mentorsim/internal/atomicout"
	"mentorsim/sim/export"
	"mentorsim/sim/study"
)

// cli runs a command line in-process and returns its exit status and output.
func cli(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = mainArgs(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Each kind of bad input exits with status 2 and one line naming the field,
// the value and what is allowed, and writes nothing.
func TestBadInputGetsOneClearLine(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string // all must appear in the message
	}{
		{"unknown parameter", []string{"run", "-set", "mentor_gian=2"}, []string{`"mentor_gian"`, "mentorsim params"}},
		{"out of range", []string{"run", "-set", "mentor_gain=99"}, []string{"mentor_gain", "99", "from 0 to 10"}},
		{"out of range flag", []string{"run", "-hires", "1"}, []string{"hires", "1", "integer from 2"}},
		{"not an integer", []string{"run", "-hires", "10.5"}, []string{"hires", "10.5", "integer"}},
		{"not a number", []string{"run", "-set", "belonging=lots"}, []string{"belonging", `"lots"`, "from 0 to 1"}},
		{"set without =", []string{"run", "-set", "belonging"}, []string{"belonging", "name=value"}},
		{"bad seed", []string{"run", "-seed", "-3"}, []string{"seed", `"-3"`, "whole number"}},
		{"unknown preset or missing file", []string{"run", "-scenario", "shy"}, []string{`"shy"`, "advice, insecure", "readable file"}},
		{"unknown flag", []string{"run", "-hire", "5"}, []string{"-hire", "is not a flag of mentorsim run", "mentorsim run -h"}},
		{"not a bool", []string{"run", "-json=maybe"}, []string{"json", `"maybe"`, "true or false"}},
		{"not a whole number", []string{"replicate", "-n", "1.5"}, []string{"n", `"1.5"`, "whole number"}},
		{"bad spec, named once", []string{"run", "-spec", "xx"}, []string{`spec: "xx" is not allowed; want ols`}},
		{"bad memory size, named once", []string{"run", "-max-memory", "0"}, []string{`max-memory: "0" is not allowed; want a size`}},
		{"number too large", []string{"run", "-set", "mentor_gain=1e400"}, []string{"mentor_gain", "1e400", "too large", "from 0 to 10"}},
		{"program past horizon", []string{"run", "-set", "program_start=100", "-set", "program_days=40"}, []string{"program_days", "40", "horizon"}},
		{"bad workers", []string{"run", "-workers", "0"}, []string{"workers", "0", "at least 1"}},
		{"bad replications", []string{"replicate", "-n", "0"}, []string{"n", "0", "at least 1"}},
		{"seeds past 2^64", []string{"replicate", "-seed", "18446744073709551615", "-n", "3"}, []string{"seed", "18446744073709551615", "at most 18446744073709551613"}},
		{"power's seeds past 2^64", []string{"power", "-seed", "18446744073709551615", "-replications", "2"}, []string{"seed", "at most 18446744073709551614"}},
		{"unknown command", []string{"runn"}, []string{`"runn"`, "replicate"}},
		{"params format", []string{"params", "-format", "xml"}, []string{"format", `"xml"`, "markdown"}},
		{"calibrate without out", []string{"calibrate"}, []string{"out", "-out FILE"}},
		{"stray argument", []string{"run", "extra"}, []string{`"extra"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, c.args...)
			checkBadInput(t, code, stdout, stderr, c.want...)
		})
	}
}

func checkBadInput(t *testing.T, code int, stdout, stderr string, want ...string) {
	t.Helper()
	if code != 2 {
		t.Errorf("exit status %d, want 2 (stderr %q)", code, stderr)
	}
	if stdout != "" {
		t.Errorf("printed to stdout on bad input: %q", stdout)
	}
	if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("want exactly one line on stderr, got %q", stderr)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("message %q does not mention %q", stderr, w)
		}
	}
}

func TestBadScenarioFiles(t *testing.T) {
	cases := []struct {
		name, content string
		want          []string
	}{
		{"truncated", `{"preset": "study",`, []string{"JSON", "malformed JSON"}},
		{"not an object", `[1, 2]`, []string{"JSON array"}},
		{"syntax error", `{"preset": study}`, []string{"JSON", "byte 12", "malformed"}},
		{"unknown key", `{"preset": "study", "sed": 7}`, []string{`"sed"`, `"preset", "seed" and "params"`}},
		{"unknown parameter", `{"params": {"mentor_gian": 2}}`, []string{`"mentor_gian"`, "params"}},
		{"out of range", `{"params": {"belonging": 1.5}}`, []string{"params.belonging", "1.5", "from 0 to 1"}},
		{"parameter not a number", `{"params": {"belonging": "high"}}`, []string{"params.belonging", `"high"`}},
		{"unknown preset", `{"preset": "shy"}`, []string{"preset", `"shy"`, "overconfident"}},
		{"bad seed", `{"seed": 1.5}`, []string{"seed", "1.5", "whole number"}},
		{"two objects", `{} {}`, []string{"single JSON object"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeTemp(t, "scenario.json", c.content)
			out := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := cli(t, "run", "-scenario", path, "-out", out)
			checkBadInput(t, code, stdout, stderr, append(c.want, path)...)
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("output directory exists after bad input: %v", err)
			}
		})
	}
}

func TestScenarioFileAndOverrides(t *testing.T) {
	path := writeTemp(t, "s.json", `{"preset": "insecure", "seed": 7, "params": {"mentor_gain": 2.0, "hires": 200}}`)
	code, stdout, stderr := cli(t, "run", "-scenario", path, "-set", "belonging=0.5", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Seed     uint64
		Scenario struct {
			Preset string
			Params map[string]float64
		}
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	p := got.Scenario.Params
	if got.Seed != 7 || got.Scenario.Preset != "insecure" || p["mentor_gain"] != 2 || p["hires"] != 200 || p["belonging"] != 0.5 {
		t.Errorf("scenario not applied: seed %d, preset %s, params %v", got.Seed, got.Scenario.Preset, p)
	}
	// The summary's scenario is itself a scenario file that reproduces the run.
	var whole map[string]json.RawMessage
	json.Unmarshal([]byte(stdout), &whole)
	again := writeTemp(t, "again.json", string(whole["scenario"]))
	_, stdout2, _ := cli(t, "run", "-scenario", again, "-json")
	if stdout2 != stdout {
		t.Error("running the summary's own scenario gave a different result")
	}
}

func TestOutWritesAllFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "run1")
	code, stdout, stderr := cli(t, "run", "-hires", "300", "-seed", "4", "-out", out)
	if code != 0 || !strings.Contains(stdout, "mandatory.revenue_lift_2m") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	rows := map[string]int{"reps.csv": 301, "daily.csv": 5*126 + 1}
	for name, want := range rows {
		recs := readCSV(t, filepath.Join(out, name))
		if len(recs) != want {
			t.Errorf("%s has %d rows, want %d", name, len(recs), want)
		}
	}
	days := readCSV(t, filepath.Join(out, "days.csv"))
	reps := readCSV(t, filepath.Join(out, "reps.csv"))
	col := index(reps[0])
	total := 0
	for _, r := range reps[1:] {
		total += atoi(t, r[col["days_employed"]])
	}
	if len(days)-1 != total {
		t.Errorf("days.csv has %d rep-days, reps.csv counts %d", len(days)-1, total)
	}
	var sum map[string]any
	b, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	if err := json.Unmarshal(b, &sum); err != nil || sum["seed"] != 4.0 {
		t.Errorf("summary.json: %v, seed %v", err, sum["seed"])
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".mentorsim-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func index(header []string) map[string]int {
	m := map[string]int{}
	for i, h := range header {
		m[h] = i
	}
	return m
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if err := json.Unmarshal([]byte(s), &n); err != nil {
		t.Fatalf("%q is not an integer", s)
	}
	return n
}

func TestOutIntoAFileIsRefusedBeforeRunning(t *testing.T) {
	file := writeTemp(t, "taken", "keep me")
	code, stdout, stderr := cli(t, "run", "-out", file)
	checkBadInput(t, code, stdout, stderr, "out", file, "not a directory")
	if b, _ := os.ReadFile(file); string(b) != "keep me" {
		t.Error("the file in the way was changed")
	}
}

// A failure while writing leaves neither the directory nor any of its files.
func TestFailedWriteLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	err := writeFiles("run", out, []atomicout.File{
		{Name: "a.csv", Write: func(w io.Writer) error { _, err := io.WriteString(w, "x\n"); return err }},
		{Name: "b.csv", Write: func(io.Writer) error { return errors.New("disk full") }},
	})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the write's error", err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 0 {
		t.Errorf("left behind after a failed write: %v", entries)
	}
}

func TestParamsListsTheTable(t *testing.T) {
	code, stdout, _ := cli(t, "params")
	for _, name := range []string{"mentor_gain", "optin_shyness", "pending_quit", "hires"} {
		if code != 0 || !strings.Contains(stdout, name) {
			t.Errorf("params output lacks %s", name)
		}
	}
}

// docs/parameters.md is generated from the table; it must not drift.
func TestParametersDocIsCurrent(t *testing.T) {
	_, stdout, _ := cli(t, "params", "-format", "markdown")
	doc, err := os.ReadFile("../../docs/parameters.md")
	if err != nil {
		t.Fatalf("%v (make docs writes it)", err)
	}
	if string(doc) != stdout {
		t.Error("docs/parameters.md is out of date: run make docs")
	}
}

func TestReplicateIsIndependentOfWorkers(t *testing.T) {
	_, a, _ := cli(t, "replicate", "-n", "6", "-hires", "200", "-workers", "1", "-json")
	code, b, stderr := cli(t, "replicate", "-n", "6", "-hires", "200", "-workers", "3", "-json")
	if code != 0 || a != b {
		t.Fatalf("replicate differs between 1 and 3 workers (exit %d, %s)", code, stderr)
	}
	var got struct {
		Replications int
		Estimates    map[string]struct {
			Mean float64
			N    int
		}
	}
	if err := json.Unmarshal([]byte(a), &got); err != nil {
		t.Fatal(err)
	}
	if got.Replications != 6 || got.Estimates["voluntary.optin_rate"].N != 6 {
		t.Errorf("replications %d, n %d", got.Replications, got.Estimates["voluntary.optin_rate"].N)
	}
}

// An output made with -spec fe says so: run's and replicate's JSON record
// the spec beside the scenario and their text names it on its first line;
// the default's outputs leave it out.
func TestOutputsRecordTheSpec(t *testing.T) {
	for _, c := range []struct {
		args []string
		fe   bool
	}{
		{[]string{"run", "-hires", "200"}, false}, {[]string{"run", "-hires", "200", "-spec", "fe"}, true},
		{[]string{"replicate", "-n", "2", "-hires", "200"}, false}, {[]string{"replicate", "-n", "2", "-hires", "200", "-spec", "fe"}, true},
	} {
		code, text, stderr := cli(t, c.args...)
		_, js, _ := cli(t, append(c.args, "-json")...)
		var got struct{ Spec string }
		if err := json.Unmarshal([]byte(js), &got); code != 0 || err != nil {
			t.Fatalf("%v: exit %d, %v, %s", c.args, code, err, stderr)
		}
		first, _, _ := strings.Cut(text, "\n")
		if said := strings.Contains(first, "-spec fe"); said != c.fe || (got.Spec == "fe") != c.fe || !c.fe && strings.Contains(js, `"spec"`) {
			t.Errorf("%v: first line %q, JSON spec %q; want fe named: %v", c.args, first, got.Spec, c.fe)
		}
	}
}

// replicate's significance column has no share for a level (a share
// tested against 0 is always "significant") and a share for every effect;
// so do replicate.json (null) and a sweep's summary.csv (empty).
func TestReplicateSignificanceSkipsLevels(t *testing.T) {
	code, text, stderr := cli(t, "replicate", "-n", "3", "-hires", "200")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, js, _ := cli(t, "replicate", "-n", "3", "-hires", "200", "-json")
	var got struct {
		Estimates map[string]struct {
			ShareSignificant *float64 `json:"share_significant"`
		}
	}
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "s")
	if code, _, stderr := cli(t, "sweep", "-replications", "3", "-hires", "200", "-out", dir); code != 0 {
		t.Fatalf("sweep: exit %d: %s", code, stderr)
	}
	rows := readCSV(t, filepath.Join(dir, "summary.csv"))
	for _, e := range study.Estimands {
		if e.Truth {
			continue
		}
		if null := got.Estimates[string(e.ID)].ShareSignificant == nil; null != e.Level {
			t.Errorf("replicate.json's %s share_significant is null: %v; want %v (a level)", e.ID, null, e.Level)
		}
		if i := slices.Index(rows[0], string(e.ID)+".share_significant"); i < 0 {
			t.Errorf("summary.csv has no %s.share_significant", e.ID)
		} else if (rows[1][i] == "") != e.Level {
			t.Errorf("summary.csv's %s.share_significant is %q (a level: %v)", e.ID, rows[1][i], e.Level)
		}
	}
	for _, e := range study.Estimands {
		if e.Truth {
			continue
		}
		i := strings.Index(text, "\n"+string(e.ID)+" ")
		if i < 0 {
			t.Fatalf("no row for %s:\n%s", e.ID, text)
		}
		row, _, _ := strings.Cut(text[i+1:], "\n")
		if dash := strings.HasSuffix(row, "–"); dash != e.Level || !e.Level && !strings.HasSuffix(row, "%") {
			t.Errorf("%s (a level: %v): row %q", e.ID, e.Level, row)
		}
	}
}

// Replication k is exactly the run with seed+k.
func TestReplicationKIsRunWithSeedPlusK(t *testing.T) {
	_, rep, _ := cli(t, "replicate", "-n", "1", "-seed", "12", "-hires", "200", "-json")
	_, run, _ := cli(t, "run", "-seed", "12", "-hires", "200", "-json")
	var r struct {
		Estimates map[string]struct{ Mean float64 }
	}
	var s struct {
		Estimates map[string]struct{ Estimate float64 }
	}
	json.Unmarshal([]byte(rep), &r)
	json.Unmarshal([]byte(run), &s)
	for id, e := range s.Estimates {
		if r.Estimates[id].Mean != e.Estimate {
			t.Errorf("%s: replicate mean %v, run %v", id, r.Estimates[id].Mean, e.Estimate)
		}
	}
}

// run -out past MaxDaysHires writes no rep-day files and says so, rather
// than leaving them out without a word.
func TestRunOutSaysWhenItLeavesOutTheRepDayFiles(t *testing.T) {
	for _, hires := range []int{export.MaxDaysHires, export.MaxDaysHires + 1} {
		dir := filepath.Join(t.TempDir(), "r")
		stderr := captureStderr(t, func() {
			if code, _, errText := cli(t, "run", "-hires", strconv.Itoa(hires), "-out", dir); code != 0 {
				t.Fatalf("exit %d: %s", code, errText)
			}
		})
		_, err := os.Stat(filepath.Join(dir, "panel.csv"))
		if wrote, said := err == nil, strings.Contains(stderr, "panel.csv"); wrote == said || wrote != (hires <= export.MaxDaysHires) {
			t.Errorf("%d hires: panel.csv written %v, said %v (%q)", hires, wrote, said, stderr)
		}
	}
}

// captureStderr runs f with os.Stderr going to a pipe, and returns what f
// wrote there (the notes a command writes beside its output).
func captureStderr(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = w
	got := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	defer func() { os.Stderr = saved }()
	f()
	w.Close()
	return <-got
}
