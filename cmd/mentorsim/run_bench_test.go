package main

import (
	"fmt"
	"io"
	"testing"
)

// BenchmarkRunCommand times what a user runs, `mentorsim run -hires 200000
// -seed 1 -json`, end to end in-process: hiring, the study, the estimates
// and the JSON. Compare it with sim/study's BenchmarkRunToEnd (the engine
// alone) at the same worker count: `make bench` prints both.
func BenchmarkRunCommand(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("hires=200000/workers=%d", workers), func(b *testing.B) {
			for b.Loop() {
				if code := mainArgs([]string{"run", "-hires", "200000", "-seed", "1", "-json", "-workers", fmt.Sprint(workers)}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
