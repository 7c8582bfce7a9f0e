// Package rng is mentorsim's one source of randomness: a PCG generator from
// golang.org/x/exp/rand (the same stream on every platform) behind a small
// type, with the few distributions the engine draws from, written on top of
// fmath so that they too agree bit for bit everywhere.
package rng
