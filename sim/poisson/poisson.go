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
	// guideCells is the guide's cells per CDF entry: enough that about 98%
	// of draws at the model's rates land in a pure cell and need no search
	// (at 4, 92% did, and the misses cost more than the larger guides); with
	// the 1/32 that need a second part, Quick answers about 95%.
	guideCells = 16
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

// head locates grid point j's table in the shared arrays. It is 16 bytes,
// so that the heads of the rates a study draws at stay in the first-level
// cache with the guides they point to: a draw is bound by those two loads.
type head struct {
	guide, cdf uint32  // offsets of the table's guide in guides and CDF in cdfs
	g          float64 // the guide's length, as a float
}

// The tables built so far, for the grid points 0, 1, … in order, side by
// side and shared by every Tables. They only grow (under buildMu), and an
// entry never changes once written, so a Tables holding an earlier slice of
// them needs no lock.
var (
	heads   []head
	guides  []uint8
	cdfs    []float64
	buildMu sync.Mutex
)

// Tables draws Poisson variates at rates up to the bound it was made for
// from tables (and beyond it by plain inversion). Its tables are built when
// it is made, so that a draw needs no lock: on js/wasm an atomic load is a
// function call.
type Tables struct {
	limit  float64 // the rates below it are tabled
	heads  []head
	guides []uint8
	cdfs   []float64
}

// For returns Tables covering the rates [0, maxLambda], as far as MaxTabled.
func For(maxLambda float64) *Tables {
	n := MaxTabled
	if maxLambda < MaxTabled { // also false for NaN
		n = int(maxLambda) + 1
	}
	n *= perUnit
	buildMu.Lock()
	defer buildMu.Unlock()
	for j := len(heads); j < n; j++ {
		t := newTable(float64(j) / perUnit)
		heads = append(heads, head{guide: uint32(len(guides)), cdf: uint32(len(cdfs)), g: t.g})
		guides, cdfs = append(guides, t.guide...), append(cdfs, t.cdf...)
	}
	return &Tables{limit: float64(n / perUnit), heads: heads[:n:n], guides: guides, cdfs: cdfs}
}

// invert returns the smallest k with cdf[k] > u in grid point j's table,
// for u in [0, 1).
func (t *Tables) invert(j int, u float64) int {
	h := t.heads[j]
	k := int(t.guides[int(h.guide)+int(u*h.g)])
	if k&pure != 0 {
		return k &^ pure
	}
	for t.cdfs[int(h.cdf)+k] <= u {
		k++
	}
	return k
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
func (t *Tables) Draw(r *rng.Rand, lambda float64) int { return t.DrawFrom(r.Uint64(), r, lambda) }

// Quick is DrawFrom in its common case, a tabled rate whose second part is
// 0 and whose guide cell is pure, which needs nothing but the word a; ok is
// false otherwise, when the caller must call DrawFrom. It is small enough
// for the compiler to inline in the caller's loop, where a call would cost
// about as much as the draw.
func (t *Tables) Quick(a uint64, lambda float64) (k int, ok bool) {
	if !(lambda >= 0 && lambda < t.limit) || a&ones == ones {
		return 0, false
	}
	h := t.heads[int(lambda*perUnit)]
	u := float64(a>>11) * 0x1p-53
	k = int(t.guides[int(h.guide)+int(u*h.g)])
	return k &^ pure, k&pure != 0
}

// DrawFrom is Draw given the draw's first random word a, taken from r,
// which supplies any more bits.
func (t *Tables) DrawFrom(a uint64, r *rng.Rand, lambda float64) int {
	u := float64(a>>11) * 0x1p-53
	if !(lambda >= 0 && lambda < t.limit) {
		return rng.Poisson(u, lambda, fmath.Exp(-lambda))
	}
	j := int(lambda * perUnit)
	k := t.invert(j, u)
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
