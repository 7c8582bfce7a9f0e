//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"mentorsim/internal/atomicout"
	"mentorsim/sim/param"
)

// wantBad fails unless the command exits with status 2 and its message
// holds every string in want.
func wantBad(t *testing.T, args []string, want ...string) {
	t.Helper()
	code, _, stderr := cli(t, args...)
	if code != 2 {
		t.Errorf("mentorsim %s: exit %d (%s); want 2", strings.Join(args, " "), code, stderr)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("mentorsim %s: %q does not say %q", strings.Join(args, " "), stderr, w)
		}
	}
}

// Endless inputs and huge counts are refused before any work, as bad input.
func TestBoundedInputsAndMemory(t *testing.T) {
	out := t.TempDir()
	wantBad(t, []string{"run", "-scenario", "/dev/zero"}, "a device, not a regular file")
	wantBad(t, []string{"sweep", "-out", filepath.Join(out, "s"), "-sweep", "/dev/zero"}, "a device, not a regular file")
	wantBad(t, []string{"plot", "-in", "/dev/zero", "-out", filepath.Join(out, "p.png")}, "a device, not a regular file")
	big := filepath.Join(out, "big.json")
	os.WriteFile(big, bytes.Repeat([]byte(" "), 17<<20), 0o644)
	wantBad(t, []string{"run", "-scenario", big}, "larger than 1 MiB")
	wantBad(t, []string{"sweep", "-out", filepath.Join(out, "s"), "-sweep", big}, "larger than 16 MiB")
	wantBad(t, []string{"replicate", "-n", "2000000000"}, "over the limit of 4GiB", "-max-memory")
	wantBad(t, []string{"power", "-replications", "2000000000"}, "over the limit of 4GiB")
	wantBad(t, []string{"sweep", "-out", filepath.Join(out, "s"), "-grid", "mentor_gain=0:3:0.00001", "-grid", "belonging=0:1:0.01", "-replications", "1"}, "points", "over the limit")
	wantBad(t, []string{"replicate", "-n", "1000", "-hires", "10000000", "-workers", "8", "-max-memory", "1GiB"}, "limit of 1GiB")
	wantBad(t, []string{"replicate", "-max-memory", "12"}, "max-memory")
	if _, err := os.Stat(filepath.Join(out, "s")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused sweep made its -out directory")
	}
}

// A second run into the same -out replaces the first as a whole; a directory
// holding anything else, another command's output included, is refused with
// a way out.
func TestOutReplacesAWholeOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "st")
	mustCLI(t, "run", "-hires", "603", "-out", dir)
	if !exists(filepath.Join(dir, "days.csv")) {
		t.Fatal("run -hires 603 wrote no days.csv")
	}
	mustCLI(t, "run", "-hires", "10001", "-out", dir)
	if exists(filepath.Join(dir, "days.csv")) {
		t.Error("the days.csv of the earlier run is left beside the new files")
	}
	runs := dirNames(t, dir)
	wantBad(t, []string{"replicate", "-n", "2", "-hires", "40", "-out", dir}, "daily.csv, reps.csv, summary.json", "this command's earlier output")
	if names := dirNames(t, dir); !slices.Equal(names, runs) {
		t.Errorf("after a refused replicate -out over a run's output: %v, want %v", names, runs)
	}
	sweep := filepath.Join(t.TempDir(), "sw")
	mustCLI(t, "sweep", "-grid", "mentor_gain=0,1", "-replications", "1", "-hires", "40", "-out", sweep)
	for _, cmd := range [][]string{{"run"}, {"replicate", "-n", "1"}, {"power", "-replications", "1", "-hires-list", "40", "-gains", "0"}} {
		wantBad(t, append(cmd, "-hires", "40", "-out", sweep), "results.csv", "this command's earlier output")
	}
	if names := dirNames(t, sweep); !slices.Contains(names, "results.csv") || !slices.Contains(names, "sweep.json") {
		t.Errorf("a sweep's output after refused runs into it: %v", names)
	}
	wantBad(t, []string{"run", "-hires", "40", "-out", ""}, "out", "empty")
	wantBad(t, []string{"run", "-hires", "40", "-out", filepath.Join(dir, "summary.json", "x")}, "which is a file, not a directory")
	dir = filepath.Join(t.TempDir(), "rep")
	mustCLI(t, "replicate", "-n", "2", "-hires", "40", "-out", dir)
	mustCLI(t, "replicate", "-n", "1", "-hires", "40", "-out", dir)
	if names := dirNames(t, dir); !slices.Equal(names, []string{"replicate.json", "replications.csv"}) {
		t.Errorf("after replicate -out over its earlier output: %v", names)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	wantBad(t, []string{"run", "-hires", "40", "-out", dir}, "notes.txt", "a new or empty directory")
	wantBad(t, []string{"run", "-hires", "40", "-out", "."}, "names no directory")
	wantBad(t, []string{"replicate", "-n", "1", "-hires", "40", "-out", dir + "/.."}, "names no directory")
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("a refused run touched notes.txt")
	}
}

// Every -out directory records the seed and the whole scenario, so that an
// output can be told from another and run again.
func TestOutputsRecordSeedAndScenario(t *testing.T) {
	tmp := t.TempDir()
	given := []string{"-scenario", "overconfident", "-denied_help", "0.2", "-seed", "7", "-hires", "60"}
	for cmd, file := range map[string]string{"replicate": "replicate.json", "power": "power.json", "run": "summary.json"} {
		args := append([]string{cmd}, given...)
		switch cmd {
		case "replicate":
			args = append(args, "-n", "2")
		case "power":
			args = append(args, "-replications", "2", "-hires-list", "60", "-gains", "0.5", "-optin-rates", "0.5")
		}
		out := filepath.Join(tmp, cmd)
		mustCLI(t, append(args, "-out", out)...)
		b, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		var v struct{ Scenario json.RawMessage }
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		sc, err := param.ParseScenario(v.Scenario)
		if err != nil {
			t.Fatalf("%s's scenario is no scenario file: %v", file, err)
		}
		if sc.Preset != "overconfident" || sc.Seed != 7 || sc.Params.DeniedHelp != 0.2 {
			t.Errorf("%s -out: %s records preset %s, seed %d, denied_help %g", cmd, file, sc.Preset, sc.Seed, sc.Params.DeniedHelp)
		}
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// Links where an output goes are refused, never followed: the journal and
// lock of a sweep (fresh and on -resume), output files and directories, and
// temporary names.
func TestLinksAreNotFollowed(t *testing.T) {
	tmp := t.TempDir()
	victim := filepath.Join(tmp, "victim")
	const precious = "precious\n"
	reset := func() { os.WriteFile(victim, []byte(precious), 0o644) }
	untouched := func(what string) {
		t.Helper()
		if b, _ := os.ReadFile(victim); string(b) != precious {
			t.Errorf("%s: the link's target now holds %q", what, b)
		}
	}
	sweepArgs := func(dir string, extra ...string) []string {
		return append([]string{"sweep", "-out", dir, "-grid", "mentor_gain=0,1", "-replications", "2", "-hires", "30"}, extra...)
	}

	t.Run("journal on resume", func(t *testing.T) {
		reset()
		dir := filepath.Join(tmp, "j")
		os.MkdirAll(dir, 0o755)
		rec := mustSweepRecord(t, sweepArgs(dir))
		os.WriteFile(filepath.Join(dir, sweepRecord), rec, 0o644)
		os.Symlink(victim, filepath.Join(dir, sweepJournal))
		wantBad(t, sweepArgs(dir, "-resume"), "symbolic link")
		untouched("a symlinked .journal on -resume")
	})
	t.Run("dangling journal on resume", func(t *testing.T) {
		dir := filepath.Join(tmp, "jd")
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, sweepRecord), mustSweepRecord(t, sweepArgs(dir)), 0o644)
		elsewhere := filepath.Join(tmp, "elsewhere")
		os.Symlink(elsewhere, filepath.Join(dir, sweepJournal))
		wantBad(t, sweepArgs(dir, "-resume"), "symbolic link")
		if exists(elsewhere) {
			t.Error("a dangling .journal link made a file where it points")
		}
	})
	t.Run("lock, fresh", func(t *testing.T) {
		reset()
		dir := filepath.Join(tmp, "l")
		os.MkdirAll(dir, 0o755)
		os.Symlink(victim, filepath.Join(dir, ".lock"))
		wantBad(t, sweepArgs(dir), "symbolic link")
		untouched("a symlinked .lock")
	})
	t.Run("lock on resume", func(t *testing.T) {
		reset()
		dir := filepath.Join(tmp, "lr")
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, sweepRecord), mustSweepRecord(t, sweepArgs(dir)), 0o644)
		os.Symlink(victim, filepath.Join(dir, ".lock"))
		wantBad(t, sweepArgs(dir, "-resume"), "symbolic link")
		untouched("a symlinked .lock on -resume")
	})
	t.Run("journal, fresh", func(t *testing.T) {
		reset()
		dir := filepath.Join(tmp, "jf")
		os.MkdirAll(dir, 0o755)
		os.Symlink(victim, filepath.Join(dir, sweepJournal))
		wantBad(t, sweepArgs(dir), "already holds a sweep")
		untouched("a symlinked .journal in a fresh sweep's directory")
	})
	t.Run("results on resume", func(t *testing.T) {
		reset()
		dir := filepath.Join(tmp, "r")
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, sweepRecord), mustSweepRecord(t, sweepArgs(dir)), 0o644)
		os.Symlink(victim, filepath.Join(dir, sweepResults))
		wantBad(t, sweepArgs(dir, "-resume"), "results.csv\" is a symbolic link")
		untouched("a symlinked results.csv")
	})
	t.Run("temporary name in a sweep's directory on resume", func(t *testing.T) {
		keep := filepath.Join(tmp, "keep2")
		os.MkdirAll(keep, 0o755)
		os.WriteFile(filepath.Join(keep, "data"), []byte("x"), 0o644)
		dir := filepath.Join(tmp, "tr")
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, sweepRecord), mustSweepRecord(t, sweepArgs(dir)), 0o644)
		os.Symlink(keep, filepath.Join(dir, atomicout.Prefix+"planted"))
		mustCLI(t, sweepArgs(dir, "-resume")...)
		if b, err := os.ReadFile(filepath.Join(keep, "data")); err != nil || string(b) != "x" {
			t.Error("a link with a temporary name was followed")
		}
		if exists(filepath.Join(dir, atomicout.Prefix+"planted")) {
			t.Error("a link with a temporary name was left in the sweep's directory")
		}
	})
	t.Run("sweep directory", func(t *testing.T) {
		real := filepath.Join(tmp, "real")
		os.MkdirAll(real, 0o755)
		link := filepath.Join(tmp, "linkdir")
		os.Symlink(real, link)
		wantBad(t, sweepArgs(link), "symbolic link")
		wantBad(t, []string{"run", "-hires", "30", "-out", link}, "symbolic link")
	})
	t.Run("run output file", func(t *testing.T) {
		reset()
		dir := filepath.Join(tmp, "o")
		mustCLI(t, "run", "-hires", "30", "-out", dir)
		os.Remove(filepath.Join(dir, "reps.csv"))
		os.Symlink(victim, filepath.Join(dir, "reps.csv"))
		wantBad(t, []string{"run", "-hires", "30", "-out", dir}, "reps.csv")
		untouched("a symlinked reps.csv")
	})
	t.Run("plot output", func(t *testing.T) {
		reset()
		run := filepath.Join(tmp, "po")
		mustCLI(t, "run", "-hires", "30", "-out", run)
		link := filepath.Join(tmp, "fig.png")
		os.Symlink(victim, link)
		wantBad(t, []string{"plot", "-in", run, "-out", link}, "symbolic link")
		untouched("plot -out a link")
		os.MkdirAll(filepath.Join(tmp, "d.png"), 0o755)
		wantBad(t, []string{"plot", "-in", run, "-out", filepath.Join(tmp, "d.png")}, "is a directory")
	})
	t.Run("temporary directory", func(t *testing.T) {
		keep := filepath.Join(tmp, "keep")
		os.MkdirAll(keep, 0o755)
		os.WriteFile(filepath.Join(keep, "data"), []byte("x"), 0o644)
		parent := filepath.Join(tmp, "p")
		os.MkdirAll(parent, 0o755)
		os.Symlink(keep, filepath.Join(parent, atomicout.Prefix+"planted"))
		mustCLI(t, "run", "-hires", "30", "-out", filepath.Join(parent, "out"))
		if b, err := os.ReadFile(filepath.Join(keep, "data")); err != nil || string(b) != "x" {
			t.Error("a link with a temporary name was followed")
		}
		if exists(filepath.Join(parent, atomicout.Prefix+"planted")) {
			t.Error("a link with a temporary name was left")
		}
	})
}

// mustSweepRecord is the sweep.json a sweep writes for args (run in
// another directory).
func mustSweepRecord(t *testing.T, args []string) []byte {
	t.Helper()
	ref := filepath.Join(t.TempDir(), "ref")
	a := slices.Clone(args)
	a[slices.Index(a, "-out")+1] = ref
	mustCLI(t, a...)
	b, err := os.ReadFile(filepath.Join(ref, sweepRecord))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The smaller sweep and merge items: no lock is left, a damaged sweep.json
// is called damaged, and an edited part is refused by merge.
func TestSweepLeftoversAndDamage(t *testing.T) {
	tmp := t.TempDir()
	args := func(dir string, extra ...string) []string {
		return append([]string{"sweep", "-out", dir, "-grid", "mentor_gain=0,1", "-replications", "3", "-hires", "30"}, extra...)
	}
	done := filepath.Join(tmp, "done")
	mustCLI(t, args(done)...)
	if names := dirNames(t, done); !slices.Equal(names, []string{"results.csv", "results.sha256", "summary.csv", "sweep.json"}) {
		t.Errorf("a finished sweep's directory holds %v", names)
	}
	os.Truncate(filepath.Join(done, sweepRecord), 40)
	os.WriteFile(filepath.Join(done, sweepJournal), nil, 0o644)
	wantBad(t, args(done, "-resume"), "damaged sweep.json")

	var parts []string
	for i := 1; i <= 2; i++ {
		p := filepath.Join(tmp, fmt.Sprint("part", i))
		mustCLI(t, args(p, "-shard", fmt.Sprintf("%d/2", i))...)
		parts = append(parts, p)
	}
	wantBad(t, append([]string{"merge", "-max-memory", "1MiB", "-out", filepath.Join(tmp, "m")}, parts...), "over the limit of 1MiB")
	mustCLI(t, append([]string{"merge", "-out", filepath.Join(tmp, "m")}, parts...)...)
	res := filepath.Join(parts[1], sweepResults)
	b, _ := os.ReadFile(res)
	rows := strings.Split(string(b), "\n")
	f := strings.Split(rows[1], ",")
	f[len(f)-1] = "9.5"
	rows[1] = strings.Join(f, ",")
	os.WriteFile(res, []byte(strings.Join(rows, "\n")), 0o644)
	code, _, stderr := cli(t, append([]string{"merge", "-out", filepath.Join(tmp, "m2")}, parts...)...)
	if code != 2 || !strings.Contains(stderr, "results.csv is not as the sweep wrote it") {
		t.Errorf("merge of an edited part: exit %d, %s", code, stderr)
	}
}

// outputs is every file of the directories named, by name relative to it.
func outputs(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	es, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = string(b)
	}
	return m
}

func sameOutputs(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func temporaries(t *testing.T, dir string) []string {
	t.Helper()
	var tmp []string
	for _, n := range dirNames(t, dir) {
		if strings.HasPrefix(n, atomicout.Prefix) {
			tmp = append(tmp, n)
		}
	}
	return tmp
}

// TestKillAtAnyPoint kills the built command at each rename and removal and
// at random moments while it replaces an earlier output, and checks that
// the output is always the whole old one or the whole new one, and that the
// next run removes what the killed one left.
func TestKillAtAnyPoint(t *testing.T) {
	tmp := t.TempDir()
	bin := buildMentorsim(t, tmp)
	killed := func(cmd *exec.Cmd, sig syscall.Signal) bool {
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return false
		}
		ws, ok := ee.Sys().(syscall.WaitStatus)
		if !(ok && ws.Signaled() && ws.Signal() == sig) {
			t.Logf("%v: %v", cmd.Args, err)
		}
		return ok && ws.Signaled() && ws.Signal() == sig
	}
	type job struct {
		name     string
		old, new []string // two command lines writing one output
		out      string   // the output, a directory or file
		renames  int
	}
	jobs := []job{
		{"run", []string{"run", "-seed", "1", "-hires", "603"}, []string{"run", "-seed", "2", "-hires", "10001"}, "out", 1},
		{"replicate", []string{"replicate", "-n", "3", "-hires", "50"}, []string{"replicate", "-n", "4", "-hires", "60"}, "out", 1},
		{"plot", []string{"plot", "-in", "in1"}, []string{"plot", "-in", "in2"}, "fig.png", 1},
		{"merge", []string{"merge", "-replace", "p1/1", "p1/2"}, []string{"merge", "-replace", "p2/1", "p2/2"}, "out", 1},
	}
	mustRun := func(dir string, args ...string) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	for _, j := range jobs {
		t.Run(j.name, func(t *testing.T) {
			dir := filepath.Join(tmp, j.name)
			os.MkdirAll(dir, 0o755)
			mustRun(dir, "run", "-seed", "1", "-hires", "40", "-out", "in1")
			mustRun(dir, "run", "-seed", "2", "-hires", "40", "-out", "in2")
			if j.name == "merge" {
				for k := 1; k <= 2; k++ {
					for i := 1; i <= 2; i++ {
						mustRun(dir, "sweep", "-seed", fmt.Sprint(k), "-grid", "mentor_gain=0,1", "-replications", "2", "-hires", "30",
							"-shard", fmt.Sprintf("%d/2", i), "-out", fmt.Sprintf("p%d/%d", k, i))
					}
				}
			}
			snap := func() map[string]string {
				if j.name == "plot" {
					b, err := os.ReadFile(filepath.Join(dir, j.out))
					if err != nil {
						return nil
					}
					return map[string]string{j.out: string(b)}
				}
				return outputs(t, filepath.Join(dir, j.out))
			}
			write := func(args []string, env string) *exec.Cmd {
				cmd := exec.Command(bin, append(slices.Clone(args), "-out", j.out)...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), env)
				return cmd
			}
			if out, err := write(j.new, "").CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			newOut := snap()
			if out, err := write(j.old, "").CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			oldOut := snap()
			check := func(what string) {
				t.Helper()
				got := snap()
				switch {
				case sameOutputs(got, oldOut):
				case sameOutputs(got, newOut):
					if out, err := write(j.old, "").CombinedOutput(); err != nil { // back to old
						t.Fatalf("%v\n%s", err, out)
					}
				default:
					t.Fatalf("%s: the output is neither the old one nor the new one: %d files", what, len(got))
				}
			}
			points := []string{"remove:1"}
			for k := 1; k <= j.renames; k++ {
				points = append(points, fmt.Sprintf("rename:%d", k))
			}
			for _, p := range points {
				cmd := write(j.new, atomicout.KillEnv+"="+p)
				cmd.Start()
				if !killed(cmd, syscall.SIGKILL) && p != "remove:1" {
					t.Errorf("not killed at %s", p)
				}
				check("killed at " + p)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			for k := range 12 {
				cmd := write(j.new, "")
				cmd.Start()
				time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond)
				cmd.Process.Kill()
				cmd.Wait()
				check(fmt.Sprintf("killed at random %d", k))
			}
			// SIGTERM while a temporary exists: it is removed.
			cmd := write(j.new, atomicout.KillEnv+"=temp:1:stop")
			cmd.Start()
			waitStopped(t, cmd.Process.Pid)
			cmd.Process.Signal(syscall.SIGTERM)
			cmd.Process.Signal(syscall.SIGCONT)
			if !killed(cmd, syscall.SIGTERM) {
				t.Error("SIGTERM did not end the process by that signal")
			}
			check("SIGTERM")
			if left := temporaries(t, dir); len(left) > 0 {
				t.Errorf("after SIGTERM: temporaries %v are left", left)
			}
			// What kill -9 left is removed by the next run.
			if out, err := write(j.new, "").CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if left := temporaries(t, dir); len(left) > 0 {
				t.Errorf("temporaries %v are left after a finished run", left)
			}
			if !sameOutputs(snap(), newOut) {
				t.Error("the last run's output is not the new one")
			}
		})
	}
}

// A sweep killed at each rename and removal finishes, resumed, with the
// same files as one never killed.
func TestSweepKilledAtEachStep(t *testing.T) {
	tmp := t.TempDir()
	bin := buildMentorsim(t, tmp)
	args := []string{"sweep", "-grid", "mentor_gain=0,1", "-replications", "3", "-hires", "30"}
	run := func(env string, a ...string) error {
		cmd := exec.Command(bin, append(slices.Clone(args), a...)...)
		cmd.Dir = tmp
		cmd.Env = append(os.Environ(), env)
		out, err := cmd.CombinedOutput()
		if err != nil && env == "" {
			t.Fatalf("%v: %v\n%s", a, err, out)
		}
		return err
	}
	run("", "-out", "ref")
	for _, p := range []string{"rename:1", "rename:2", "rename:3", "rename:4", "remove:1"} {
		dir := "k-" + strings.ReplaceAll(p, ":", "")
		if err := run(atomicout.KillEnv+"="+p, "-out", dir); err == nil {
			t.Errorf("not killed at %s", p)
		}
		run("", "-out", dir, "-resume")
		sameSweepFiles(t, filepath.Join(tmp, "ref"), filepath.Join(tmp, dir), append(sweepFiles, "results.sha256")...)
		if names := dirNames(t, filepath.Join(tmp, dir)); len(names) != 4 {
			t.Errorf("killed at %s and resumed: the directory holds %v", p, names)
		}
	}
}

// waitStopped waits until the process is stopped (state T in /proc).
func waitStopped(t *testing.T, pid int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			t.Fatal(err)
		}
		if i := bytes.LastIndexByte(b, ')'); i > 0 && len(b) > i+2 && b[i+2] == 'T' {
			return
		}
	}
	t.Fatal("the process did not stop at the hook in 30 s")
}

// Undefined estimates print as n/a in every table, never NaN; an arm of a
// single rep leaves the revenue lift undefined rather than with an interval
// of no width.
func TestUndefinedPrintsAsNA(t *testing.T) {
	for _, args := range [][]string{
		{"run", "-hires", "3"},
		{"replicate", "-n", "3", "-hires", "3"},
		{"power", "-optin-rates", "0.001,0.999", "-hires-list", "300", "-gains", "0,1", "-replications", "2"},
	} {
		out := mustCLI(t, args...)
		if strings.Contains(out, "NaN") || !strings.Contains(out, "n/a") {
			t.Errorf("%v prints NaN, or no n/a:\n%s", args, out)
		}
		if args[0] != "power" && !regexp.MustCompile(`(?m)^mandatory\.revenue_lift_2m\s+n/a`).MatchString(out) {
			t.Errorf("%v: the revenue lift of a 3-hire study is not n/a:\n%s", args, out)
		}
	}
}
