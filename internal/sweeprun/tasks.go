package sweeprun

import (
	"fmt"
	"iter"
	"mentorsim/internal/atomicout"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"mentorsim/sim/study"
	"mentorsim/sim/sweep"
)

// Journal lines are fsync'd at least this often and every this many tasks.
const (
	journalSyncEvery = 100 * time.Millisecond
	journalSyncTasks = 64
)

// window is how many tasks may be taken but not yet journalled: rows are
// journalled in task order, so one slow task holds back at most this many.
func window(workers int) int { return 4*workers + 16 }

// runTasks runs the n tasks of the shard not marked in done, on o.Workers
// goroutines, and appends their rows to the journal in task order.
func (o Options) runTasks(j *os.File, done []uint64, n int) error {
	type result struct {
		seq, i int
		row    []byte
		err    error
	}
	var bar Progress = nopProgress{}
	if o.Progress != nil {
		bar = o.Progress(n)
	}
	defer bar.Finish()
	next, stopIter := iter.Pull(o.todo(done))
	defer stopIter()
	var mu sync.Mutex
	seq := 0
	take := func() (int, int, bool) {
		mu.Lock()
		defer mu.Unlock()
		i, ok := next()
		seq++
		return seq - 1, i, ok
	}
	slots := make(chan struct{}, window(o.Workers))
	results := make(chan result, window(o.Workers))
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range max(1, min(o.Workers, n)) {
		wg.Go(func() {
			var scratch study.Scratch
			for {
				slots <- struct{}{}
				s, i, ok := take()
				if !ok || failed.Load() {
					<-slots
					return
				}
				row, err := o.Spec.RunRowIn(&scratch, i)
				results <- result{s, i, row, err}
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	var firstErr error
	fail := func(err error) {
		if firstErr == nil {
			firstErr = err
			failed.Store(true)
		}
	}
	tick := time.NewTicker(journalSyncEvery)
	defer tick.Stop()
	unsynced := 0
	sync := func() {
		if unsynced > 0 && firstErr == nil {
			if err := j.Sync(); err != nil {
				fail(fmt.Errorf("journal: %w", err))
			}
			unsynced = 0
		}
	}
	pending := map[int]result{}
	want := 0
	for open := true; open; {
		select {
		case r, ok := <-results:
			if !ok {
				open = false
				break
			}
			if firstErr != nil { // after a failure, only let the workers finish
				<-slots
				continue
			}
			pending[r.seq] = r
			for p, ok := pending[want]; ok && firstErr == nil; p, ok = pending[want] {
				delete(pending, want)
				want++
				<-slots
				if p.err != nil {
					fail(p.err)
					break
				}
				if _, err := j.Write(sweep.JournalLine(p.i, p.row)); err != nil {
					fail(fmt.Errorf("journal: %w", err))
					break
				}
				atomicout.Step("journal") // a test may kill the sweep here (atomicout.KillEnv)
				bar.Add()
				if unsynced++; unsynced >= journalSyncTasks {
					sync()
				}
			}
			if firstErr != nil {
				for k := range pending {
					delete(pending, k)
					<-slots
				}
			}
		case <-tick.C:
			sync()
		}
	}
	sync()
	return firstErr
}

// todo yields the shard's tasks not marked in done, in order.
func (o Options) todo(done []uint64) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range o.Shard.Tasks(o.Spec.Tasks()) {
			if done[i/64]&(1<<(i%64)) == 0 && !yield(i) {
				return
			}
		}
	}
}

type nopProgress struct{}

func (nopProgress) Add()    {}
func (nopProgress) Finish() {}
