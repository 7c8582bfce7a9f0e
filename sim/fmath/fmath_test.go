package fmath

import (
	"math"
	"testing"
)

// ulps counts the representable doubles between a and b. The standard
// library's amd64 assembly is itself only accurate to about one ulp, so the
// tests allow two.
func ulps(a, b float64) uint64 {
	ia, ib := int64(math.Float64bits(a)), int64(math.Float64bits(b))
	if ia > ib {
		return uint64(ia - ib)
	}
	return uint64(ib - ia)
}

func TestExpMatchesStdlib(t *testing.T) {
	t.Parallel()
	for x := -700.0; x < 700; x += 0.0137 {
		if d := ulps(Exp(x), math.Exp(x)); d > 2 {
			t.Fatalf("Exp(%v) = %v, math.Exp = %v (%d ulps)", x, Exp(x), math.Exp(x), d)
		}
	}
}

func TestLogMatchesStdlib(t *testing.T) {
	t.Parallel()
	for x := 1e-300; x < 1e300; x *= 1.0173 {
		if d := ulps(Log(x), math.Log(x)); d > 2 {
			t.Fatalf("Log(%v) = %v, math.Log = %v (%d ulps)", x, Log(x), math.Log(x), d)
		}
	}
}

func TestSpecialCases(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		got, want float64
	}{
		{"Exp(0)", Exp(0), 1},
		{"Exp(1)", Exp(1), math.E},
		{"Exp(+Inf)", Exp(math.Inf(1)), math.Inf(1)},
		{"Exp(-Inf)", Exp(math.Inf(-1)), 0},
		{"Exp(800)", Exp(800), math.Inf(1)},
		{"Log(1)", Log(1), 0},
		{"Log(e)", Log(math.E), 1},
		{"Log(0)", Log(0), math.Inf(-1)},
		{"Log(+Inf)", Log(math.Inf(1)), math.Inf(1)},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if !math.IsNaN(Log(-1)) || !math.IsNaN(Exp(math.NaN())) {
		t.Error("Log(-1) and Exp(NaN) should be NaN")
	}
}

// Near the ends of the range the result is subnormal or close to overflow,
// where Exp scales with Ldexp instead of a multiply; both paths must agree
// with the standard library.
func TestExpExtremes(t *testing.T) {
	t.Parallel()
	for _, x := range []float64{-745, -744.4, -740, -708.5, -707, -706.9, 708, 709, 709.78} {
		if d := ulps(Exp(x), math.Exp(x)); d > 2 && math.Exp(x) != 0 && !math.IsInf(math.Exp(x), 1) {
			t.Errorf("Exp(%v) = %v, math.Exp = %v (%d ulps)", x, Exp(x), math.Exp(x), d)
		}
	}
}

func BenchmarkExp(b *testing.B) {
	s := 0.0
	for i := 0; b.Loop(); i++ {
		s += Exp(float64(i&1023) * -0.01)
	}
	_ = s
}

// frexp must be math.Frexp exactly, for normal and subnormal numbers alike,
// so that Log keeps its bits.
func TestFrexpIsStdlib(t *testing.T) {
	t.Parallel()
	for b := uint64(1); b < 0x7ff0000000000000; b += 0x13579bdf02468 { // subnormals too
		x := math.Float64frombits(b)
		f, e := frexp(x)
		g, d := math.Frexp(x)
		if f != g || e != d {
			t.Fatalf("frexp(%v) = %v, %d; math.Frexp gives %v, %d", x, f, e, g, d)
		}
	}
}

// TestExpSmallIsExp checks ExpSmall bit for bit against Exp over its range:
// at its ends, at a million random points, and at every power of two.
func TestExpSmallIsExp(t *testing.T) {
	t.Parallel()
	xs := []float64{1.0 / (1 << 28), math.Nextafter(ExpSmallBound, 0), 0x1p-10, math.Nextafter(0x1p-10, 1)}
	for x := 1.0 / (1 << 28); x < ExpSmallBound; x *= 2 {
		xs = append(xs, x, math.Nextafter(x, 1), math.Nextafter(x, 0))
	}
	r := uint64(1)
	for range 1_000_000 {
		r = r*6364136223846793005 + 1442695040888963407
		xs = append(xs, float64(r>>11)*0x1p-53*ExpSmallBound)
	}
	for _, x := range xs {
		for _, x := range []float64{x, -x} {
			if math.Abs(x) < 1.0/(1<<28) || math.Abs(x) >= ExpSmallBound {
				continue
			}
			if a, b := ExpSmall(x), Exp(x); math.Float64bits(a) != math.Float64bits(b) {
				t.Fatalf("ExpSmall(%v) = %v, Exp = %v", x, a, b)
			}
		}
	}
	// Exp's n is 0 up to ln2/128: a bound above it would be wrong.
	if ExpSmallBound >= math.Ln2/128 {
		t.Errorf("ExpSmallBound %v is not below ln2/128", ExpSmallBound)
	}
}
