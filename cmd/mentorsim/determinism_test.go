package main

import (
	"bytes"
	"errors"
	"fmt"
	"mentorsim/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestSameNumbersEverywhere checks the promise that `mentorsim run -json`
// prints byte-identical output for the same flags when built for amd64
// (GOAMD64=v1 and v3), for arm64 (run under qemu-aarch64 on other machines)
// and for js/wasm (run under Node), and for any -workers. The reference is
// the first build that can run here, with -workers 1.
//
// A build this machine cannot run is skipped with a message saying why; with
// MENTORSIM_REQUIRE_ALL set (make test sets it) that fails the test instead.
func TestSameNumbersEverywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("builds for four targets and runs them under qemu and Node; make test runs it")
	}
	goroot, err := goCmd(nil, "env", "GOROOT")
	if err != nil {
		t.Fatal(err)
	}
	wasmExec := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "go_js_wasm_exec")
	var builds []*build
	for _, b := range candidateBuilds(wasmExec) {
		if b.missing != "" {
			cannotRun(t, b.name+": "+b.missing)
			continue
		}
		builds = append(builds, b)
	}
	if len(builds) < 2 {
		t.Skip("fewer than two builds can run here: nothing to compare")
	}
	buildAll(t, builds)

	flagSets := []string{
		"",
		"-seed 7 -hires 5000",
		"-scenario insecure -seed 3 -hires 2000",
		"-scenario rational -set mentor_gain=3 -hires 3000",
		"-scenario overconfident -policy 3 -hires 3000", // targeted: the screening score
	}
	workers := []string{"-workers 1", "-workers 2", "-workers 3", ""} // "" is the default: every core
	for _, flags := range flagSets {
		want := run(t, builds[0].argv, "run -json "+flags+" -workers 1")
		for _, b := range builds {
			for _, w := range workers {
				args := strings.Join(strings.Fields("run -json "+flags+" "+w), " ")
				if got := run(t, b.argv, args); !bytes.Equal(got, want) {
					t.Errorf("%s, mentorsim %s: output differs from %s -workers 1\n%s", b.name, args, builds[0].name, firstDiff(want, got))
				}
			}
		}
	}
}

// candidateBuilds lists the builds to compare; missing says why one cannot
// run on this machine.
func candidateBuilds(wasmExec string) []*build {
	amd64 := func(level string) *build {
		b := &build{name: "GOAMD64=" + level, env: []string{"GOOS=linux", "GOARCH=amd64", "GOAMD64=" + level}}
		if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
			b.missing = "this machine is " + runtime.GOOS + "/" + runtime.GOARCH + ", not linux/amd64"
		}
		return b
	}
	v1, v3 := amd64("v1"), amd64("v3")
	if has, known := cpuHasV3(); v3.missing == "" && known && !has {
		v3.missing = "this CPU lacks avx2 or fma (per /proc/cpuinfo)"
	}
	arm := &build{name: "linux/arm64 under qemu-aarch64", env: []string{"GOOS=linux", "GOARCH=arm64"}, argv: []string{"qemu-aarch64"}}
	switch {
	case runtime.GOARCH == "arm64":
		arm = &build{name: "native arm64"}
	case runtime.GOOS != "linux":
		arm.missing = "qemu-aarch64 runs linux binaries on linux only"
	default:
		if _, err := exec.LookPath("qemu-aarch64"); err != nil {
			arm.missing = "qemu-aarch64 is not on PATH (Debian: apt-get install qemu-user; make deps installs it)"
		}
	}
	wasm := &build{name: "js/wasm under node", env: []string{"GOOS=js", "GOARCH=wasm"}, argv: []string{wasmExec}}
	if _, err := exec.LookPath("node"); err != nil {
		wasm.missing = "node is not on PATH (Debian: apt-get install nodejs; make deps installs it)"
	}
	return []*build{v1, v3, arm, wasm}
}

// cannotRun skips what this machine cannot run, saying why, unless
// MENTORSIM_REQUIRE_ALL is set: then it is a failure.
func cannotRun(t *testing.T, why string) {
	t.Helper()
	if testenv.RequireAll() {
		t.Errorf("cannot run %s (MENTORSIM_REQUIRE_ALL is set, so this fails instead of skipping)", why)
		return
	}
	t.Logf("skipping %s", why)
}

// A build is one way of building and running the CLI.
type build struct {
	name    string   // for messages
	env     []string // added to go build's environment
	argv    []string // the command line before mentorsim's arguments; buildAll appends the binary
	missing string   // why this machine cannot run it, if it cannot
}

// buildAll builds the CLI for every build at once (from a cold cache each
// compiles the standard library anew, so this halves the wait on two cores).
func buildAll(t *testing.T, builds []*build) {
	t.Helper()
	dir := t.TempDir()
	errs := make([]error, len(builds))
	var wg sync.WaitGroup
	for i, b := range builds {
		bin := filepath.Join(dir, fmt.Sprintf("mentorsim-%d", i))
		b.argv = append(b.argv, bin)
		wg.Go(func() {
			start := time.Now()
			_, errs[i] = goCmd(b.env, "build", "-o", bin, ".")
			t.Logf("built %s in %.1fs", b.name, time.Since(start).Seconds())
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

// run runs a built CLI (argv, then the space-separated args) and returns
// its stdout. Nothing kills it on a timer: on a busy machine (qemu, Node)
// it may take long, and go test's own -timeout is the bound.
func run(t *testing.T, argv []string, args string) []byte {
	t.Helper()
	cmd := exec.Command(argv[0], append(argv[1:len(argv):len(argv)], strings.Fields(args)...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(argv[len(argv)-1]), args, err, stderr.Bytes())
	}
	return out
}

// goCmd runs the go command with extra environment and returns its stdout.
// No timer kills a build (go test's -timeout bounds the test).
func goCmd(env []string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s go %s: %v\n%s", strings.Join(env, " "), strings.Join(args, " "), err, stderr.Bytes())
	}
	return out, nil
}

// cpuHasV3 reports whether /proc/cpuinfo lists avx2 and fma; known is false
// when it cannot be read, and the v3 build is then run anyway.
func cpuHasV3() (has, known bool) {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return false, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if name, flags, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "flags" {
			f := " " + flags + " "
			return strings.Contains(f, " avx2 ") && strings.Contains(f, " fma "), true
		}
	}
	return false, false
}

// firstDiff describes the first line where got differs from want.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		wl, gl := "<end of output>", "<end of output>"
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, wl, gl)
		}
	}
	return "(no differing line)"
}
