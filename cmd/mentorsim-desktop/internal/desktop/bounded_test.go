package desktop

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An endless lesson file is refused at once, as bad input.
func TestLessonFileIsBounded(t *testing.T) {
	_, err := ParseArgs([]string{"-lesson", "/dev/zero"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "a device, not a regular file") {
		t.Errorf("-lesson /dev/zero: %v", err)
	}
	big := filepath.Join(t.TempDir(), "big.json")
	os.WriteFile(big, make([]byte, 2<<20), 0o644)
	if _, err := ParseArgs([]string{"-lesson", big}, io.Discard); err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Errorf("-lesson of 2 MiB: %v", err)
	}
}
