package desktop

import (
	"io"
	"strings"
	"testing"
)

// TestHiresBeyondTheAppRefused: the desktop app refuses more hires than it
// can draw, naming the field, the value and the limit; the limit itself
// is fine.
func TestHiresBeyondTheAppRefused(t *testing.T) {
	_, err := ParseArgs([]string{"-hires", "2800000"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "hires: 2800000") || !strings.Contains(err.Error(), "20000") {
		t.Errorf("-hires 2800000: %v; want refused, naming the value and the limit", err)
	}
	if o, err := ParseArgs([]string{"-hires", "20000"}, io.Discard); err != nil || o.Scenario.Params.Hires != 20000 {
		t.Errorf("-hires 20000: %v, %v", err, o.Scenario.Params.Hires)
	}
}
