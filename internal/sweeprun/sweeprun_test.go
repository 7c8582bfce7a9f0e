package sweeprun

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mentorsim/sim/param"
	"mentorsim/sim/sweep"
)

func spec(t *testing.T, reps int) sweep.Spec {
	t.Helper()
	sc, err := param.NewScenario("study")
	if err != nil {
		t.Fatal(err)
	}
	sc.Params.Hires = 30
	a, err := sweep.ParseAxis("mentor_gain=0,1,2")
	if err != nil {
		t.Fatal(err)
	}
	s, err := sweep.NewGrid(sc, []sweep.Axis{a}, reps)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func read(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The results are the same whatever the workers, in task order, and a
// finished directory holds the outputs and sweep.json only.
func TestRunWritesTaskOrder(t *testing.T) {
	t.Parallel()
	s := spec(t, 4)
	var want []byte
	for _, w := range []int{1, 3} {
		dir := filepath.Join(t.TempDir(), "s")
		rep, err := Run(Options{Dir: dir, Spec: s, Workers: w})
		if err != nil || rep.Run != 12 || rep.FromJournal != 0 {
			t.Fatalf("workers %d: %+v, %v", w, rep, err)
		}
		got := read(t, dir, Results)
		if want == nil {
			want = got
		} else if !bytes.Equal(got, want) {
			t.Errorf("workers %d: results differ", w)
		}
		lines := strings.Split(strings.TrimSpace(string(got)), "\n")
		for k, l := range lines[1:] {
			r, err := s.ParseRow([]byte(l))
			if err != nil || r.Index != k {
				t.Fatalf("row %d is task %d (%v)", k, r.Index, err)
			}
		}
		var names []string
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			names = append(names, e.Name())
		}
		if !slices.Equal(names, []string{Results, Checksums, Summary, Record}) {
			t.Errorf("the finished directory holds %v", names)
		}
		if rep, err := Run(Options{Dir: dir, Spec: s, Workers: w, Resume: true}); err != nil || !rep.Complete {
			t.Errorf("resuming a finished sweep: %+v, %v", rep, err)
		}
	}
}

// A journal written in several sessions, with damage, is read back in task
// order, each task once, its damaged tasks run again.
func TestResumeFromAJournalOfSeveralRuns(t *testing.T) {
	t.Parallel()
	s := spec(t, 4)
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := Run(Options{Dir: ref, Spec: s, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(string(read(t, ref, Results))), "\n")[1:]
	line := func(i int) []byte { return sweep.JournalLine(i, []byte(rows[i]+"\n")) }
	var j []byte
	for _, i := range []int{1, 4, 7} { // one session
		j = append(j, line(i)...)
	}
	for _, i := range []int{0, 2, 9} { // another
		j = append(j, line(i)...)
	}
	damaged := line(3)
	damaged[len(damaged)-3] ^= 1
	j = append(j, damaged...)
	j = append(j, line(2)...) // a task twice
	j = append(j, bytes.Repeat([]byte("x"), 70000)...)
	j = append(j, line(5)...)       // inside a line longer than any row: damage
	j = append(j, line(11)[:20]...) // torn
	dir := filepath.Join(t.TempDir(), "s")
	os.MkdirAll(dir, 0o755)
	rec, _ := s.Record(sweep.Shard{})
	os.WriteFile(filepath.Join(dir, Record), rec, 0o644)
	os.WriteFile(filepath.Join(dir, Journal), j, 0o644)
	var warn bytes.Buffer
	rep, err := Run(Options{Dir: dir, Spec: s, Workers: 2, Resume: true, Warn: &warn})
	if err != nil || rep.FromJournal != 6 || rep.Run != 6 {
		t.Fatalf("%+v, %v", rep, err)
	}
	if !strings.Contains(warn.String(), "3 damaged journal lines") {
		t.Errorf("warning: %q", warn.String())
	}
	for _, name := range []string{Results, Summary, Checksums} {
		if !bytes.Equal(read(t, dir, name), read(t, ref, name)) {
			t.Errorf("%s differs from the sweep run at once", name)
		}
	}
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	s := spec(t, 2)
	var ie *InputError
	dir := filepath.Join(t.TempDir(), "s")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "notes"), nil, 0o644)
	if _, err := Run(Options{Dir: dir, Spec: s, Workers: 1}); !errors.As(err, &ie) || !strings.Contains(err.Error(), "not a sweep's (notes)") {
		t.Errorf("a directory of other files: %v", err)
	}
	dir = filepath.Join(t.TempDir(), "s")
	if _, err := Run(Options{Dir: dir, Spec: s, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Options{Dir: dir, Spec: s, Workers: 1}); !errors.As(err, &ie) || !strings.Contains(err.Error(), "finished sweep") {
		t.Errorf("a second sweep without -resume: %v", err)
	}
	other := spec(t, 3)
	if _, err := Run(Options{Dir: dir, Spec: other, Workers: 1, Resume: true}); !errors.As(err, &ie) || !strings.Contains(err.Error(), `differs in "replications"`) {
		t.Errorf("resuming another sweep: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, Lock)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the refused resume left its lock: %v", err)
	}
	os.WriteFile(filepath.Join(dir, Record), read(t, dir, Record)[:30], 0o644)
	if _, err := Run(Options{Dir: dir, Spec: s, Workers: 1, Resume: true}); !errors.As(err, &ie) || !strings.Contains(err.Error(), "damaged sweep.json") {
		t.Errorf("a truncated sweep.json: %v", err)
	}
}

// merge checks each part against its checksums and reads the parts side by
// side into the whole sweep's files.
func TestMerge(t *testing.T) {
	t.Parallel()
	s := spec(t, 3)
	tmp := t.TempDir()
	whole := filepath.Join(tmp, "whole")
	if _, err := Run(Options{Dir: whole, Spec: s, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	var parts []Part
	for i := 1; i <= 2; i++ {
		p := Part{filepath.Join(tmp, "p", string(rune('0'+i))), sweep.Shard{I: i, N: 2}}
		if _, err := Run(Options{Dir: p.Dir, Spec: s, Shard: p.Shard, Workers: 2}); err != nil {
			t.Fatal(err)
		}
		if err := CheckPart(p.Dir); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, p)
	}
	var res, sum, sums bytes.Buffer
	if err := WriteMerged(s, parts, &res, &sum, &sums); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Bytes(), read(t, whole, Results)) || !bytes.Equal(sum.Bytes(), read(t, whole, Summary)) || !bytes.Equal(sums.Bytes(), read(t, whole, Checksums)) {
		t.Error("the merged parts differ from the whole sweep")
	}
	var ie *InputError
	if err := WriteMerged(s, parts[:1], &res, &sum, &sums); !errors.As(err, &ie) || !strings.Contains(err.Error(), "hold 5 of the sweep's 9 tasks") {
		t.Errorf("one part of two: %v", err)
	}
	path := filepath.Join(parts[0].Dir, Results)
	b := read(t, path, "")
	os.WriteFile(path, bytes.Replace(b, []byte(",0,"), []byte(",1,"), 1), 0o644)
	if err := CheckPart(parts[0].Dir); !errors.As(err, &ie) || !strings.Contains(err.Error(), "not as the sweep wrote it") {
		t.Errorf("an edited part: %v", err)
	}
}
