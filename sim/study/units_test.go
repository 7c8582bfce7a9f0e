package study

import "testing"

// TestArenaSlicesDoNotOverlap fills slices taken from one arena, past its
// growth, and checks each keeps its own contents until free; after a free
// the same takes fit in one buffer, which the arena keeps.
func TestArenaSlicesDoNotOverlap(t *testing.T) {
	t.Parallel()
	var a arena[int]
	sizes := []int{3, 5, 0, 8, 1, 20, 2}
	var taken [][]int
	for k, n := range sizes {
		s := a.take(n)
		if len(s) != 0 || cap(s) != n {
			t.Fatalf("take(%d): len %d cap %d; want 0 and %d", n, len(s), cap(s), n)
		}
		for range n {
			s = append(s, k)
		}
		taken = append(taken, s)
	}
	for k, s := range taken {
		for _, v := range s {
			if v != k {
				t.Fatalf("slice %d holds %v: a later take wrote over it", k, s)
			}
		}
	}
	a.free()
	for _, n := range sizes { // the second pass takes one buffer for all
		a.take(n)
	}
	buf := &a.buf[0]
	for pass := 3; pass <= 4; pass++ {
		a.free()
		for _, n := range sizes {
			a.take(n)
		}
		if &a.buf[0] != buf {
			t.Errorf("pass %d: the same takes needed a new buffer", pass)
		}
	}
}
