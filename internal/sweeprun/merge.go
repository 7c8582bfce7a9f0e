package sweeprun

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"

	"mentorsim/internal/atomicout"
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
