package rng

import (
	"math"
	"math/bits"

	"golang.org/x/exp/rand"

	"mentorsim/sim/fmath"
)

// Rand is a deterministic random stream. The zero value is a valid stream,
// but use New to get independent ones.
type Rand struct {
	src rand.PCGSource
}

// New returns stream number stream of the generator seeded with seed. Streams
// with different (seed, stream) pairs are statistically independent: the pair
// is scrambled with SplitMix64 before seeding PCG.
func New(seed, stream uint64) Rand {
	var r Rand
	r.src.Seed(Mix(seed, stream))
	return r
}

// Mix derives a well-scrambled 64-bit value from two, so that nearby seeds
// give unrelated streams (SplitMix64's finaliser applied twice).
func Mix(a, b uint64) uint64 {
	return splitmix(splitmix(a) ^ b)
}

// Mixer is Mix with its first argument fixed and its half of the work done
// once: NewMixer(a).Mix(b) == Mix(a, b).
type Mixer uint64

// NewMixer returns the Mixer of a.
func NewMixer(a uint64) Mixer { return Mixer(splitmix(a)) }

// Mix returns Mix(a, b) for the Mixer's a.
func (m Mixer) Mix(b uint64) uint64 { return splitmix(uint64(m) ^ b) }

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Uint64 returns 64 uniformly random bits.
func (r *Rand) Uint64() uint64 { return r.src.Uint64() }

// Float64 returns a uniform number in [0, 1) with 53 random bits.
func (r *Rand) Float64() float64 { return float64(r.src.Uint64()>>11) * 0x1p-53 }

// Open returns a uniform number in (0, 1), safe to take the logarithm of.
func (r *Rand) Open() float64 { return (float64(r.src.Uint64()>>11) + 0.5) * 0x1p-53 }

// Norm returns a standard normal draw (Marsaglia's polar method; it uses
// both values of a pair only once, trading a little speed for a stream whose
// state is just the generator's).
func (r *Rand) Norm() float64 {
	for {
		x := float64(2*r.Float64()) - 1
		y := float64(2*r.Float64()) - 1
		s := float64(x*x) + float64(y*y)
		if s > 0 && s < 1 {
			return x * math.Sqrt(-2*fmath.Log(s)/s)
		}
	}
}

// Logistic returns a draw from the standard logistic distribution.
func (r *Rand) Logistic() float64 {
	u := r.Open()
	return fmath.Log(u / (1 - u))
}

// IntN returns a uniform integer in [0, n) without modulo bias (Lemire's
// multiply-and-reject method). n must be positive.
func (r *Rand) IntN(n uint64) uint64 {
	hi, lo := bits.Mul64(r.src.Uint64(), n)
	if lo < n {
		floor := -n % n
		for lo < floor {
			hi, lo = bits.Mul64(r.src.Uint64(), n)
		}
	}
	return hi
}

// Shuffle permutes n elements by Fisher–Yates, calling swap(i, j).
func (r *Rand) Shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, int(r.IntN(uint64(i+1))))
	}
}

// Poisson returns the smallest k with F(k) > u for a Poisson(lambda)
// distribution, given u uniform in [0, 1) and p0 = exp(-lambda). Taking u
// from the caller lets two potential outcomes share one draw: the same u
// gives monotonically coupled counts for different rates.
func Poisson(u, lambda, p0 float64) int {
	p, cdf := p0, p0
	k := 0
	for cdf <= u {
		k++
		p = float64(p * (lambda * reciprocal(k))) // one multiply on the chain; not fused with the sum
		cdf += p
		if p == 0 { // u beyond what floating point can resolve: stop
			break
		}
	}
	return k
}

// reciprocals[k] is 1/k: a multiply is several times cheaper than a divide
// in the Poisson search, which is the engine's innermost loop.
var reciprocals = func() (r [256]float64) {
	for k := 1; k < len(r); k++ {
		r[k] = 1 / float64(k)
	}
	return r
}()

func reciprocal(k int) float64 {
	if k < len(reciprocals) {
		return reciprocals[k]
	}
	return 1 / float64(k)
}
