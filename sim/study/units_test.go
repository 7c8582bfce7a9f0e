package study

import "testing"

// TestArenaSlicesDoNotOverlap fills slices taken from one arena, past its
// growth, and checks each keeps its own contents until free; after free the
// arena hands its memory out again.
func TestArenaSlicesDoNotOverlap(t *testing.T) {
	t.Parallel()
	var a arena[int]
	var taken [][]int
	for k, n := range []int{3, 5, 0, 8, 1, 20, 2} {
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
	buf := &a.buf[0]
	a.free()
	if s := a.take(10); &s[:1][0] != buf {
		t.Error("after free, take did not reuse the arena's buffer")
	}
}
