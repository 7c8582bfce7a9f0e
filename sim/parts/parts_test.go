package parts

import (
	"sync"
	"testing"
)

// TestRunsCoverTheRangeOnce checks that the runs are contiguous, in order of
// j, cover [0, n) exactly once and differ in length by at most one, also
// with more runs than work (some runs are then empty).
func TestRunsCoverTheRangeOnce(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 2, 7, 603, 1000} {
		for _, k := range []int{0, 1, 2, 3, 8} {
			runs := make([][2]int, max(k, 1))
			var mu sync.Mutex
			calls := 0
			Do(n, k, func(j, lo, hi int) {
				mu.Lock()
				defer mu.Unlock()
				runs[j] = [2]int{lo, hi}
				calls++
			})
			if calls != max(k, 1) {
				t.Fatalf("n=%d k=%d: %d calls; want %d", n, k, calls, max(k, 1))
			}
			next, shortest, longest := 0, n, 0
			for j, r := range runs {
				if r[0] != next || r[1] < r[0] {
					t.Fatalf("n=%d k=%d: run %d is [%d, %d); want it to start at %d", n, k, j, r[0], r[1], next)
				}
				next = r[1]
				shortest, longest = min(shortest, r[1]-r[0]), max(longest, r[1]-r[0])
			}
			if next != n || longest-shortest > 1 {
				t.Errorf("n=%d k=%d: runs %v end at %d with lengths %d to %d; want to end at n, lengths within 1", n, k, runs, next, shortest, longest)
			}
		}
	}
}

// TestOneRunIsTheCallers checks that one run is done before Do returns on
// the caller's goroutine: a panic in it reaches the caller's recover, which
// it could not from a goroutine of its own.
func TestOneRunIsTheCallers(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("the run's panic did not reach the caller")
		}
	}()
	Do(10, 1, func(j, lo, hi int) { panic("in the run") })
}
