// Package fmath holds the transcendental functions the engine needs, written
// so that they round identically on every platform.
//
// The standard library's math.Exp and math.Log use assembly on amd64 and may
// be fused into FMA instructions with GOAMD64=v3, so their last bits differ
// from the pure-Go versions that run in WebAssembly. These are ports of the
// standard library's pure-Go algorithms (FreeBSD's msun) with every product
// wrapped in an explicit float64 conversion, which the Go specification says
// forbids fusing it with a following addition.
package fmath
