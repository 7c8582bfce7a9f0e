//go:build linux

// The window's tests build cmd/mentorsim-desktop and run it on one Xvfb
// server that TestMain starts.
// They live here, not beside package main, because a test binary links the
// package it tests: package main's would link Ebitengine, whose package
// init panics without an X display, so a plain `go test ./...` would crash.
// This package imports no Ebitengine; only the built command needs Xvfb.
package desktop_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var (
	binary     string // the built command, set by TestMain
	display    string // the Xvfb server's display, such as ":50"
	xauthority string // its authority file
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mentorsim-desktop-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "mentorsim-desktop")
	out, err := exec.Command("go", "build", "-o", binary, "mentorsim/cmd/mentorsim-desktop").CombinedOutput()
	if err != nil {
		os.RemoveAll(dir)
		fmt.Fprintf(os.Stderr, "building mentorsim-desktop: %v\n%s", err, out)
		os.Exit(1)
	}
	stop, err := startXvfb(dir)
	if err != nil {
		os.RemoveAll(dir)
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	stop()
	os.RemoveAll(dir)
	os.Exit(code)
}

// startXvfb starts a virtual X server on a free display, with an
// authority file of its own so that clients connect without complaint, and
// returns a function that stops it. A missing Xvfb or xauth is a failure:
// CI installs them.
func startXvfb(dir string) (stop func(), err error) {
	for _, tool := range []string{"Xvfb", "xauth"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, fmt.Errorf("%s is needed to open the window (apt-get install xvfb xauth): %v", tool, err)
		}
	}
	cookie := make([]byte, 16)
	rand.Read(cookie)
	xauthority = filepath.Join(dir, "Xauthority")
	for n := 50; n < 150; n++ {
		if lockHeld(n) {
			continue // in use
		}
		d := fmt.Sprintf(":%d", n)
		if out, err := exec.Command("xauth", "-f", xauthority, "add", d, ".", hex.EncodeToString(cookie)).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("xauth: %v: %s", err, out)
		}
		// -noreset: the server does not reset as the last client leaves,
		// when a test's next window connecting at that moment would fail.
		cmd := exec.Command("Xvfb", d, "-noreset", "-auth", xauthority, "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			return nil, err
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		stop = func() { stopXvfb(cmd.Process, exited) }
		if waitForX(n, cmd.Process.Pid, exited) {
			display = d
			return stop, nil
		}
		stop()
	}
	return nil, fmt.Errorf("no display from :50 to :149 could be started")
}

// lockHeld reports whether display n's lock file names a live process.
// A server killed outright leaves its lock behind; such a display is free.
func lockHeld(n int) bool {
	lock, err := os.ReadFile(fmt.Sprintf("/tmp/.X%d-lock", n))
	if err != nil {
		return !errors.Is(err, fs.ErrNotExist) // unreadable: someone's
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(lock)))
	return err != nil || pid <= 0 || syscall.Kill(pid, 0) != syscall.ESRCH
}

// stopXvfb asks the server to end, which removes its lock file, and kills
// it if it has not ended in 30 s.
func stopXvfb(p *os.Process, exited <-chan struct{}) {
	p.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(30 * time.Second):
		p.Kill()
		<-exited
	}
}

// waitForX waits until display n accepts connections and its lock names
// our server (pid), or our server exits. Another test run on the machine
// may have started a server on n a moment before: its socket answers too,
// but its lock holds its pid, and our server then exits.
func waitForX(n, pid int, exited <-chan struct{}) bool {
	for start := time.Now(); time.Since(start) < 2*time.Minute; time.Sleep(50 * time.Millisecond) {
		select {
		case <-exited:
			return false
		default:
		}
		lock, _ := os.ReadFile(fmt.Sprintf("/tmp/.X%d-lock", n))
		if strings.TrimSpace(string(lock)) != strconv.Itoa(pid) {
			continue
		}
		if c, err := net.Dial("unix", fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			c.Close()
			return true
		}
	}
	return false
}

// runInXvfb runs the command on the test's X server in dir and returns its
// exit status, stdout and stderr.
func runInXvfb(t *testing.T, dir string, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute) // generous: a busy machine
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "XAUTHORITY="+xauthority)
	cmd.WaitDelay = 5 * time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("mentorsim-desktop %s: still running after 10 minutes; stderr:\n%s", strings.Join(args, " "), errOut.String())
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitCode()
	case err != nil:
		t.Fatalf("mentorsim-desktop %s: %v", strings.Join(args, " "), err)
	}
	return status, out.String(), errOut.String()
}

func TestScreenshotIsNotBlank(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "desktop.png")
	status, _, stderr := runInXvfb(t, dir, "-frames", "60", "-screenshot", file, "-set", "hires=603")
	if status != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", status, stderr)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	b := img.Bounds()
	if b.Dx() < 100 || b.Dy() < 100 {
		t.Fatalf("screenshot is %dx%d; want the window, at least 100x100", b.Dx(), b.Dy())
	}
	counts := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	var mode color.RGBA
	for c, n := range counts {
		if n > counts[mode] {
			mode = c
		}
	}
	total := b.Dx() * b.Dy()
	differ := float64(total-counts[mode]) / float64(total)
	t.Logf("%dx%d, %d distinct colours, %.1f%% of pixels differ from the most common %v", b.Dx(), b.Dy(), len(counts), 100*differ, mode)
	if len(counts) <= 10 || differ <= 0.01 {
		t.Errorf("the screenshot looks blank: %d distinct colours (want > 10), %.2f%% of pixels differ from the most common colour %v (want > 1%%)",
			len(counts), 100*differ, mode)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*")); len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestBadInputExits2BeforeAnyWindow(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want []string // in the one line on stderr
	}{
		{[]string{"-set", "mentor_gain=99"}, []string{"mentor_gain", "99", "want a number from 0 to 10"}},
		{[]string{"-hires", "2.5"}, []string{"hires", "2.5", "want"}},
		{[]string{"-set", "no_such=1"}, []string{"no_such", "want"}},
		{[]string{"-set", "hires"}, []string{"hires", "want name=value"}},
		{[]string{"-seed", "-3"}, []string{"seed", "-3", "want a whole number"}},
		{[]string{"-scenario", "no-such-preset"}, []string{"no-such-preset", "neither a preset"}},
		{[]string{"-frames", "-1"}, []string{"frames", "-1", "want"}},
		{[]string{"-screenshot", "x.png"}, []string{"screenshot", "-frames"}},
		{[]string{"stray"}, []string{"stray", "not a flag"}},
	} {
		// -frames makes a run that got past validation end by itself.
		args := append([]string{"-frames", "1", "-screenshot", filepath.Join(dir, "opened.png")}, tc.args...)
		if tc.args[0] == "-screenshot" || tc.args[0] == "-frames" {
			args = tc.args
		}
		status, stdout, stderr := runInXvfb(t, dir, args...)
		line := strings.TrimSuffix(stderr, "\n")
		if status != 2 || strings.Contains(line, "\n") || stdout != "" {
			t.Errorf("%v: exit status %d, stdout %q, stderr %q; want status 2 and one line on stderr", tc.args, status, stdout, stderr)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(line, w) {
				t.Errorf("%v: stderr %q does not mention %q", tc.args, line, w)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "opened.png")); err == nil {
			t.Fatalf("%v: the window opened and drew a frame", tc.args)
		}
	}
}

func TestHelpDocumentsLinksAndExports(t *testing.T) {
	status, _, stderr := runInXvfb(t, t.TempDir(), "-h")
	if status != 0 {
		t.Fatalf("-h: exit status %d; stderr:\n%s", status, stderr)
	}
	for _, w := range []string{"mentorsim-export-SEED-N", "standard", "-screenshot", "-mentor_gain", "-set"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("-h does not mention %q", w)
		}
	}
}
