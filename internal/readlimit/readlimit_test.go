package readlimit

import (
	"errors"
	"fmt"
	"io"
	"mentorsim/internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "f")
	os.WriteFile(path, []byte("12345"), 0o644)
	if data, err := ReadFile(path, 5); err != nil || string(data) != "12345" {
		t.Errorf("at the limit: %q, %v", data, err)
	}
	var tl *TooLarge
	if _, err := ReadFile(path, 4); !errors.As(err, &tl) || tl.Limit != 4 {
		t.Errorf("over the limit: %v; want *TooLarge", err)
	}
	var nr *NotRegular
	if _, err := ReadFile("/dev/zero", 1<<20); !errors.As(err, &nr) || nr.Kind != "a device" {
		t.Errorf("/dev/zero: %v; want refused as a device", err)
	}
}

// A named pipe, a directory and a device are refused at once, never read:
// a pipe with no writer does not block.
func TestNonRegularInputsAreRefusedWithoutBlocking(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		testenv.Unavailable(t, fmt.Sprintf("mkfifo: %v", err))
	}
	link := filepath.Join(dir, "link")
	os.Symlink(fifo, link)
	for path, want := range map[string]string{fifo: "a named pipe (FIFO)", link: "a named pipe (FIFO)", dir: "a directory", "/dev/null": "a device"} {
		done := make(chan error, 1)
		go func() { _, err := ReadFile(path, 1<<20); done <- err }()
		select {
		case err := <-done:
			var nr *NotRegular
			if !errors.As(err, &nr) || nr.Kind != want || !strings.Contains(err.Error(), path) {
				t.Errorf("%s: %v; want refused as %s, naming the path", path, err, want)
			}
		case <-time.After(time.Minute): // generous: only a blocked open gets here
			t.Fatalf("%s: ReadFile blocked", path)
		}
	}
}

func TestLines(t *testing.T) {
	t.Parallel()
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
