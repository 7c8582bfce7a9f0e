package main

import (
	"bytes"
	"errors"
	"fmt"
	"mentorsim/internal/atomicout"
	"mentorsim/sim/param"
	"mentorsim/sim/sweep"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var sweepFiles = []string{sweepResults, sweepSummary, sweepRecord}

// sameSweepFiles fails unless dirs a and b hold byte-identical sweep files.
func sameSweepFiles(t *testing.T, a, b string, names ...string) {
	t.Helper()
	for _, name := range names {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s\n%s", name, a, b, firstDiff(x, y))
		}
	}
}

func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := cli(t, args...)
	if code != 0 {
		t.Fatalf("mentorsim %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

var smallSweep = []string{"-grid", "mentor_gain=0,2", "-grid", "belonging=0.3:0.7:0.4", "-replications", "5", "-hires", "60", "-seed", "11"}

// The output is the same bytes for any number of workers, and three shards
// merged are the unsharded sweep.
func TestSweepWorkersShardsMerge(t *testing.T) {
	tmp := t.TempDir()
	dir := func(name string) string { return filepath.Join(tmp, name) }
	mustCLI(t, append([]string{"sweep", "-out", dir("w1"), "-workers", "1"}, smallSweep...)...)
	mustCLI(t, append([]string{"sweep", "-out", dir("w2"), "-workers", "2"}, smallSweep...)...)
	sameSweepFiles(t, dir("w1"), dir("w2"), sweepFiles...)
	if exists(filepath.Join(dir("w1"), sweepJournal)) {
		t.Error("the journal is left after a finished sweep")
	}
	rows := readCSV(t, filepath.Join(dir("w1"), sweepResults))
	if len(rows) != 1+4*5 || rows[0][3] != "mentor_gain" || rows[0][4] != "belonging" || rows[0][5] != "mandatory.revenue_lift_2m" {
		t.Fatalf("results.csv: %d rows, header %v", len(rows), rows[0][:6])
	}
	if got := rows[1+2*5][3] + " " + rows[1+2*5][4]; got != "2 0.3" {
		t.Errorf("point 2 is %s, want mentor_gain=2 belonging=0.3 (the last -grid varies fastest)", got)
	}
	sum := readCSV(t, filepath.Join(dir("w1"), sweepSummary))
	if len(sum) != 5 || sum[0][3] != "n" || sum[1][3] != "5" {
		t.Errorf("summary.csv: %v", sum)
	}

	var parts []string
	for i := 1; i <= 3; i++ {
		p := dir(fmt.Sprintf("part%d", i))
		args := append([]string{"sweep", "-out", p, "-shard", fmt.Sprintf("%d/3", i)}, smallSweep...)
		if i == 1 {
			args = append(args, "-resume") // as the Slurm script does: a fresh start
		}
		mustCLI(t, args...)
		if n := len(readCSV(t, filepath.Join(p, sweepResults))) - 1; n != []int{7, 7, 6}[i-1] {
			t.Errorf("shard %d/3 has %d rows", i, n)
		}
		parts = append(parts, p)
	}
	mustCLI(t, "merge", "-out", dir("merged"), parts[2], parts[0], parts[1])
	sameSweepFiles(t, dir("w1"), dir("merged"), sweepFiles...)

	// A part of another sweep, a shard missing or twice, an unfinished part.
	mustCLI(t, append([]string{"sweep", "-out", dir("other"), "-shard", "2/3"}, append(smallSweep, "-seed", "12")...)...)
	for _, c := range []struct {
		parts []string
		want  []string
	}{
		{[]string{parts[0], dir("other"), parts[2]}, []string{"different sweep", `"seed"`}},
		{[]string{parts[0], parts[1]}, []string{"3/3", "missing"}},
		{[]string{parts[0], parts[1], parts[1], parts[2]}, []string{"2/3", "once"}},
		{[]string{parts[0], dir("nothing")}, []string{"sweep.json"}},
	} {
		code, stdout, stderr := cli(t, append([]string{"merge", "-out", dir("bad")}, c.parts...)...)
		checkBadInput(t, code, stdout, stderr, c.want...)
	}
	if exists(dir("bad")) {
		t.Error("a refused merge wrote its output directory")
	}
}

func TestSweepBadInput(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	done := filepath.Join(tmp, "done")
	mustCLI(t, append([]string{"sweep", "-out", done}, smallSweep...)...)
	badFile := writeTemp(t, "bad.json", `{"grid": {"mentor_gain": [1]}, "replicates": 3}`)
	file := writeTemp(t, "ok.json", `{"grid": {"mentor_gain": [1]}}`)
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"out of range", []string{"-grid", "mentor_gain=0,99"}, []string{"grid mentor_gain", "99", "from 0 to 10"}},
		{"unknown parameter", []string{"-grid", "mentor_gian=1"}, []string{`"mentor_gian"`, "mentorsim params"}},
		{"no =", []string{"-grid", "mentor_gain"}, []string{"grid", "name=lo:hi:step"}},
		{"backward range", []string{"-grid", "mentor_gain=3:1:1"}, []string{"grid mentor_gain", `"3:1:1"`, "lo ≤ hi"}},
		{"not a number", []string{"-grid", "belonging=0.1,lots"}, []string{"grid belonging", `"lots"`}},
		{"integer", []string{"-grid", "hires=100:200:0.5"}, []string{"grid hires", "100.5", "integer"}},
		{"twice", []string{"-grid", "belonging=0.1", "-grid", "belonging=0.2"}, []string{"belonging", "twice"}},
		{"across parameters", []string{"-set", "program_start=100", "-grid", "program_days=10,40"}, []string{"program_days", "40", "point 1"}},
		{"replications", []string{"-replications", "0"}, []string{"replications", "0"}},
		{"shard", []string{"-shard", "4/3"}, []string{"shard", `"4/3"`, "1 ≤ i ≤ n"}},
		{"sweep file key", []string{"-sweep", badFile}, []string{"replicates", "unknown"}},
		{"sweep file and grid", []string{"-sweep", file, "-grid", "belonging=1"}, []string{"-grid", "-sweep"}},
		{"sweep file and scenario", []string{"-sweep", file, "-scenario", "insecure"}, []string{"-scenario", "-sweep"}},
		{"set and swept", []string{"-grid", "hires=100,200", "-hires", "300"}, []string{"hires", "set by -hires", "swept"}},
		{"-set and swept", []string{"-grid", "hires=100,200", "-set", "hires=300"}, []string{"hires", "set by -set hires", "swept"}},
		{"set and swept in the file", []string{"-sweep", file, "-mentor_gain", "2"}, []string{"mentor_gain", "set by -mentor_gain", "swept"}},
		{"missing sweep file", []string{"-sweep", filepath.Join(tmp, "none.json")}, []string{"sweep", "none.json"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, append([]string{"sweep", "-out", out}, c.args...)...)
			checkBadInput(t, code, stdout, stderr, c.want...)
			if exists(out) {
				t.Errorf("wrote %s on bad input", out)
			}
		})
	}
	t.Run("no out", func(t *testing.T) {
		code, stdout, stderr := cli(t, "sweep", "-grid", "belonging=1")
		checkBadInput(t, code, stdout, stderr, "out", "-out DIR")
	})
	t.Run("existing sweep without -resume", func(t *testing.T) {
		code, stdout, stderr := cli(t, append([]string{"sweep", "-out", done}, smallSweep...)...)
		checkBadInput(t, code, stdout, stderr, "already holds a finished sweep", "another -out")
	})
	t.Run("resume of another sweep", func(t *testing.T) {
		code, stdout, stderr := cli(t, append([]string{"sweep", "-out", done, "-resume"}, append(smallSweep, "-replications", "6")...)...)
		checkBadInput(t, code, stdout, stderr, "different sweep", `"replications"`)
	})
	t.Run("resume of a finished sweep", func(t *testing.T) {
		if out := mustCLI(t, append([]string{"sweep", "-out", done, "-resume"}, smallSweep...)...); !strings.Contains(out, "already complete") {
			t.Errorf("stdout %q", out)
		}
	})
}

// A sweep file and the scenario flags on top of it.
func TestSweepFile(t *testing.T) {
	tmp := t.TempDir()
	file := writeTemp(t, "s.json", `{"preset": "insecure", "seed": 5, "params": {"belonging": 0.5},
		"grid": {"optin_shyness": "1:2:1", "mentor_gain": [0, 3]}, "replications": 4, "hires": 500}`)
	mustCLI(t, "sweep", "-out", filepath.Join(tmp, "a"), "-sweep", file, "-hires", "50", "-replications", "2")
	mustCLI(t, "sweep", "-out", filepath.Join(tmp, "b"), "-scenario", "insecure", "-seed", "5", "-set", "belonging=0.5",
		"-grid", "optin_shyness=1,2", "-grid", "mentor_gain=0,3", "-hires", "50", "-replications", "2")
	sameSweepFiles(t, filepath.Join(tmp, "a"), filepath.Join(tmp, "b"), sweepFiles...)
	pts := writeTemp(t, "p.json", `{"points": [{"mentor_gain": 1, "belonging": 0.5}, {"belonging": 0.2}], "replications": 2, "hires": 50}`)
	mustCLI(t, "sweep", "-out", filepath.Join(tmp, "p"), "-sweep", pts)
	rows := readCSV(t, filepath.Join(tmp, "p", sweepResults))
	if def := param.Format(param.Defaults().MentorGain); len(rows) != 5 || rows[3][3] != def || rows[3][4] != "0.2" {
		t.Errorf("points: %v", rows)
	}
}

// buildMentorsim builds the command into dir.
func buildMentorsim(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "mentorsim")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func lines(path string) int {
	b, _ := os.ReadFile(path)
	return bytes.Count(b, []byte("\n"))
}

// TestSweepBinary runs the built command as a user would: killed with
// SIGKILL part-way and resumed, and sharded from a shell script.
func TestSweepBinary(t *testing.T) {
	tmp := t.TempDir()
	bin := buildMentorsim(t, tmp)
	run := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("mentorsim %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}

	t.Run("two sweeps on one directory", func(t *testing.T) {
		dir := filepath.Join(tmp, "busy")
		args := []string{"sweep", "-grid", "mentor_gain=1,3", "-replications", "150", "-hires", "603", "-out", dir, "-workers", "1"}
		first := exec.Command(bin, args...)
		if err := first.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { first.Process.Kill(); first.Wait() }()
		for deadline := time.Now().Add(30 * time.Second); lines(filepath.Join(dir, sweepJournal)) < 1; time.Sleep(2 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the first sweep journalled nothing in 30 s")
			}
		}
		second := exec.Command(bin, append(args, "-resume")...)
		out, err := second.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(out), "in use by another mentorsim sweep") {
			t.Errorf("a second sweep on a busy directory: %v, %s; want exit status 2 saying it is in use", err, out)
		}
	})

	t.Run("kill and resume", func(t *testing.T) {
		// About a second of work on one worker.
		args := []string{"sweep", "-grid", "mentor_gain=1,3", "-replications", "150", "-hires", "603", "-seed", "3"}
		const tasks = 300
		run(tmp, append(args, "-out", "ref", "-workers", "2")...)
		dir := filepath.Join(tmp, "killed")
		journal := filepath.Join(dir, sweepJournal)
		for k, at := range []int{tasks / 10, tasks / 2, tasks * 4 / 5} {
			a := append(args, "-out", dir, "-workers", "1")
			if k > 0 {
				a = append(a, "-resume")
			}
			// The sweep kills itself (SIGKILL) once the journal has at
			// lines: the hook counts this run's lines, after those resumed.
			cmd := exec.Command(bin, a...)
			cmd.Dir = tmp
			cmd.Env = append(os.Environ(), fmt.Sprintf("%s=journal:%d", atomicout.KillEnv, at-lines(journal)))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("kill %d: the sweep ended with %v, not killed at %d journal lines; stderr %s", k, err, at, stderr.String())
			}
			n := lines(journal)
			if n != at || exists(filepath.Join(dir, sweepResults)) {
				t.Fatalf("kill %d: %d journal lines (results %v); want %d and no results", k, n, exists(filepath.Join(dir, sweepResults)), at)
			}
			t.Logf("kill %d: %d of %d tasks journalled", k, n, tasks)
		}
		// A write torn by a crash: half a line at the end of the journal.
		f, err := os.OpenFile(journal, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("299 0badc0de 1,149,12345,3,0.1")
		f.Close()
		run(tmp, append(args, "-out", dir, "-workers", "2", "-resume")...)
		sameSweepFiles(t, filepath.Join(tmp, "ref"), dir, sweepFiles...)
		if exists(journal) {
			t.Error("the journal is left after the resumed sweep finished")
		}
	})

	t.Run("shards from the shell", func(t *testing.T) {
		dir := filepath.Join(tmp, "shell")
		os.MkdirAll(dir, 0o755)
		script := `set -e
MS="$1"
ARGS="-grid mentor_gain=0:2:1 -replications 7 -hires 80 -seed 9 -workers 1"
for i in 1 2 3; do "$MS" sweep $ARGS -shard $i/3 -out parts/$i & done
wait
"$MS" merge -out merged parts/*
"$MS" sweep $ARGS -out whole
`
		cmd := exec.Command("bash", "-c", script, "bash", bin)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("script: %v\n%s", err, out)
		}
		sameSweepFiles(t, filepath.Join(dir, "whole"), filepath.Join(dir, "merged"), sweepFiles...)
	})

	t.Run("examples", func(t *testing.T) {
		if out, err := exec.Command("bash", "-n", "../../examples/sweep.slurm").CombinedOutput(); err != nil {
			t.Errorf("bash -n examples/sweep.slurm: %v\n%s", err, out)
		}
		wd, _ := os.Getwd()
		ex := filepath.Join(wd, "..", "..", "examples")
		run(tmp, "sweep", "-out", "ex1", "-sweep", filepath.Join(ex, "sweep.json"), "-replications", "1", "-hires", "40")
		if n := len(readCSV(t, filepath.Join(tmp, "ex1", sweepResults))) - 1; n != 16 {
			t.Errorf("examples/sweep.json with one replication: %d rows, want 16", n)
		}
		run(tmp, "sweep", "-out", "ex2", "-scenario", filepath.Join(ex, "insecure-strong-mentor.json"),
			"-grid", "belonging=0.5,0.9", "-replications", "2", "-hires", "40")
	})
}

// Running a finished sweep again into its directory is refused as a
// finished sweep (not one to -resume), and the report counts in words that
// agree with their numbers.
func TestSweepAgainIntoAFinishedOne(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	args := []string{"sweep", "-grid", "belonging=0.2", "-replications", "1", "-hires", "200", "-out", dir}
	code, stdout, stderr := cli(t, args...)
	if code != 0 || !strings.Contains(stdout, "1 point × 1 replication: 1 task run") {
		t.Fatalf("exit %d: %q %s", code, stdout, stderr)
	}
	code, stdout, stderr = cli(t, args...)
	checkBadInput(t, code, stdout, stderr, "already holds a finished sweep", "another -out")
	if strings.Contains(stderr, "-resume") {
		t.Errorf("a finished sweep is offered -resume: %s", stderr)
	}
}

// A grid over a parameter the scenario file sets away from its preset is
// said to replace the file's value (a flag's is refused: setAndSwept);
// one the file leaves at the preset's is not mentioned.
func TestSweepNotesTheFileValuesItReplaces(t *testing.T) {
	sc, err := param.NewScenario("advice")
	if err != nil {
		t.Fatal(err)
	}
	sc.Params.Belonging = 0.8
	spec, err := sweep.NewGrid(sc, []sweep.Axis{mustAxis(t, "belonging=0.2,0.5"), mustAxis(t, "mentor_gain=1,2")}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	noteReplaced(&b, spec)
	if b.String() != "mentorsim sweep: note: the grid's belonging replaces the scenario's 0.8\n" {
		t.Errorf("notes: %q", b.String())
	}
}

func mustAxis(t *testing.T, s string) sweep.Axis {
	t.Helper()
	a, err := sweep.ParseAxis(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
