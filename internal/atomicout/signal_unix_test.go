//go:build unix

package atomicout

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"mentorsim/internal/testenv"
)

// A process started with SIGHUP ignored (under nohup) goes on writing its
// output when one arrives: the handler that removes temporaries on a signal
// must not take over a signal the process was told to ignore.
func TestIgnoredSignalStaysIgnored(t *testing.T) {
	if out := os.Getenv("ATOMICOUT_TEST_HUP_OUT"); out != "" { // the child, run below
		err := WriteFile(out, func(w io.Writer) error {
			// While the output is being written, SIGHUP must still be
			// ignored: the kernel's word for it, not a wait for a handler.
			if ignored, err := hupIgnored(); err != nil {
				testenv.Unavailable(t, err.Error())
			} else if !ignored {
				t.Error("SIGHUP is no longer ignored while the output is written")
			}
			syscall.Kill(os.Getpid(), syscall.SIGHUP)
			_, err := io.WriteString(w, "done")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if _, err := hupIgnored(); err != nil { // no /proc (not Linux): the child could not tell
		testenv.Unavailable(t, err.Error())
	}
	out := filepath.Join(t.TempDir(), "out.txt")
	cmd := exec.Command("bash", "-c", `trap "" HUP; exec "$0" -test.run '^TestIgnoredSignalStaysIgnored$'`, os.Args[0])
	cmd.Env = append(os.Environ(), "ATOMICOUT_TEST_HUP_OUT="+out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the child with SIGHUP ignored: %v\n%s", err, b)
	}
	if b, err := os.ReadFile(out); string(b) != "done" {
		t.Errorf("the output after an ignored SIGHUP: %q, %v", b, err)
	}
}

// hupIgnored reports whether this process ignores SIGHUP, from the SigIgn
// mask in /proc/self/status (bit n−1 is signal n).
func hupIgnored() (bool, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return false, fmt.Errorf("cannot read the signal dispositions: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if hex, ok := strings.CutPrefix(line, "SigIgn:"); ok {
			mask, err := strconv.ParseUint(strings.TrimSpace(hex), 16, 64)
			return err == nil && mask&(1<<(uint(syscall.SIGHUP)-1)) != 0, err
		}
	}
	return false, errors.New("no SigIgn line in /proc/self/status")
}
