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
// the CDF and need no search): no exponential. Quick is that case, small
// enough to be inlined where the engine draws.
//
// The tables depend on nothing but the grid, so they are shared by all
// models; each span of one unit of λ is built when a model first needs it
// (For), with the pure-Go fmath.Exp and separately rounded products (no
// fused multiply-adds), so they are the same everywhere. Rates beyond the
// tables fall back to plain inversion.
package poisson
