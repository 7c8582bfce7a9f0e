package poisson

import (
	"math"
	"testing"

	"mentorsim/sim/rng"
)

var all = For(MaxTabled)

func tableFor(j int) table { return all.table(j) }

// pmf is the Poisson(lambda) probability of k, computed independently of
// the tables (in log space, with the standard library).
func pmf(lambda float64, k int) float64 {
	if lambda == 0 {
		if k == 0 {
			return 1
		}
		return 0
	}
	lg, _ := math.Lgamma(float64(k) + 1)
	return math.Exp(-lambda + float64(k)*math.Log(lambda) - lg)
}

// Every table's CDF is the Poisson CDF to 1e-13, in every cell and in the
// tails: a 1% error in any cell of probability above 1e-11 would show.
func TestTablesMatchPoisson(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	for j := range MaxTabled * perUnit {
		lambda := float64(j) / perUnit
		tab := tableFor(j)
		n := len(tab.cdf) - 1 // the last entry is the sentinel
		if n+1 > pure {
			t.Fatalf("λ=%v: %d entries, too many for the guide's byte", lambda, n+1)
		}
		if tab.cdf[n] != 2 {
			t.Fatalf("λ=%v: no sentinel at the end of the CDF", lambda)
		}
		want := 0.0
		for k := range n {
			want += pmf(lambda, k)
			if d := math.Abs(tab.cdf[k] - want); d > 1e-13 {
				t.Fatalf("λ=%v: P(X ≤ %d) is %v, want %v (off by %.3g)", lambda, k, tab.cdf[k], want, d)
			}
		}
		if cut := 1 - tab.cdf[n-1]; cut > 1e-13 {
			t.Fatalf("λ=%v: the table stops at %d with %.3g of the mass left", lambda, n-1, cut)
		}
	}
}

// invert is exact inversion: at every step of every CDF, u just below it
// gives k and u at it gives the next k, whatever the guide says.
func TestInvertFindsEveryStep(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	for j := range MaxTabled * perUnit {
		tab := tableFor(j)
		if got := all.invert(j, 0); got != 0 && tab.cdf[0] > 0 {
			t.Fatalf("λ=%v: invert(0) = %d", float64(j)/perUnit, got)
		}
		for k := 1; k < len(tab.cdf); k++ {
			lo, hi := tab.cdf[k-1], tab.cdf[k]
			if lo >= 1 || hi <= lo {
				continue // no uniform in [0, 1) gives k
			}
			if got := all.invert(j, lo); got != k {
				t.Fatalf("λ=%v: invert(P(X ≤ %d)) = %d, want %d", float64(j)/perUnit, k-1, got, k)
			}
			if u := math.Min(math.Nextafter(hi, 0), math.Nextafter(1, 0)); u > lo {
				if got := all.invert(j, u); got != k {
					t.Fatalf("λ=%v: invert(%v) = %d, want %d", float64(j)/perUnit, u, got, k)
				}
			}
		}
	}
}

// The guide only speeds the search up: at both ends of every guide cell and
// at random uniforms, invert agrees with a plain search from 0.
func TestGuideAgreesWithSearch(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	r := rng.New(3, 4)
	for j := range MaxTabled * perUnit {
		tab := tableFor(j)
		for i := range tab.guide {
			lo, hi := cellEnds(i, tab.g)
			for _, u := range []float64{lo, hi, r.Float64()} {
				if got, want := all.invert(j, u), search(tab.cdf, u); got != want {
					t.Fatalf("λ=%v: invert(%v) = %d, want %d", float64(j)/perUnit, u, got, want)
				}
			}
		}
	}
}

// rates spans the model's range: tiny rates, grid points (δ = 0), rates
// just below grid points (δ near 1/perUnit), a geometric spread, and rates past
// the tables.
func rates() []float64 {
	ls := []float64{1e-6, 0.01, 1.0 / perUnit, math.Nextafter(1.0/perUnit, 0), 0.5, 1, 2 - 1e-9, 3.6, 10, 30, 63.99, 64, 100, 250}
	for l := 0.037; l < MaxTabled; l *= 1.6 {
		ls = append(ls, l)
	}
	return ls
}

// TestDrawIsPoissonInEveryCell feeds draw stratified uniforms, n of them, in
// both cases of the gridBits low bits (not all ones, weight ones; all ones,
// weight 1, the fresh bits then random), so that the counts can differ from
// the Poisson probabilities only by a stratum at each cell edge plus the
// noise of the second part. Cells in the tails are pooled until 1% of the
// cell's probability is beyond that error, so a 1% error in any cell, the
// pooled tails included, fails the test.
func TestDrawIsPoissonInEveryCell(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	const n = 1 << 17
	r := rng.New(1, 2)
	for _, lambda := range rates() {
		counts := map[int]float64{}
		for i := range uint64(n) {
			u := (2*i + 1) << (53 - 18) // the middle of stratum i of 2^17
			counts[all.DrawFrom(u<<11, &r, lambda)] += float64(ones) / (perUnit * n)
			counts[all.DrawFrom(u<<11|ones, &r, lambda)] += 1 / float64(perUnit*n)
		}
		for _, c := range cells(lambda, n) {
			if got := c.share(counts); math.Abs(got-c.p) > c.tol {
				t.Errorf("λ=%v: P(%d ≤ X ≤ %d) is %.6g in the draws, want %.6g ± %.2g", lambda, c.lo, c.hi, got, c.p, c.tol)
			}
		}
	}
}

type cell struct {
	lo, hi int
	p, tol float64 // the Poisson probability; the allowed error
}

// share sums the shares of the counts that fall in the cell.
func (c cell) share(shares map[int]float64) float64 {
	s := 0.0
	for k, v := range shares {
		if k >= c.lo && k <= c.hi {
			s += v
		}
	}
	return s
}

// cells splits the support of Poisson(lambda) into cells (the tails pooled
// into [0, lo] and [hi, ∞)) each big enough that n stratified draws resolve
// a 1% error: the error bound, two strata of 1/n per cell edge plus five
// standard deviations of the random part (weight 1/perUnit), is under 1% of p.
func cells(lambda, n float64) []cell {
	tol := func(p float64) float64 { return 4.0/n + 5*math.Sqrt(p/n)/perUnit }
	resolved := func(p float64) bool { return tol(p) <= 0.01*p }
	var cs []cell
	lo, p, k := 0, 0.0, 0
	for ; ; k++ {
		p += pmf(lambda, k)
		if resolved(p) {
			break
		}
	}
	cs = append(cs, cell{lo, k, p, tol(p)})
	for k++; ; k++ {
		p := pmf(lambda, k)
		if !resolved(p) {
			break
		}
		cs = append(cs, cell{k, k, p, tol(p)})
	}
	tail := 0.0
	for i := k; i < k+1000; i++ {
		tail += pmf(lambda, i)
	}
	cs = append(cs, cell{k, math.MaxInt32, tail, tol(tail)})
	if !resolved(tail) {
		cs[len(cs)-2].hi, cs[len(cs)-2].p = math.MaxInt32, cs[len(cs)-2].p+tail
		cs[len(cs)-2].tol = tol(cs[len(cs)-2].p)
		cs = cs[:len(cs)-1]
	}
	return cs
}

// TestDrawChiSquare draws from real random streams through Draw, the entry
// point the model uses, and applies Pearson's chi-square test (cells of
// expected count 20 or more) at significance 1e-6.
func TestDrawChiSquare(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	const n = 200000
	r := rng.New(7, 7)
	tabs := For(10) // 25 and 64.5 past its tables
	for _, lambda := range []float64{0.3, 1.4, 3.6, 7.3, 25, 64.5} {
		counts := map[int]float64{}
		for range n {
			counts[tabs.Draw(&r, lambda)]++
		}
		chi2, df := 0.0, -1
		for _, c := range cells(lambda, 1<<17) {
			want, got := c.p*n, c.share(counts)
			chi2 += (got - want) * (got - want) / want
			df++
		}
		// Wilson–Hilferty: the chi-square quantile at z = 4.75 (p ≈ 1e-6).
		x := 1 - 2/(9*float64(df)) + 4.75*math.Sqrt(2/(9*float64(df)))
		if crit := float64(df) * x * x * x; chi2 > crit {
			t.Errorf("λ=%v: chi-square %.1f on %d degrees of freedom, above %.1f", lambda, chi2, df, crit)
		}
	}
}

// Quick, where it answers, answers as DrawFrom does, and it answers for most
// words at the model's rates.
func TestQuickAgreesWithDrawFrom(t *testing.T) {
	t.Parallel() // shares nothing with the other tests
	r := rng.New(5, 6)
	for _, lambda := range append(rates(), -1, math.NaN(), math.Inf(1), MaxTabled) {
		answered := 0
		const n = 20000
		for range n {
			a := r.Uint64()
			k, ok := all.Quick(a, lambda)
			if !ok {
				continue
			}
			answered++
			rest := rng.New(0, 0) // DrawFrom must not need it
			if want := all.DrawFrom(a, &rest, lambda); k != want || rest != rng.New(0, 0) {
				t.Fatalf("λ=%v, a=%#x: Quick gives %d, DrawFrom %d", lambda, a, k, want)
			}
		}
		if lambda >= 0.5 && lambda < MaxTabled && answered < n*3/4 {
			t.Errorf("λ=%v: Quick answered %d of %d draws", lambda, answered, n)
		}
		if !(lambda >= 0 && lambda < MaxTabled) && answered > 0 {
			t.Errorf("λ=%v is not tabled, but Quick answered %d draws", lambda, answered)
		}
	}
}

// table returns grid point j's table.
func (t *Tables) table(j int) table {
	h := t.heads[j]
	g := int(h.g)
	return table{cdf: t.cdfs[h.cdf : int(h.cdf)+g/guideCells], guide: t.guides[h.guide : int(h.guide)+g], g: h.g}
}

// search is invert without a guide.
func search(cdf []float64, u float64) int {
	k := 0
	for cdf[k] <= u {
		k++
	}
	return k
}
