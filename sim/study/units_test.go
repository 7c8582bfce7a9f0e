package study

import "testing"

// TestSpareIsReused checks that a spare hands out the slice last given back
// when it has room, empty, and once only; that it makes a new slice when
// it has none with room; and that it keeps the larger of what it is given.
func TestSpareIsReused(t *testing.T) {
	t.Parallel()
	var p spare[int]
	small, large := make([]int, 3, 10), make([]int, 3, 20)
	p.put(small)
	p.put(large)
	if s := p.get(15); len(s) != 0 || &s[:1][0] != &large[:1][0] {
		t.Fatalf("get(15) gave len %d cap %d; want the slice of cap 20 given back, emptied", len(s), cap(s))
	}
	if s := p.get(5); cap(s) != 5 {
		t.Fatalf("get(5) while the spare is out gave cap %d; want a new slice of cap 5", cap(s))
	}
	p.put(large)
	p.put(small)
	if s := p.get(25); cap(s) != 25 {
		t.Fatalf("get(25) gave cap %d; want a new slice, the spare being too small", cap(s))
	}
	if s := p.get(1); &s[:1][0] != &large[:1][0] {
		t.Errorf("the spare is the slice of cap %d; want the larger one given back, of cap 20", cap(s))
	}
}
