// Package calibrate fits parameters to the study's published numbers by the
// method of simulated moments: it minimises the distance between a large
// simulated study's estimates and the targets (docs/model.md, section 9)
// with Nelder–Mead.
//
// Every evaluation uses the same seed (common random numbers), so the
// objective is a fixed function of the parameters and the search is
// repeatable.
package calibrate
