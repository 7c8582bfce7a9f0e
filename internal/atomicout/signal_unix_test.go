//go:build unix

package atomicout

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A process started with SIGHUP ignored (under nohup) goes on writing its
// output when one arrives: the handler that removes temporaries on a signal
// must not take over a signal the process was told to ignore.
func TestIgnoredSignalStaysIgnored(t *testing.T) {
	if out := os.Getenv("ATOMICOUT_TEST_HUP_OUT"); out != "" { // the child, run below
		err := WriteFile(out, func(w io.Writer) error {
			syscall.Kill(os.Getpid(), syscall.SIGHUP)
			time.Sleep(300 * time.Millisecond) // time for a handler to act
			_, err := io.WriteString(w, "done")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return
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
