package sweeprun

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"mentorsim/internal/atomicout"
	"mentorsim/sim/sweep"
)

// The files of a sweep's output directory.
const (
	Record  = "sweep.json"
	Results = "results.csv"
	Summary = "summary.csv"
	Journal = ".journal"
	Lock    = ".lock"
)

// MaxRecord bounds the size of a sweep.json read back, on -resume and by merge.
const MaxRecord = 1 << 30

// InputError is a refusal caused by the user's input or the directory's
// contents (exit status 2), not a failure.
type InputError struct{ msg string }

func (e *InputError) Error() string { return e.msg }

// BadInput marks the error as the user's input.
func (e *InputError) BadInput() bool { return true }

func bad(format string, args ...any) error { return &InputError{fmt.Sprintf(format, args...)} }

// Progress counts finished tasks.
type Progress interface {
	Add()
	Finish()
}

// Options are a sweep to run and where.
type Options struct {
	Dir      string
	Spec     sweep.Spec
	Shard    sweep.Shard
	Workers  int
	Resume   bool                 // finish the sweep already in Dir
	Progress func(n int) Progress // nil: none
	Warn     io.Writer            // told of damaged journal lines
}

// Report says what Run did.
type Report struct {
	Run, FromJournal int  // tasks run now, and found done in the journal
	Complete         bool // the sweep in Dir was already complete: nothing was run
}

func (o Options) path(name string) string { return filepath.Join(o.Dir, name) }

// Run runs the shard's tasks not yet in the journal, then writes the
// outputs and removes the journal and the lock.
func Run(o Options) (Report, error) {
	rep, err := o.run()
	var ae *atomicout.Error
	if errors.As(err, &ae) { // a link, say, where a file of the sweep goes
		err = bad("out: %v", err)
	}
	return rep, err
}

func (o Options) run() (Report, error) {
	rec, err := o.Spec.Record(o.Shard)
	if err != nil {
		return Report{}, err
	}
	if err := o.checkDir(); err != nil {
		return Report{}, err
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return Report{}, err
	}
	lock, err := atomicout.LockFile(o.path(Lock))
	if errors.Is(err, atomicout.ErrBusy) {
		return Report{}, bad("out: %q is in use by another mentorsim sweep; wait for it, or use another -out", o.Dir)
	}
	if err != nil {
		return Report{}, err
	}
	defer lock.Close()
	if err := atomicout.Clean(o.Dir); err != nil {
		return Report{}, err
	}
	complete, err := o.record(rec)
	if err != nil { // refused (another sweep's directory, say): leave no lock behind
		return Report{}, errors.Join(err, os.Remove(o.path(Lock)))
	}
	if complete {
		return Report{Complete: true}, os.Remove(o.path(Lock))
	}
	rep, err := o.runJournalled()
	if err != nil {
		return rep, err
	}
	// The results are in place before the journal goes, and the journal
	// before the lock.
	atomicout.Step("remove")
	if err := os.Remove(o.path(Journal)); err != nil {
		return rep, err
	}
	if err := atomicout.SyncDir(o.Dir); err != nil {
		return rep, err
	}
	return rep, os.Remove(o.path(Lock))
}

// checkDir refuses a link, a file, or (unless resuming) a directory that
// already holds anything but a lock and temporary files.
func (o Options) checkDir() error {
	if err := atomicout.CheckParents(o.Dir); err != nil { // before the directory is made (o.Dir itself is checked below)
		return err
	}
	fi, err := os.Lstat(o.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		return bad("out: %q is a symbolic link, which mentorsim does not write through; want the directory it points to, or another -out", o.Dir)
	case !fi.IsDir():
		return bad("out: %q exists and is not a directory; want a new or empty directory", o.Dir)
	}
	entries, err := os.ReadDir(o.Dir)
	if err != nil {
		return err
	}
	var sweepFiles, other []string
	for _, e := range entries {
		switch n := e.Name(); {
		case n == Lock || strings.HasPrefix(n, atomicout.Prefix):
		case slices.Contains([]string{Record, Journal, Results, Summary, Checksums}, n):
			sweepFiles = append(sweepFiles, n)
		default:
			other = append(other, n)
		}
	}
	switch {
	case len(other) > 0:
		return bad("out: %q holds files that are not a sweep's (%s); want a new or empty directory", o.Dir, strings.Join(other, ", "))
	case len(sweepFiles) > 0 && !o.Resume && finished(sweepFiles):
		return bad("out: %q already holds a finished sweep (%s); its results are there: use another -out to run it again", o.Dir, strings.Join(sweepFiles, ", "))
	case len(sweepFiles) > 0 && !o.Resume:
		return bad("out: %q already holds a sweep (%s); use -resume to finish it, or another -out", o.Dir, strings.Join(sweepFiles, ", "))
	case len(sweepFiles) > 0 && !slices.Contains(sweepFiles, Record):
		return bad("out: %q holds sweep files but no sweep.json, so it cannot be resumed; use another -out", o.Dir)
	}
	return nil
}

// finished reports whether a directory's sweep files are a finished
// sweep's: its outputs, and no journal of tasks still to merge.
func finished(files []string) bool {
	return slices.Contains(files, Results) && slices.Contains(files, Summary) && !slices.Contains(files, Journal)
}

// record writes sweep.json, or checks that the one there is this sweep's;
// complete reports that its outputs are already there.
func (o Options) record(rec []byte) (complete bool, err error) {
	f, err := atomicout.OpenFile(o.path(Record), os.O_RDONLY)
	if errors.Is(err, fs.ErrNotExist) {
		return false, atomicout.WriteFile(o.path(Record), func(w io.Writer) error { _, err := w.Write(rec); return err })
	}
	if err != nil {
		return false, err
	}
	old, err := io.ReadAll(io.LimitReader(f, MaxRecord+1))
	f.Close()
	if err != nil {
		return false, err
	}
	if !slices.Equal(old, rec) {
		if len(old) > MaxRecord || !json.Valid(old) {
			return false, bad("out: %q has a damaged sweep.json (it is not whole JSON), so the sweep cannot be resumed; start again in another -out (or remove %s)", o.Dir, o.Dir)
		}
		_, field := sweep.SameSweep(old, rec)
		if field == "" {
			field = "shard"
		}
		return false, bad("out: %q holds a different sweep (its sweep.json differs in %q); give the same flags to resume it, or use another -out", o.Dir, field)
	}
	_, jerr := os.Lstat(o.path(Journal))
	_, rerr := os.Lstat(o.path(Results))
	_, serr := os.Lstat(o.path(Summary))
	return errors.Is(jerr, fs.ErrNotExist) && rerr == nil && serr == nil, nil
}

// runJournalled reads the journal, runs the tasks it lacks, appending each
// to it, and writes the outputs from it.
func (o Options) runJournalled() (Report, error) {
	_, statErr := os.Lstat(o.path(Journal))
	j, err := atomicout.OpenFile(o.path(Journal), os.O_RDWR|os.O_CREATE)
	if err != nil {
		return Report{}, err
	}
	defer j.Close()
	if errors.Is(statErr, fs.ErrNotExist) {
		if err := atomicout.SyncDir(o.Dir); err != nil { // the journal's directory entry
			return Report{}, err
		}
	}
	sc, err := o.scan(j)
	if err != nil {
		return Report{}, err
	}
	if sc.damaged > 0 && o.Warn != nil {
		lines := "lines"
		if sc.damaged == 1 {
			lines = "line"
		}
		fmt.Fprintf(o.Warn, "mentorsim sweep: %d damaged journal %s in %s; running their tasks again\n", sc.damaged, lines, o.Dir)
	}
	if err := j.Truncate(sc.good); err != nil {
		return Report{}, err
	}
	if _, err := j.Seek(sc.good, io.SeekStart); err != nil {
		return Report{}, err
	}
	total := o.Shard.Count(o.Spec.Tasks())
	rep := Report{Run: total - sc.have, FromJournal: sc.have}
	if err := o.runTasks(j, sc.done, rep.Run); err != nil {
		return rep, err
	}
	return rep, o.writeOutputs(j, total)
}

// writeOutputs writes results.csv, summary.csv and results.sha256 from the
// journal, each through a temporary file renamed into place.
func (o Options) writeOutputs(j *os.File, total int) error {
	sc, err := o.scan(j)
	if err != nil {
		return err
	}
	var srcs []rowSource
	for k, start := range sc.segments {
		end := sc.good
		if k+1 < len(sc.segments) {
			end = sc.segments[k+1]
		}
		srcs = append(srcs, &journalSegment{r: bufio.NewReaderSize(io.NewSectionReader(j, start, end-start), maxLine), check: o.check, last: -1})
	}
	rows, err := merge(srcs)
	if err != nil {
		return err
	}
	names := []string{Results, Summary, Checksums}
	var files [3]*os.File
	var bufs [3]*bufio.Writer
	for k := range names {
		if files[k], err = atomicout.Temp(o.Dir); err != nil {
			return err
		}
		defer atomicout.Discard(files[k])
		bufs[k] = bufio.NewWriterSize(files[k], 1<<16)
	}
	if err := WriteOutputs(o.Spec, rows, total, bufs[0], bufs[1], bufs[2]); err != nil {
		return err
	}
	for k, name := range names {
		if err := bufs[k].Flush(); err != nil {
			return err
		}
		if err := files[k].Sync(); err != nil {
			return err
		}
		if err := atomicout.Rename(files[k], o.path(name)); err != nil {
			return err
		}
	}
	return nil
}

// maxLine bounds a journal line (a longer one is damage): far longer than
// any row, short enough that a journal of many runs (one per session) reads
// in little memory, a buffer of this size per run.
const maxLine = 64 << 10

// scanned is what a journal holds.
type scanned struct {
	done     []uint64 // bit i: task i has a row
	have     int      // tasks with a row
	damaged  int      // lines skipped
	good     int64    // length up to the end of the last whole line
	segments []int64  // offsets where a run of increasing tasks starts
}

// check reports whether row is task i of the sweep and shard.
func (o Options) check(i int, row []byte) bool {
	r, err := o.Spec.ParseRow(row)
	return err == nil && r.Index == i && o.Shard.Has(i)
}

func (o Options) scan(j *os.File) (scanned, error) {
	sc := scanned{done: make([]uint64, (o.Spec.Tasks()+63)/64)}
	r := bufio.NewReaderSize(io.NewSectionReader(j, 0, 1<<62), maxLine)
	last := -1
	for off := int64(0); ; {
		line, err := r.ReadSlice('\n')
		off += int64(len(line))
		if err == bufio.ErrBufferFull { // damage: skip to the end of the line, as journalSegment does
			for err == bufio.ErrBufferFull {
				line, err = r.ReadSlice('\n')
				off += int64(len(line))
			}
			sc.damaged++
			if err == nil {
				sc.good = off
			}
			continue
		}
		if err == io.EOF {
			if len(line) > 0 {
				sc.damaged++ // a torn last line, cut off before appending
			}
			return sc, nil
		}
		if err != nil {
			return sc, err
		}
		i, row, ok := sweep.ParseJournalLine(line)
		if !ok {
			sc.damaged++
			continue
		}
		sc.good = off
		if !o.check(i, row) {
			sc.damaged++
			continue
		}
		if i <= last || len(sc.segments) == 0 {
			sc.segments = append(sc.segments, off-int64(len(line)))
		}
		last = i
		if sc.done[i/64]&(1<<(i%64)) == 0 {
			sc.done[i/64] |= 1 << (i % 64)
			sc.have++
		}
	}
}
