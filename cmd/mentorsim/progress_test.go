package main

import (
	"strings"
	"testing"
	"time"
)

// Without a terminal, progress writes a line each LogEvery of the work,
// with how far it got and how long it has left; work shorter than that,
// or its last unit, writes nothing.
func TestProgressLogLines(t *testing.T) {
	var b strings.Builder
	clock := time.Unix(0, 0)
	l := newProgressLog(&b, 10, "replications", func() time.Time { return clock }, LogEvery)
	for i := 1; i <= 10; i++ {
		clock = clock.Add(10 * time.Second) // 10 s a replication
		l.add()
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		"mentorsim: 3 of 10 replications (30%) in 30s; about 1m10s left",
		"mentorsim: 6 of 10 replications (60%) in 1m0s; about 40s left",
		"mentorsim: 9 of 10 replications (90%) in 1m30s; about 10s left",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant:\n%s", b.String(), strings.Join(want, "\n"))
	}
	b.Reset()
	short := newProgressLog(&b, 100, "tasks", func() time.Time { return clock }, LogEvery)
	for range 100 {
		clock = clock.Add(100 * time.Millisecond)
		short.add()
	}
	if b.Len() != 0 {
		t.Errorf("a 10-second run wrote %q", b.String())
	}
}

// version says what the binary was built from, or that the build did not
// record it; never nothing.
func TestVersionSaysWhatItWasBuiltFrom(t *testing.T) {
	code, stdout, stderr := cli(t, "version")
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[0], "mentorsim ") || !strings.HasPrefix(lines[1], "commit ") ||
		len(strings.TrimPrefix(lines[1], "commit ")) < 7 || !strings.HasPrefix(lines[3], "go1.") {
		t.Errorf("exit %d, %q, %s", code, stdout, stderr)
	}
}
