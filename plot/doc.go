// Package plot draws figures of mentorsim's outputs with gonum/plot: the
// daily.csv and reps.csv of `mentorsim run -out`, the replications.csv of
// `mentorsim replicate -out`, a sweep's summary.csv and the power.csv of
// `mentorsim power -out`. It reads parsed CSV records and writes PNG or SVG
// to an io.Writer; it does no other I/O. Nothing under sim/ may import it.
package plot
