// Package poisson draws exact Poisson variates fast, the same bits on every
// platform.
//
// A draw at rate λ is the sum of independent draws at λⱼ = j/64, the grid
// point below λ, and at δ = λ − λⱼ < 1/64 (the superposition property). The
// first comes by inversion of a precomputed CDF, started from a guide table;
// the second is 0 with probability e^(−δ) > 63/64. The six low bits of the
// draw's random word, unused by the 53-bit uniform of the first part, decide
// it: unless all six are ones (chance 1/64) the second part is 0; if they are,
// it is found by inversion of its own CDF on a uniform in [63/64, 1) made of
// those six bits and 47 fresh ones. The common case thus costs one random
// word, a table look-up and a comparison or two: no exponential.
//
// The tables depend on nothing but the grid, so they are shared by all
// models; each span of one unit of λ is built when first needed, with the
// pure-Go fmath.Exp and separately rounded products (no fused
// multiply-adds), so they are the same everywhere. Rates beyond the tables
// (at least MaxTabled) fall back to plain inversion.
package poisson

import (
	"sync"
	"sync/atomic"

	"mentorsim/sim/fmath"
	"mentorsim/sim/rng"
)

const (
	perUnit = 64 // grid points per unit of λ: the grid step is 1/64
	// MaxTabled bounds the rates drawn from tables; beyond it, Draw inverts
	// the CDF from e^(−λ) directly.
	MaxTabled = 64
	// tailMass ends a table once the terms fall below it past the mode: what
	// is cut off is far below a double's resolution near 1.
	tailMass = 0x1p-60
)

// table is the CDF of Poisson(λⱼ) for one grid point, with a guide:
// guide[i] is a k no greater than the draw for any u with ⌊u·g⌋ = i.
type table struct {
	cdf   []float64 // cdf[k] = P(X ≤ k); the last entry is 2, above any u
	guide []uint16  // len(cdf)+1 entries
	g     float64   // len(cdf), as a float
}

// invert returns the smallest k with cdf[k] > u, for u in [0, 1).
func (t *table) invert(u float64) int {
	k := int(t.guide[int(u*t.g)])
	for t.cdf[k] <= u {
		k++
	}
	return k
}

type block [perUnit]table // the grid points j/64 of one unit of λ

var (
	blocks  [MaxTabled]atomic.Pointer[block]
	buildMu sync.Mutex
)

// tableFor returns the table of grid point j < MaxTabled·perUnit, building
// its block on first use.
func tableFor(j int) *table {
	b := blocks[j/perUnit].Load()
	if b == nil {
		b = build(j / perUnit)
	}
	return &b[j%perUnit]
}

func build(n int) *block {
	buildMu.Lock()
	defer buildMu.Unlock()
	if b := blocks[n].Load(); b != nil {
		return b
	}
	b := new(block)
	for i := range b {
		b[i] = newTable(float64(n*perUnit+i) / perUnit)
	}
	blocks[n].Store(b)
	return b
}

// newTable tabulates the CDF of Poisson(lambda) by the recurrence
// p(k) = p(k−1)·λ/k, each step rounded on its own, until the terms past the
// mode are negligible; then it builds the guide.
func newTable(lambda float64) table {
	p := fmath.Exp(-lambda)
	c := p
	cdf := []float64{c}
	for k := 1; float64(k) <= lambda || p >= tailMass; k++ {
		p = float64(p*lambda) / float64(k)
		c += p
		cdf = append(cdf, c)
	}
	cdf = append(cdf, 2)
	g := len(cdf)
	guide := make([]uint16, g+1)
	k := 0
	for i := 1; i <= g; i++ {
		// Any u with ⌊u·g⌋ = i (as rounded) is above (i − ½)/g.
		x := (float64(i) - 0.5) / float64(g)
		for cdf[k] <= x {
			k++
		}
		guide[i] = uint16(k)
	}
	return table{cdf: cdf, guide: guide, g: float64(g)}
}

// Draw returns a Poisson(lambda) variate from r: exact, in that it inverts
// the CDF (to double precision) like the textbook method.
func Draw(r *rng.Rand, lambda float64) int { return draw(r.Uint64(), r, lambda) }

// draw is Draw given the draw's random word a; r supplies any more bits.
func draw(a uint64, r *rng.Rand, lambda float64) int {
	u := float64(a>>11) * 0x1p-53
	if !(lambda >= 0 && lambda < MaxTabled) {
		return rng.Poisson(u, lambda, fmath.Exp(-lambda))
	}
	j := int(lambda * perUnit)
	k := tableFor(j).invert(u)
	if a&63 == 63 {
		k += rest(r, lambda-float64(j)/perUnit, a&63)
	}
	return k
}

// rest draws the Poisson(delta) part, delta < 1/64, given that its six
// leading uniform bits (top) are all ones: by inversion on the uniform in
// [63/64, 1) those bits start.
func rest(r *rng.Rand, delta float64, top uint64) int {
	v := float64(top<<47|r.Uint64()>>17) * 0x1p-53
	return rng.Poisson(v, delta, fmath.Exp(-delta))
}
