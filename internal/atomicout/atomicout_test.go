//go:build unix

package atomicout

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range es {
		n = append(n, e.Name())
	}
	return n
}

func ours(name string) bool { return name == "a" || name == "b" }

func TestWriteDirReplacesWhole(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := WriteDir(out, []File{{"a", text("1")}, {"b", text("2")}}, ours); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(out, []File{{"a", text("3")}}, ours); err != nil {
		t.Fatal(err)
	}
	if got := names(t, out); !slices.Equal(got, []string{"a"}) {
		t.Errorf("after the second write: %v, want [a]", got)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "a")); string(b) != "3" {
		t.Errorf("a = %q", b)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"out"}) {
		t.Errorf("the parent holds %v", got)
	}
	failing := func(io.Writer) error { return errors.New("boom") }
	if err := WriteDir(out, []File{{"a", text("4")}, {"b", failing}}, ours); err == nil {
		t.Error("a failed write reported no error")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "a")); string(b) != "3" || !slices.Equal(names(t, parent), []string{"out"}) {
		t.Errorf("a failed write changed the output (a = %q) or left %v", b, names(t, parent))
	}
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("keep"), 0o644)
	var ae *Error
	link := filepath.Join(dir, "link")
	os.Symlink(victim, link)
	if err := WriteFile(link, text("x")); !errors.As(err, &ae) {
		t.Errorf("WriteFile onto a link: %v", err)
	}
	if _, err := OpenFile(link, os.O_RDWR|os.O_CREATE); !errors.As(err, &ae) {
		t.Errorf("OpenFile of a link: %v", err)
	}
	dangling := filepath.Join(dir, "dangling")
	os.Symlink(filepath.Join(dir, "nowhere"), dangling)
	if _, err := OpenFile(dangling, os.O_RDWR|os.O_CREATE); !errors.As(err, &ae) || exists(filepath.Join(dir, "nowhere")) {
		t.Errorf("OpenFile of a dangling link: %v", err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep" {
		t.Errorf("the link's target holds %q", b)
	}
	if err := WriteFile(dir, text("x")); !errors.As(err, &ae) {
		t.Errorf("WriteFile onto a directory: %v", err)
	}
	linkDir := filepath.Join(dir, "linkdir")
	os.Symlink(t.TempDir(), linkDir)
	if err := WriteDir(linkDir, nil, ours); !errors.As(err, &ae) {
		t.Errorf("WriteDir onto a link: %v", err)
	}
	if err := WriteDir(filepath.Join(dir, "mixed")+"/..", nil, ours); !errors.As(err, &ae) {
		t.Errorf("WriteDir onto dir/..: %v", err)
	}
	if err := WriteDir(victim, nil, ours); !errors.As(err, &ae) {
		t.Errorf("WriteDir onto a file: %v", err)
	}
	os.Mkdir(filepath.Join(dir, "mixed"), 0o755)
	os.WriteFile(filepath.Join(dir, "mixed", "c"), nil, 0o644)
	if err := WriteDir(filepath.Join(dir, "mixed"), nil, ours); !errors.As(err, &ae) {
		t.Errorf("WriteDir onto a directory of other files: %v", err)
	}
}

// An output under a file is refused as the user's input, naming the file,
// whether links are trusted or not.
func TestUnderAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(file, []byte("keep"), 0o644)
	var ae *Error
	for _, trust := range []string{"", "1"} {
		t.Setenv(TrustLinksEnv, trust)
		if err := WriteDir(filepath.Join(file, "x", "y"), nil, ours); !errors.As(err, &ae) || !strings.Contains(err.Error(), `under "`+file+`", which is a file`) {
			t.Errorf("WriteDir under a file (%s=%q): %v", TrustLinksEnv, trust, err)
		}
		if err := WriteFile(filepath.Join(file, "f.json"), text("x")); !errors.As(err, &ae) || !strings.Contains(err.Error(), `under "`+file+`", which is a file`) {
			t.Errorf("WriteFile under a file (%s=%q): %v", TrustLinksEnv, trust, err)
		}
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// Clean removes temporaries no process holds, and links with their names,
// but not one another process is writing (here: another open file
// description holding the lock) nor anything else.
func TestClean(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stale := filepath.Join(dir, Prefix+"stale")
	os.Mkdir(stale, 0o755)
	os.WriteFile(filepath.Join(stale, "x"), nil, 0o644)
	busy := filepath.Join(dir, Prefix+"busy")
	os.WriteFile(busy, nil, 0o644)
	f, _ := os.Open(busy)
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	target := t.TempDir()
	os.WriteFile(filepath.Join(target, "keep"), nil, 0o644)
	os.Symlink(target, filepath.Join(dir, Prefix+"link"))
	os.WriteFile(filepath.Join(dir, "other"), nil, 0o644)
	if err := Clean(dir); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{Prefix + "busy", "other"}) {
		t.Errorf("after Clean: %v", got)
	}
	if !exists(filepath.Join(target, "keep")) {
		t.Error("Clean followed a link")
	}
}
