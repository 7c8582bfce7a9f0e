package sweeprun

import (
	"bufio"
	"bytes"
	"container/heap"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"mentorsim/sim/sweep"
)

// A rowSource yields results rows in increasing task order.
type rowSource interface {
	// next returns the next row and its task, or ok false at the end.
	next() (i int, row []byte, ok bool, err error)
}

// journalSegment reads one run of increasing task indices from a journal
// (each session appends its tasks in order), skipping damaged lines and rows
// that are not tasks of the sweep and shard.
type journalSegment struct {
	r     *bufio.Reader
	check func(i int, row []byte) bool
	last  int
}

func (s *journalSegment) next() (int, []byte, bool, error) {
	for {
		line, err := s.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull { // longer than any row: damaged
			for err == bufio.ErrBufferFull {
				_, err = s.r.ReadSlice('\n')
			}
			continue
		}
		if err == io.EOF {
			return 0, nil, false, nil
		}
		if err != nil {
			return 0, nil, false, err
		}
		i, row, ok := sweep.ParseJournalLine(line)
		if ok && i > s.last && s.check(i, row) {
			s.last = i
			return i, bytes.Clone(row), true, nil
		}
	}
}

// merged yields the rows of several sources in task order; a task found in
// more than one keeps the row of the first source that has it.
type merged struct {
	h    sourceHeap
	last int
}

type head struct {
	src   rowSource
	order int
	i     int
	row   []byte
}

type sourceHeap []*head

func (h sourceHeap) Len() int { return len(h) }
func (h sourceHeap) Less(a, b int) bool {
	return h[a].i < h[b].i || (h[a].i == h[b].i && h[a].order < h[b].order)
}
func (h sourceHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *sourceHeap) Push(x any)   { *h = append(*h, x.(*head)) }
func (h *sourceHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func merge(srcs []rowSource) (*merged, error) {
	m := &merged{last: -1}
	for k, s := range srcs {
		i, row, ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if ok {
			m.h = append(m.h, &head{s, k, i, row})
		}
	}
	heap.Init(&m.h)
	return m, nil
}

func (m *merged) next() (int, []byte, bool, error) {
	for m.h.Len() > 0 {
		top := m.h[0]
		i, row := top.i, top.row
		ni, nrow, ok, err := top.src.next()
		if err != nil {
			return 0, nil, false, err
		}
		if ok {
			top.i, top.row = ni, nrow
			heap.Fix(&m.h, 0)
		} else {
			heap.Pop(&m.h)
		}
		if i > m.last {
			m.last = i
			return i, row, true, nil
		}
	}
	return 0, nil, false, nil
}

// countError says that rows held the wrong number of tasks.
type countError struct{ n, want int }

func (e *countError) Error() string {
	return fmt.Sprintf("%d of the %d tasks have results", e.n, e.want)
}

// Checksums is the file that records the SHA-256 of results.csv and
// summary.csv, in the format sha256sum -c reads; merge checks each part's.
const Checksums = "results.sha256"

// WriteOutputs writes results.csv (the header, then every task's row in
// order) and summary.csv from rows, which must yield each of the tasks
// exactly once, and the checksums of both.
func WriteOutputs(spec sweep.Spec, rows rowSource, want int, results, summary, sums io.Writer) error {
	rh, sh := sha256.New(), sha256.New()
	rw := io.MultiWriter(results, rh)
	sw, err := spec.NewSummaryWriter(io.MultiWriter(summary, sh))
	if err != nil {
		return err
	}
	if _, err := rw.Write(spec.Header()); err != nil {
		return err
	}
	n := 0
	for {
		i, row, ok, err := rows.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		r, err := spec.ParseRow(row)
		if err != nil {
			return fmt.Errorf("task %d: %w", i, err)
		}
		if err := sw.Add(r); err != nil {
			return err
		}
		if _, err := rw.Write(row); err != nil {
			return err
		}
		n++
	}
	if n != want {
		return &countError{n, want}
	}
	if err := sw.Close(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(sums, "%s  %s\n%s  %s\n", hex.EncodeToString(rh.Sum(nil)), Results, hex.EncodeToString(sh.Sum(nil)), Summary)
	return err
}
