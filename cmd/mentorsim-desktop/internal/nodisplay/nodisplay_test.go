package nodisplay

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// The built mentorsim-desktop without a display: -h and bad flags are
// answered as usual and anything else gets one clear line, never
// Ebitengine's panic.
func TestDesktopWithoutDisplay(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Ebitengine needs no X display here")
	}
	bin := filepath.Join(t.TempDir(), "mentorsim-desktop")
	if out, err := exec.Command("go", "build", "-o", bin, "../..").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "DISPLAY=") })
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"-h"}, 0, "usage: mentorsim-desktop"},
		{[]string{"-frames", "x"}, 2, "-frames"},
		{[]string{"-hires", "1"}, 2, "hires: 1 is not allowed"},
		{nil, 1, "no display: set DISPLAY, or run under xvfb-run"},
	} {
		cmd := exec.Command(bin, c.args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		}
		if code != c.code || !strings.Contains(string(out), c.says) || strings.Contains(string(out), "panic") {
			t.Errorf("mentorsim-desktop %v without DISPLAY: exit %d, %q; want exit %d saying %q", c.args, code, out, c.code, c.says)
		}
	}
}
