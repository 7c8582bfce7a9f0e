package rng

import "testing"

// BenchmarkUint64 times one word of PCG: on js/wasm, where bits.Mul64 is
// no intrinsic, it is a call and about 4.6× native (README, Speed).
func BenchmarkUint64(b *testing.B) {
	r := New(1, 1)
	var s uint64
	for b.Loop() {
		s += r.Uint64()
	}
	_ = s
}
