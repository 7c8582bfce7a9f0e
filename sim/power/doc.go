// Package power estimates, by Monte Carlo, the power of the two-branch
// design and its minimum detectable effect as functions of the number of
// hires, the opt-in rate and the size of the mentoring effect
// (mentor_gain). It is pure: no I/O and no clock.
package power
