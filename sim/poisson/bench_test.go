package poisson

import (
	"testing"

	"mentorsim/sim/fmath"
	"mentorsim/sim/rng"
)

// benchRates are rates of a typical study's rep-days (calls_per_day 30).
var benchRates = [8]float64{0.9, 1.4, 2.2, 2.9, 3.6, 4.4, 5.7, 8.1}

// BenchmarkDraw times one draw.
func BenchmarkDraw(b *testing.B) {
	r := rng.New(1, 1)
	t := For(30)
	s := 0
	for i := 0; b.Loop(); i++ {
		s += t.Draw(&r, benchRates[i&7])
	}
	_ = s
}

// BenchmarkInversion times what Draw replaces: inversion from e^(−λ).
func BenchmarkInversion(b *testing.B) {
	r := rng.New(1, 1)
	s := 0
	for i := 0; b.Loop(); i++ {
		l := benchRates[i&7]
		s += rng.Poisson(r.Float64(), l, fmath.Exp(-l))
	}
	_ = s
}
