package sweeprun

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"mentorsim/internal/atomicout"
	"mentorsim/internal/memlimit"
	"mentorsim/internal/readlimit"
	"mentorsim/sim/sweep"
)

// Part is a finished shard of a sweep: its directory and which shard it is.
type Part struct {
	Dir   string
	Shard sweep.Shard
}

// CheckPart verifies that a part's results.csv and summary.csv are as its
// sweep wrote them: their SHA-256 as recorded in results.sha256, which
// must list exactly those two files, each once (a list with a line
// removed would leave a file unchecked).
func CheckPart(dir string) error {
	sums, err := readSmall(filepath.Join(dir, Checksums), 1<<10)
	if err != nil {
		return bad("part %q: has no readable %s (%v); want a directory written by mentorsim sweep -out, finished", dir, Checksums, unwrap(err))
	}
	lines := bytes.Split(bytes.TrimSuffix(sums, []byte("\n")), []byte("\n"))
	seen := map[string]bool{}
	for _, line := range lines {
		_, name, _ := bytes.Cut(line, []byte("  "))
		seen[string(name)] = true
	}
	if len(lines) != 2 || !seen[Results] || !seen[Summary] {
		return bad("part %q: %s does not list %s and %s once each (damaged or edited); run that shard again", dir, Checksums, Results, Summary)
	}
	for _, line := range lines {
		sum, name, ok := bytes.Cut(line, []byte("  "))
		if !ok || (string(name) != Results && string(name) != Summary) {
			return bad("part %q: %s is damaged; run that shard again", dir, Checksums)
		}
		f, err := atomicout.OpenFile(filepath.Join(dir, string(name)), os.O_RDONLY)
		if err != nil {
			return bad("part %q: %s cannot be read (%v)", dir, name, unwrap(err))
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return err
		}
		if hex.EncodeToString(h.Sum(nil)) != string(sum) {
			return bad("part %q: %s is not as the sweep wrote it (its SHA-256 differs from the one in %s: edited or damaged); run that shard again", dir, name, Checksums)
		}
	}
	return nil
}

func unwrap(err error) error {
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return err
}

func readSmall(path string, limit int64) ([]byte, error) {
	f, err := atomicout.OpenFile(path, os.O_RDONLY)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = errors.New("too large")
	}
	return data, err
}

// WriteMerged writes the whole sweep's results.csv, summary.csv and
// results.sha256 from the parts, which must hold every task once, reading
// them side by side in task order.
func WriteMerged(spec sweep.Spec, parts []Part, results, summary, sums io.Writer) error {
	var srcs []rowSource
	for _, p := range parts {
		f, err := atomicout.OpenFile(filepath.Join(p.Dir, Results), os.O_RDONLY)
		if err != nil {
			return bad("part %q: results.csv cannot be read (%v)", p.Dir, unwrap(err))
		}
		defer f.Close()
		r := bufio.NewReaderSize(f, maxLine)
		header, err := r.ReadSlice('\n')
		if err != nil || !bytes.Equal(header, spec.Header()) {
			return bad("part %q: results.csv does not start with the sweep's header", p.Dir)
		}
		srcs = append(srcs, &partSource{p: p, spec: spec, r: r, line: 1, last: -1})
	}
	rows, err := merge(srcs)
	if err != nil {
		return err
	}
	err = WriteOutputs(spec, rows, spec.Tasks(), results, summary, sums)
	var ce *countError
	if errors.As(err, &ce) {
		return bad("parts: hold %d of the sweep's %d tasks", ce.n, ce.want)
	}
	return err
}

// partSource reads a part's results rows, each a task of its shard, in
// increasing order.
type partSource struct {
	p    Part
	spec sweep.Spec
	r    *bufio.Reader
	line int
	last int
}

func (s *partSource) next() (int, []byte, bool, error) {
	row, err := s.r.ReadSlice('\n')
	s.line++
	if err == io.EOF && len(row) == 0 {
		return 0, nil, false, nil
	}
	if err != nil {
		return 0, nil, false, bad("part %q: results.csv line %d is incomplete", s.p.Dir, s.line)
	}
	r, err := s.spec.ParseRow(row)
	switch {
	case err != nil:
		return 0, nil, false, bad("part %q: results.csv line %d: %v", s.p.Dir, s.line, err)
	case !s.p.Shard.Has(r.Index):
		return 0, nil, false, bad("part %q: results.csv line %d: task %d is not in shard %s", s.p.Dir, s.line, r.Index, s.p.Shard)
	case r.Index <= s.last:
		return 0, nil, false, bad("part %q: results.csv line %d: task %d is out of order or there twice", s.p.Dir, s.line, r.Index)
	}
	s.last = r.Index
	return r.Index, bytes.Clone(row), true, nil
}

// Parts reads and checks the parts of a sharded sweep for merge: each a
// finished sweep directory (no journal, results as results.sha256 says),
// all of one sweep and one split, every shard once. It returns the sweep,
// its record as the first part has it, and the parts.
func Parts(dirs []string) (sweep.Spec, []byte, []Part, error) {
	var spec sweep.Spec
	var first []byte
	n := 0
	shardOf := map[int]string{} // shard index → part
	var ps []Part
	for _, dir := range dirs {
		s, rec, sh, err := readPart(dir)
		if err != nil {
			return spec, nil, nil, err
		}
		if first == nil {
			spec, first, n = s, rec, sh.N
		} else if same, field := sweep.SameSweep(first, rec); !same {
			return spec, nil, nil, bad("part %q: is from a different sweep than %q (sweep.json differs in %q)", dir, dirs[0], field)
		}
		if sh.N != n {
			return spec, nil, nil, bad("part %q: is shard %s but %q is one of %d; want the parts of one split", dir, sh, dirs[0], n)
		}
		if other, dup := shardOf[sh.I]; dup {
			return spec, nil, nil, bad("part %q: is shard %s, as is %q; want each shard once", dir, sh, other)
		}
		shardOf[sh.I] = dir
		ps = append(ps, Part{Dir: dir, Shard: sh})
	}
	var missing []string
	for i := 1; i <= n; i++ {
		if _, ok := shardOf[i]; !ok {
			missing = append(missing, fmt.Sprintf("%d/%d", i, n))
		}
	}
	if len(missing) > 0 {
		return spec, nil, nil, bad("parts: shard %s is missing; want every shard of the split once", strings.Join(missing, ", "))
	}
	return spec, first, ps, nil
}

// readPart reads one part's sweep and shard, refusing a link, a part
// without a readable sweep.json, an unfinished one and a changed one.
func readPart(dir string) (sweep.Spec, []byte, sweep.Shard, error) {
	var none sweep.Shard
	if err := atomicout.CheckNoLink(dir); err != nil {
		return sweep.Spec{}, nil, none, bad("part: %v", err)
	}
	rec, err := readlimit.ReadFile(filepath.Join(dir, Record), MaxRecord)
	if err != nil {
		return sweep.Spec{}, nil, none, bad("part %q: has no readable sweep.json; want a directory written by mentorsim sweep -out", dir)
	}
	if _, err := os.Lstat(filepath.Join(dir, Journal)); err == nil {
		return sweep.Spec{}, nil, none, bad("part %q: is unfinished (it has a journal); finish it with mentorsim sweep -resume and the same flags", dir)
	}
	s, sh, err := sweep.ParseRecord(rec)
	if err != nil {
		return sweep.Spec{}, nil, none, bad("part %q: %v", dir, err)
	}
	if sh.N == 0 {
		sh = sweep.Shard{I: 1, N: 1}
	}
	return s, rec, sh, CheckPart(dir)
}

// MergeMemory is what merging parts of spec needs: one point's rows for
// its summary, and a buffer per part.
func MergeMemory(spec sweep.Spec, parts int) float64 {
	return memlimit.Base + float64(float64(spec.Replications)*memlimit.PerReplication) + float64(float64(parts)*memlimit.PerRow*16)
}
