// Package parts splits a range of independent work into contiguous runs and
// does the runs at once, a goroutine each.
package parts

import "sync"

// Do splits [0, n) into k contiguous runs whose lengths differ by at most
// one, calls f(j, lo, hi) for each run j = [lo, hi) on a goroutine of its
// own, and returns when every call has. With k ≤ 1 it calls f(0, 0, n) on
// the caller's goroutine: replicate and sweep run many small studies, one a
// worker, and starting and waking a goroutine for each was a few per cent
// of a 603-hire study.
func Do(n, k int, f func(j, lo, hi int)) {
	if k <= 1 {
		f(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for j := range k {
		wg.Go(func() { f(j, n*j/k, n*(j+1)/k) })
	}
	wg.Wait()
}
