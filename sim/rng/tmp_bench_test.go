package rng

import "testing"

func BenchmarkTmpUint64(b *testing.B) {
	r := New(1, 1)
	var s uint64
	for b.Loop() {
		s += r.Uint64()
	}
	_ = s
}
