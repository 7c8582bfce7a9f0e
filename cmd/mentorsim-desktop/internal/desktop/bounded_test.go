package desktop

import (
	"io"
	"strings"
	"testing"
)

// An endless lesson file is refused at once, as bad input.
func TestLessonFileIsBounded(t *testing.T) {
	_, err := ParseArgs([]string{"-lesson", "/dev/zero"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Errorf("-lesson /dev/zero: %v", err)
	}
}
