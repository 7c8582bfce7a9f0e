// Package sweeprun runs a sweep (package sim/sweep) in an output directory:
// a lock so that one process at a time writes it, sweep.json recording what
// it is, a journal of finished tasks that makes it resumable after a crash,
// and the final results.csv, summary.csv and results.sha256, written in task
// order from the journal so that memory does not grow with the number of
// tasks. Every file is written through package atomicout: never through a
// link, and whole or not at all.
package sweeprun
