package readlimit

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	os.WriteFile(path, []byte("12345"), 0o644)
	if data, err := ReadFile(path, 5); err != nil || string(data) != "12345" {
		t.Errorf("at the limit: %q, %v", data, err)
	}
	var tl *TooLarge
	if _, err := ReadFile(path, 4); !errors.As(err, &tl) || tl.Limit != 4 {
		t.Errorf("over the limit: %v; want *TooLarge", err)
	}
	if _, err := ReadFile("/dev/zero", 1<<20); !errors.As(err, &tl) || err.Error() != "is larger than 1 MiB" {
		t.Errorf("/dev/zero: %v", err)
	}
}

func TestLines(t *testing.T) {
	in := "ab\ncd\nef\n"
	if got, err := io.ReadAll(Lines(strings.NewReader(in), 9, 2)); err != nil || string(got) != in {
		t.Errorf("within bounds: %q, %v", got, err)
	}
	var tl *TooLarge
	if _, err := io.ReadAll(Lines(strings.NewReader(in), 8, 2)); !errors.As(err, &tl) || tl.What != "bytes" || tl.Limit != 8 {
		t.Errorf("one byte too many: %v", err)
	}
	if _, err := io.ReadAll(Lines(strings.NewReader("ab\ncde\n"), 100, 2)); !errors.As(err, &tl) || tl.What != "bytes in one line" {
		t.Errorf("a long line: %v", err)
	}
	f, _ := os.Open("/dev/zero")
	defer f.Close()
	if _, err := io.ReadAll(Lines(f, 1<<30, 1<<20)); !errors.As(err, &tl) || tl.What != "bytes in one line" {
		t.Errorf("/dev/zero: %v", err)
	}
}
