package fmath

import (
	"math"
	"math/big"
)

const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
	log2e = 1.44269504088896338700e+00
)

// ExpSmall is Exp(x) for 2⁻²⁸ ≤ |x| < ExpSmallBound, by the same
// operations, few enough to be inlined: on js/wasm a call costs about as
// much as the polynomial. The engine takes most of its exponentials there
// (a mentor's fading factor, |x| of a few thousandths).
func ExpSmall(x float64) float64 { return 1 + expm1(x) }

// ExpSmallBound bounds the x that Exp writes as r alone (n = 0, below
// ln2/128 ≈ 0.0054).
const ExpSmallBound = 0.005

// expm1 is e**r − 1 for |r| ≤ ln2/128, as Exp computes it: r·(1 + r/2 +
// r²/6 + r³/24 + r⁴/120).
func expm1(r float64) float64 {
	q := 1.0 / 120
	q = 1.0/24 + float64(r*q)
	q = 1.0/6 + float64(r*q)
	q = 0.5 + float64(r*q)
	q = 1 + float64(r*q)
	return float64(r * q) // float64(): amd64 v3 and arm64 would fuse it with the caller's 1 +
}

// Exp returns e**x, within about one ulp.
//
// It writes x = (64k + j)·ln2/64 + r with |r| <= ln2/128, so that
// e**x = 2**k · 2**(j/64) · e**r, takes 2**(j/64) from a table and e**r from
// a degree-5 polynomial (whose truncation error, r⁶/720, is below 4e-17).
// That costs no division, which makes it about twice as fast as the
// standard library's pure-Go algorithm; the engine computes one or more
// exponentials per rep-day.
func Exp(x float64) float64 {
	const (
		overflow  = 7.09782712893383973096e+02
		underflow = -7.45133219101941108420e+02
		toN       = 64 / ln2Hi // x·toN rounds to n, the nearest multiple of ln2/64
		hi64      = ln2Hi / 64 // n·hi64 is exact for |n| < 2**21
		lo64      = ln2Lo / 64
		nearZero  = 1.0 / (1 << 28)
	)
	switch {
	case math.IsNaN(x):
		return x
	case x > overflow:
		return math.Inf(1)
	case x < underflow:
		return 0
	case -nearZero < x && x < nearZero:
		return 1 + x
	}
	var n int
	if x < 0 {
		n = int(float64(x*toN) - 0.5)
	} else {
		n = int(float64(x*toN) + 0.5)
	}
	fn := float64(n)
	r := (x - float64(fn*hi64)) - float64(fn*lo64)
	// Adding the leading 1 last, to a small correction, keeps the rounding
	// error below an ulp.
	q := expm1(r)
	k, j := n>>6, n&63 // floor division: j is in [0, 64)
	t := exp2Table[j]
	y := t + float64(t*q)
	if k < -1020 || k > 1022 {
		return math.Ldexp(y, k) // the result may be subnormal or overflow
	}
	return y * math.Float64frombits(uint64(k+1023)<<52) // exact: a power of two
}

// exp2Table[j] is 2**(j/64) correctly rounded, computed with math/big (whose
// integer arithmetic is the same on every platform) as a product of repeated
// square roots of 2.
var exp2Table = func() (t [64]float64) {
	const prec = 200
	roots := make([]*big.Float, 6) // roots[i] = 2**(1/2**(i+1))
	r := new(big.Float).SetPrec(prec).SetInt64(2)
	for i := range roots {
		r = new(big.Float).SetPrec(prec).Sqrt(r)
		roots[i] = r
	}
	for j := range t {
		v := new(big.Float).SetPrec(prec).SetInt64(1)
		for i := range roots { // j/64 = Σ bit_i / 2**(i+1), most significant bit first
			if j&(32>>i) != 0 {
				v.Mul(v, roots[i])
			}
		}
		t[j], _ = v.Float64()
	}
	return t
}()

// Log returns the natural logarithm of x.
func Log(x float64) float64 {
	const (
		l1 = 6.666666666666735130e-01
		l2 = 3.999999999940941908e-01
		l3 = 2.857142874366239149e-01
		l4 = 2.222219843214978396e-01
		l5 = 1.818357216161805012e-01
		l6 = 1.531383769920937332e-01
		l7 = 1.479819860511658591e-01
	)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	f1, ki := frexp(x)
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	t1 := float64(s2 * (l1 + float64(s4*(l3+float64(s4*(l5+float64(s4*l7)))))))
	t2 := float64(s4 * (l2 + float64(s4*(l4+float64(s4*l6)))))
	R := t1 + t2
	hfsq := float64(float64(0.5*f) * f)
	return float64(k*ln2Hi) - ((hfsq - (float64(s*(hfsq+R)) + float64(k*ln2Lo))) - f)
}

// frexp is math.Frexp for a finite x > 0, taking a normal number's exponent
// and fraction straight from its bits (subnormals go to math.Frexp): the
// engine draws two logarithms per hire.
func frexp(x float64) (frac float64, exp int) {
	const mask, shift, bias = 0x7ff, 52, 1022
	b := math.Float64bits(x)
	e := int(b>>shift) & mask
	if e == 0 {
		return math.Frexp(x)
	}
	return math.Float64frombits(b&^(mask<<shift) | bias<<shift), e - bias
}
