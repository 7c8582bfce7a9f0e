package main

import (
	"bytes"
	"fmt"
	"io"
	"mentorsim/internal/testenv"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A file nested a million levels deep (brackets that never close) is
// refused as too deep, quickly and without memory growing with the depth,
// as a scenario, a sweep file and a target file.
func TestDeepNestingIsRefused(t *testing.T) {
	deep := writeTemp(t, "deep.json", `{"params":`+strings.Repeat("[", 1_000_000))
	for _, args := range [][]string{
		{"run", "-scenario", deep},
		{"sweep", "-sweep", deep, "-out", filepath.Join(t.TempDir(), "s")},
		{"calibrate", "-targets", deep},
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		code, stdout, stderr := cli(t, args...)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		checkBadInput(t, code, stdout, stderr, "params", "deep")
		// The total allocated, not a time, is what the test bounds: a
		// quadratic walk allocated gigabytes here.
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
			t.Errorf("%s: allocated %d MiB for a 1 MB file", args[0], alloc>>20)
		}
		fmt.Printf("%s: a million levels refused in %v\n", args[0], took)
	}
}

// Named pipes are refused, never opened for a read that would block, as
// every kind of input: a scenario, a sweep file, a target file, plot's
// CSV, a part's results.csv for merge, and sweep.json on -resume.
func TestPipesAreRefusedNotRead(t *testing.T) {
	tmp := t.TempDir()
	fifo := filepath.Join(tmp, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		testenv.Unavailable(t, fmt.Sprintf("mkfifo: %v", err))
	}
	// A finished part whose results.csv is then a pipe, and a sweep
	// directory whose sweep.json is one.
	part := filepath.Join(tmp, "part")
	mustCLI(t, append([]string{"sweep", "-out", part, "-shard", "1/1"}, smallSweep...)...)
	os.Remove(filepath.Join(part, sweepResults))
	syscall.Mkfifo(filepath.Join(part, sweepResults), 0o644)
	resumed := filepath.Join(tmp, "resumed")
	os.Mkdir(resumed, 0o755)
	syscall.Mkfifo(filepath.Join(resumed, sweepRecord), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "-scenario", fifo}, "named pipe"},
		{[]string{"sweep", "-sweep", fifo, "-out", filepath.Join(tmp, "s")}, "named pipe"},
		{[]string{"calibrate", "-targets", fifo}, "named pipe"},
		{[]string{"plot", "-in", fifo, "-out", filepath.Join(tmp, "p.png")}, "named pipe"},
		{[]string{"merge", "-out", filepath.Join(tmp, "m"), part}, "not a regular file"},
		{append([]string{"sweep", "-out", resumed, "-resume"}, smallSweep...), "not a regular file"},
	} {
		done := make(chan [3]string, 1)
		go func() {
			code, stdout, stderr := cli(t, c.args...)
			done <- [3]string{fmt.Sprint(code), stdout, stderr}
		}()
		select {
		case r := <-done:
			if r[0] != "2" || !strings.Contains(r[2], c.want) {
				t.Errorf("%v: exit %s: %s; want 2 saying %q", c.args, r[0], r[2], c.want)
			}
		case <-time.After(2 * time.Minute): // generous: only a blocked open gets here
			t.Fatalf("%v: blocked on the pipe", c.args)
		}
	}
}

// A journal hard-linked to another file is refused on -resume, and the
// other file is left as it was.
func TestHardLinkedJournalIsRefused(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "hs")
	args := append([]string{"sweep", "-out", out}, smallSweep...)
	mustCLI(t, args...)
	victim := filepath.Join(tmp, "victim")
	os.WriteFile(victim, []byte("precious\n"), 0o644)
	if err := os.Link(victim, filepath.Join(out, sweepJournal)); err != nil {
		testenv.Unavailable(t, fmt.Sprintf("link: %v", err))
	}
	code, _, stderr := cli(t, append(args, "-resume")...)
	if code != 2 || !strings.Contains(stderr, "hard links") {
		t.Errorf("-resume with a hard-linked journal: exit %d: %s; want 2 naming the hard links", code, stderr)
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious\n" {
		t.Errorf("the hard link's other file now holds %q", b)
	}
}

// The class database is never written through a link: a symbolic link at
// -db (dangling or not) and a hard-linked -wal file are refused with exit 2
// before anything is created or changed.
func TestClassDatabaseLinksAreRefused(t *testing.T) {
	tmp := t.TempDir()
	target := filepath.Join(tmp, "elsewhere.db")
	dangling := filepath.Join(tmp, "dangling.db")
	os.Symlink(target, dangling)
	empty := filepath.Join(tmp, "empty")
	os.WriteFile(empty, nil, 0o644)
	linked := filepath.Join(tmp, "linked.db")
	os.Symlink(empty, linked)
	walDB := filepath.Join(tmp, "wal.db")
	victim := filepath.Join(tmp, "victim")
	os.WriteFile(victim, []byte("precious\n"), 0o644)
	os.Link(victim, walDB+"-wal")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"class", "-db", dangling}, "symbolic link"},
		{[]string{"class", "export", "-db", linked, "-session", "all", "-out", filepath.Join(tmp, "x")}, "symbolic link"},
		{[]string{"class", "-db", walDB}, "hard links"},
	} {
		code, _, stderr := cli(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d: %s; want 2 saying %q", c.args, code, stderr, c.want)
		}
	}
	if _, err := os.Lstat(target); err == nil {
		t.Error("a dangling -db link created its target")
	}
	if b, _ := os.ReadFile(empty); len(b) != 0 {
		t.Error("the file a -db link points to became a database")
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious\n" {
		t.Errorf("the -wal file's other name now holds %q", b)
	}
}

// A panic in a command exits 3 with the stack, never 2 (bad input).
func TestPanicsExitWithTheirOwnStatus(t *testing.T) {
	commands["crash-for-test"] = command{run: func([]string, io.Writer) error { panic("boom") }}
	defer delete(commands, "crash-for-test")
	code, _, stderr := cli(t, "crash-for-test")
	if code != exitCrash || code == exitBadInput || !strings.Contains(stderr, "internal error") || !strings.Contains(stderr, "boom") {
		t.Errorf("a panic: exit %d: %.200s; want %d, internal error", code, stderr, exitCrash)
	}
}

// run, targets and policies refuse work over -max-memory before starting.
func TestEveryCommandHasAMemoryBound(t *testing.T) {
	for _, args := range [][]string{
		{"run", "-hires", "10000000"},
		{"policies", "-hires", "10000000"},
		{"targets", "-hires", "10000000"},
		{"calibrate", "-hires", "10000000", "-out", "fit.json"},
		{"run", "-hires", "100000", "-max-memory", "64MiB"},
	} {
		code, stdout, stderr := cli(t, args...)
		checkBadInput(t, code, stdout, stderr, "memory", "-max-memory")
	}
}

// Merge checks every file a part's results.sha256 should list: a line
// taken out leaves a changed results.csv refused, not merged; -out may not
// be one of the parts, nor hold another sweep's merge.
func TestMergeVerifiesWhatItReads(t *testing.T) {
	tmp := t.TempDir()
	dir := func(name string) string { return filepath.Join(tmp, name) }
	var parts []string
	for i := 1; i <= 2; i++ {
		p := dir(fmt.Sprintf("p%d", i))
		mustCLI(t, append([]string{"sweep", "-out", p, "-shard", fmt.Sprintf("%d/2", i)}, smallSweep...)...)
		parts = append(parts, p)
	}
	mustCLI(t, append([]string{"sweep", "-out", dir("other"), "-seed", "99"}, smallSweep[:len(smallSweep)-2]...)...)
	// Out is a part, or holds another sweep.
	code, stdout, stderr := cli(t, "merge", "-out", parts[0], parts[0], parts[1])
	checkBadInput(t, code, stdout, stderr, "also a part")
	code, stdout, stderr = cli(t, "merge", "-out", dir("other"), parts[0], parts[1])
	checkBadInput(t, code, stdout, stderr, "another sweep")
	mustCLI(t, "merge", "-out", dir("m"), parts[0], parts[1])
	mustCLI(t, "merge", "-out", dir("m"), parts[0], parts[1]) // the same sweep's merge again: fine

	// A digit changed in results.csv, its line gone from results.sha256.
	res := filepath.Join(parts[1], sweepResults)
	b, _ := os.ReadFile(res)
	i := bytes.LastIndexAny(b, "123456789")
	b[i] = "0123456789"[(b[i]-'0'+1)%10]
	os.WriteFile(res, b, 0o644)
	sums := filepath.Join(parts[1], "results.sha256")
	s, _ := os.ReadFile(sums)
	var keep []string
	for _, l := range strings.SplitAfter(string(s), "\n") {
		if !strings.Contains(l, sweepResults) {
			keep = append(keep, l)
		}
	}
	os.WriteFile(sums, []byte(strings.Join(keep, "")), 0o644)
	code, stdout, stderr = cli(t, "merge", "-out", dir("m2"), parts[0], parts[1])
	checkBadInput(t, code, stdout, stderr, "results.sha256", "once each")
	if exists(dir("m2")) {
		t.Error("a refused merge wrote its output")
	}
}

// An output under a directory the path reaches through a symbolic link is
// refused (it would land wherever the link points), unless the user says
// the links are trusted (MENTORSIM_TRUST_LINKS=1); so is a -db.
func TestOutputsUnderLinkedDirectories(t *testing.T) {
	tmp := t.TempDir()
	real := filepath.Join(tmp, "real")
	os.Mkdir(real, 0o755)
	link := filepath.Join(tmp, "link")
	os.Symlink(real, link)
	for _, args := range [][]string{
		{"run", "-hires", "40", "-out", filepath.Join(link, "out")},
		{"sweep", "-out", filepath.Join(link, "s"), "-grid", "mentor_gain=0,1", "-replications", "1", "-hires", "40"},
		{"class", "-db", filepath.Join(link, "class.db")},
	} {
		code, stdout, stderr := cli(t, args...)
		checkBadInput(t, code, stdout, stderr, "symbolic link", "MENTORSIM_TRUST_LINKS")
	}
	if entries, _ := os.ReadDir(real); len(entries) != 0 {
		t.Errorf("refused outputs left %d entries behind the link", len(entries))
	}
	t.Setenv("MENTORSIM_TRUST_LINKS", "1")
	mustCLI(t, "run", "-hires", "40", "-out", filepath.Join(link, "out"))
	if _, err := os.Stat(filepath.Join(real, "out", "summary.json")); err != nil {
		t.Errorf("with the links trusted, the output is not behind the link: %v", err)
	}
}
