package memlimit

import (
	"strings"
	"testing"
)

func TestBytes(t *testing.T) {
	for in, want := range map[string]Bytes{"4GiB": 4 << 30, "512MiB": 512 << 20, "2G": 2 << 30, "16GB": 16e9, "1048576": 1 << 20, "1.5GiB": 3 << 29} {
		var b Bytes
		if err := b.Set(in); err != nil || b != want {
			t.Errorf("Set(%q) = %d, %v; want %d", in, b, err, want)
		}
	}
	for _, in := range []string{"", "x", "-1GiB", "1KiB", "NaNGiB", "1e30TiB", "4 GiB"} {
		var b Bytes
		if err := b.Set(in); err == nil {
			t.Errorf("Set(%q) accepted (%d)", in, b)
		}
	}
}

func TestCheck(t *testing.T) {
	if err := Check("this", 1<<30, 1<<30); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	err := Check("replicate -n 2000000000", 2e9*PerReplication, Default)
	if err == nil || !strings.Contains(err.Error(), "7629.4GiB") || !strings.Contains(err.Error(), "limit of 4GiB") || !strings.Contains(err.Error(), "-max-memory") {
		t.Errorf("over the limit: %v", err)
	}
}
