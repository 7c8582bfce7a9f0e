package testinit

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"

	"mentorsim/internal/testenv"
	"mentorsim/internal/xdisplay"
)

// underXvfb marks the child run, so a missing display there is not retried.
const underXvfb = "MENTORSIM_UNDER_XVFB"

func init() {
	if !xdisplay.Missing(runtime.GOOS, os.Getenv) || os.Getenv(underXvfb) != "" {
		return
	}
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		if testenv.RequireAll() {
			fmt.Fprintln(os.Stderr, "FAIL: no X display and no xvfb-run to make one (install xvfb, or set DISPLAY)")
			os.Exit(1)
		}
		fmt.Println("SKIP: these tests draw with Ebitengine and there is no X display and no xvfb-run (install xvfb, or set DISPLAY)")
		os.Exit(0)
	}
	cmd := exec.Command(xvfb, append([]string{"-a", "-s", "-screen 0 1920x1080x24", os.Args[0]}, os.Args[1:]...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), underXvfb+"=1")
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		os.Exit(0)
	case errors.As(err, &exit):
		os.Exit(exit.ExitCode())
	}
	fmt.Fprintf(os.Stderr, "FAIL: running the tests under xvfb-run: %v\n", err)
	os.Exit(1)
}
