package model

import (
	"testing"

	"mentorsim/sim/param"
)

// BenchmarkStep measures the engine's day step: one rep-day of the world the
// rep lives in plus, within the truth window, the other potential outcome.
// It reports employed rep-days per second on one core.
func BenchmarkStep(b *testing.B) {
	m := New(param.Defaults())
	reps := make([]Rep, 4096)
	var days int64
	for b.Loop() {
		for i := range reps {
			reps[i] = m.Hire(1, i)
			reps[i].Mentored = i%4 == 0
		}
		for i := range reps {
			for !m.Done(&reps[i]) {
				m.Step(&reps[i])
			}
			days += int64(reps[i].DaysEmployed)
		}
	}
	b.ReportMetric(float64(days)/b.Elapsed().Seconds(), "rep-days/s")
}
