//go:build unix

package main

import (
	"errors"
	"fmt"
	"mentorsim/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// class export reads a database it cannot write (a file and directory
// without write permission) and leaves nothing beside it. As root, whom
// permissions do not stop, the built command runs as the user nobody.
func TestClassExportReadOnly(t *testing.T) {
	db, _ := classDB(t, 2)
	dir, err := os.MkdirTemp("/tmp", "mentorsim-ro-") // not $TMPDIR: it may be under a home nobody cannot enter
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "db"), 0o755); os.RemoveAll(dir) })
	ro, out := filepath.Join(dir, "db"), filepath.Join(dir, "out")
	data, err := os.ReadFile(db)
	must(t, err, os.Mkdir(ro, 0o755), os.Mkdir(out, 0o777), os.WriteFile(filepath.Join(ro, "class.db"), data, 0o444), os.Chmod(dir, 0o755), os.Chmod(out, 0o777))
	args := []string{"class", "export", "-db", filepath.Join(ro, "class.db"), "-session", "all", "-out", filepath.Join(out, "x")}
	if os.Geteuid() == 0 {
		bin := buildMentorsim(t, dir)
		cmd := exec.Command(bin, args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		b, err := cmd.CombinedOutput()
		if errors.Is(err, syscall.EPERM) { // the switch itself refused (a rootless container)
			testenv.Unavailable(t, fmt.Sprintf("cannot run a command as nobody here: %v", err))
		}
		if err != nil {
			t.Fatalf("export as nobody: %v\n%s", err, b)
		}
	} else {
		must(t, os.Chmod(ro, 0o555))
		if code, _, stderr := cli(t, args...); code != 0 {
			t.Fatalf("export: exit %d: %s", code, stderr)
		}
	}
	if rows := readCSV(t, filepath.Join(out, "x", "students.csv")); len(rows) != 1+4 {
		t.Errorf("students.csv has %d rows; want a header and 4 students", len(rows))
	}
	if entries, _ := os.ReadDir(ro); len(entries) != 1 {
		t.Errorf("beside the database: %v; want nothing", entries)
	}
}
