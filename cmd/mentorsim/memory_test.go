//go:build linux

package main

import (
	"os/exec"
	"syscall"
	"testing"

	"mentorsim/internal/memlimit"
)

// TestMemoryEstimatesCoverPeakUse runs the built command on a million hires
// and checks that the estimates -max-memory is checked against are above
// the peak resident memory the kernel measured (and not so far above that a
// limit the machine could meet refuses the work).
func TestMemoryEstimatesCoverPeakUse(t *testing.T) {
	if testing.Short() {
		t.Skip("runs studies of a million hires (about 10 s and 1.3 GB)")
	}
	bin := buildMentorsim(t, t.TempDir())
	for _, c := range []struct {
		args []string
		need float64
	}{
		{[]string{"replicate", "-n", "2", "-hires", "1000000", "-workers", "2", "-seed", "1"}, memlimit.Replications(2, 2, 1e6)},
		{[]string{"replicate", "-n", "1", "-hires", "1000000", "-workers", "1", "-seed", "1"}, memlimit.Replications(1, 1, 1e6)},
		{[]string{"run", "-hires", "1000000", "-seed", "1", "-json"}, memlimit.Study(1e6)},
	} {
		cmd := exec.Command(bin, c.args...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", c.args, err, out)
		}
		peak := float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) * 1024 // KiB on Linux
		t.Logf("%v: peak %s, estimated %s", c.args, memlimit.Format(int64(peak)), memlimit.Format(int64(c.need)))
		if peak > c.need || c.need > 2*peak {
			t.Errorf("%v: peak resident memory %s, but the estimate is %s: want the estimate between the peak and twice it",
				c.args, memlimit.Format(int64(peak)), memlimit.Format(int64(c.need)))
		}
	}
}
