// Package estimate turns per-rep aggregates into the study's estimates
// (docs/model.md, 7.8): cluster-robust revenue lifts, Kaplan–Meier retention
// and its lifts, proportions, and summaries across replications.
//
// Results must be bit-for-bit identical on amd64 (with or without FMA) and in
// WebAssembly. So transcendental functions come from fmath, sums run in slice
// order, and every product that feeds an addition or subtraction is wrapped
// in float64(...), which the Go specification says forbids fusing it into an
// FMA instruction.
package estimate
