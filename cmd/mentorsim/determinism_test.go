package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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
// prints byte-identical output for the same flags when built natively for
// amd64 (GOAMD64=v1 and v3), when built for js/wasm and run under Node, and
// for any -workers. The reference is the v1 build with -workers 1.
func TestSameNumbersEverywhere(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not on PATH: the js/wasm build of mentorsim runs under Node, so this test needs it (CI installs Node 20; locally: apt-get install nodejs)")
	}
	if runtime.GOARCH != "amd64" {
		t.Fatalf("the promise is about amd64 builds; this machine is %s", runtime.GOARCH)
	}
	goroot, err := goCmd(nil, "env", "GOROOT")
	if err != nil {
		t.Fatal(err)
	}
	wasmExec := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "go_js_wasm_exec")
	builds := []*build{
		{name: "GOAMD64=v1", env: []string{"GOAMD64=v1"}},
		{name: "GOAMD64=v3", env: []string{"GOAMD64=v3"}},
		{name: "js/wasm under node", env: []string{"GOOS=js", "GOARCH=wasm"}, argv: []string{wasmExec}},
	}
	if has, known := cpuHasV3(); known && !has {
		t.Log("this CPU lacks avx2 or fma (per /proc/cpuinfo): not running the GOAMD64=v3 build")
		builds = append(builds[:1], builds[2:]...)
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
					t.Errorf("%s, mentorsim %s: output differs from GOAMD64=v1 -workers 1\n%s", b.name, args, firstDiff(want, got))
				}
			}
		}
	}
}

// A build is one way of building and running the CLI.
type build struct {
	name string   // for messages
	env  []string // added to go build's environment
	argv []string // the command line before mentorsim's arguments; buildAll appends the binary
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

// run runs a built CLI (argv, then the space-separated args) and returns its stdout.
func run(t *testing.T, argv []string, args string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], append(argv[1:len(argv):len(argv)], strings.Fields(args)...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(argv[len(argv)-1]), args, err, stderr.Bytes())
	}
	return out
}

// goCmd runs the go command with extra environment and returns its stdout.
func goCmd(env []string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
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
