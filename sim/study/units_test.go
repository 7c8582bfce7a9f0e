package study

import "testing"

// TestPoolGivesTheBestFit checks that a pool hands out the smallest kept
// slice with room enough, empty, allocates when none has room, and keeps
// the largest slices it is given.
func TestPoolGivesTheBestFit(t *testing.T) {
	t.Parallel()
	var p pool[int]
	small, large := make([]int, 7, 10), make([]int, 3, 20)
	p.put(large)
	p.put(small)
	if s := p.get(8); cap(s) != 10 || len(s) != 0 || &s[:1][0] != &small[:1][0] {
		t.Fatalf("get(8) gave len %d cap %d; want the kept slice of cap 10, empty", len(s), cap(s))
	}
	if s := p.get(15); &s[:1][0] != &large[:1][0] {
		t.Fatalf("get(15) gave cap %d; want the kept slice of cap 20", cap(s))
	}
	if s := p.get(1); cap(s) != 1 {
		t.Fatalf("get(1) from an empty pool gave cap %d; want a new slice of cap 1", cap(s))
	}
	for _, c := range []int{5, 30, 1, 12} {
		p.put(make([]int, 0, c))
	}
	if len(p.kept) != keep || cap(p.get(30)) != 30 || cap(p.get(12)) != 12 {
		t.Errorf("after putting caps 5, 30, 1 and 12 the pool kept %d; want the largest %d, of caps 30 and 12", len(p.kept), keep)
	}
}
