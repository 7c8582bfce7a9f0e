// Package poisson draws exact Poisson variates fast, the same bits on every
// platform.
//
// A draw at rate λ is the sum of independent draws at λⱼ = j/32, the grid
// point below λ, and at δ = λ − λⱼ < 1/32 (the superposition property). The
// first comes by inversion of a precomputed CDF, started from a guide table;
// the second is 0 with probability e^(−δ) > 31/32. The five low bits of the
// draw's random word, unused by the 53-bit uniform of the first part, decide
// it: unless all five are ones (chance 1/32) the second part is 0; if they
// are, it is found by inversion of its own CDF on a uniform in [31/32, 1)
// made of those five bits and 48 fresh ones. The common case thus costs one
// random word and a table look-up (most guide cells lie within one step of
// the CDF and need no search): no exponential.
//
// The tables depend on nothing but the grid, so they are shared by all
// models; each span of one unit of λ is built when a model first needs it
// (For), with the pure-Go fmath.Exp and separately rounded products (no
// fused multiply-adds), so they are the same everywhere. Rates beyond the
// tables fall back to plain inversion.
package poisson

import (
	"math"
	"sync"

	"mentorsim/sim/fmath"
	"mentorsim/sim/rng"
)

const (
	// gridBits sets the grid: perUnit points per unit of λ, and as many
	// low bits of a draw's word decide the second part.
	gridBits = 5
	perUnit  = 1 << gridBits
	ones     = perUnit - 1 // the low bits when the second part may be > 0
	// MaxTabled bounds the rates drawn from tables; beyond it, Draw inverts
	// the CDF from e^(−λ) directly.
	MaxTabled = 48
	// tailMass ends a table once the terms fall below it past the mode: what
	// is cut off is far below a double's resolution near 1.
	tailMass = 0x1p-60
	// guideCells is the guide's cells per CDF entry: enough that most
	// draws land in a pure cell and need no search.
	guideCells = 4
)

// table is the CDF of Poisson(λⱼ) for one grid point, with a guide: the
// draw for any u in cell i (the u with ⌊u·g⌋ = i, as rounded) is at least
// guide[i]&^pure, and is that if the pure bit is set.
type table struct {
	cdf   []float64 // cdf[k] = P(X ≤ k); the last entry is 2, above any u
	guide []uint8   // g entries
	g     float64   // guideCells·len(cdf), as a float
}

// pure marks a guide cell that lies within one step of the CDF.
const pure = 1 << 7

// invert returns the smallest k with cdf[k] > u, for u in [0, 1).
func (t *table) invert(u float64) int {
	k := int(t.guide[int(u*t.g)])
	if k&pure != 0 {
		return k &^ pure
	}
	for t.cdf[k] <= u {
		k++
	}
	return k
}

type block [perUnit]table // the grid points j/32 of one unit of λ

// Built blocks, shared by every Tables; a block never changes once built.
var (
	built   [MaxTabled]*block
	buildMu sync.Mutex
)

// Tables draws Poisson variates at rates up to the bound it was made for
// from tables (and beyond it by plain inversion). Its blocks are built when
// it is made, so that a draw needs no lock: on js/wasm an atomic load is a
// function call.
type Tables struct {
	// tables[j] is the table of grid point j: a copy of the shared block's,
	// whose slices point into the block, so that a draw takes one load
	// fewer than through the block.
	tables []table
}

// For returns Tables covering the rates [0, maxLambda], as far as MaxTabled.
func For(maxLambda float64) *Tables {
	n := MaxTabled
	if maxLambda < MaxTabled { // also false for NaN
		n = int(maxLambda) + 1
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	t := &Tables{tables: make([]table, 0, n*perUnit)}
	for i := range n {
		if built[i] == nil {
			built[i] = build(i)
		}
		t.tables = append(t.tables, built[i][:]...)
	}
	return t
}

// build tabulates block n, its tables' entries side by side in memory.
func build(n int) *block {
	b := new(block)
	var cdf []float64
	var guide []uint8
	for i := range b {
		b[i] = newTable(float64(n*perUnit+i) / perUnit)
		cdf, guide = append(cdf, b[i].cdf...), append(guide, b[i].guide...)
	}
	for i := range b {
		nc, ng := len(b[i].cdf), len(b[i].guide)
		b[i].cdf, b[i].guide = cdf[:nc:nc], guide[:ng:ng]
		cdf, guide = cdf[nc:], guide[ng:]
	}
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
	g := guideCells * len(cdf)
	guide := make([]uint8, g) // k < pure: MaxTabled keeps the tables short enough
	k := 0                    // the cells' ends rise with i, and so do their draws
	for i := range guide {
		lo, hi := cellEnds(i, float64(g))
		for cdf[k] <= lo {
			k++
		}
		guide[i] = uint8(k)
		if cdf[k] > hi {
			guide[i] |= pure
		}
	}
	return table{cdf: cdf, guide: guide, g: float64(g)}
}

// search is invert without a guide.
func search(cdf []float64, u float64) int {
	k := 0
	for cdf[k] <= u {
		k++
	}
	return k
}

// cellEnds returns the least and the greatest u in [0, 1) with ⌊u·g⌋ = i,
// with u·g rounded as invert rounds it.
func cellEnds(i int, g float64) (lo, hi float64) {
	in := func(u float64) bool { return u >= 0 && u < 1 && int(u*g) == i }
	down := func(u float64) float64 { return math.Nextafter(u, -1) }
	up := func(u float64) float64 { return math.Nextafter(u, 2) }
	lo = float64(i) / g
	for in(down(lo)) {
		lo = down(lo)
	}
	for !in(lo) {
		lo = up(lo)
	}
	hi = min(float64(i+1)/g, down(1))
	for !in(hi) {
		hi = down(hi)
	}
	for in(up(hi)) {
		hi = up(hi)
	}
	return lo, hi
}

// Draw returns a Poisson(lambda) variate from r: exact, in that it inverts
// the CDF (to double precision) like the textbook method.
func (t *Tables) Draw(r *rng.Rand, lambda float64) int { return t.draw(r.Uint64(), r, lambda) }

// draw is Draw given the draw's random word a; r supplies any more bits.
func (t *Tables) draw(a uint64, r *rng.Rand, lambda float64) int {
	u := float64(a>>11) * 0x1p-53
	j := int(lambda * perUnit)
	if !(lambda >= 0 && j < len(t.tables)) {
		return rng.Poisson(u, lambda, fmath.Exp(-lambda))
	}
	k := t.tables[j].invert(u)
	if a&ones == ones {
		// float64(): arm64 would fuse λ − j·(1/32) (exact here, but kept plain)
		k += rest(r, lambda-float64(float64(j)/perUnit))
	}
	return k
}

// rest draws the Poisson(delta) part, delta < 1/perUnit, given that its
// gridBits leading uniform bits are all ones: by inversion on the uniform in
// [1 − 1/perUnit, 1) those bits start.
func rest(r *rng.Rand, delta float64) int {
	v := float64(ones<<(53-gridBits)|r.Uint64()>>(11+gridBits)) * 0x1p-53
	return rng.Poisson(v, delta, fmath.Exp(-delta))
}
