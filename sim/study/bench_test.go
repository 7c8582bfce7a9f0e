package study

import (
	"fmt"
	"testing"

	"mentorsim/sim/param"
)

// repDays counts the employed rep-days a finished study simulated.
func repDays(s *Study) int64 {
	var n int64
	for i := range s.Reps {
		n += int64(s.Reps[i].DaysEmployed)
	}
	return n
}

// BenchmarkRunToEnd times a whole 200,000-hire study, both potential
// outcomes included, and reports employed rep-days per second.
func BenchmarkRunToEnd(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("hires=200000/workers=%d", workers), func(b *testing.B) {
			var days int64
			sc, _ := param.NewScenario("advice")
			sc.Seed, sc.Params.Hires = 1, 200000
			for b.Loop() {
				s, err := NewWorkers(sc, workers) // hiring on the workers too
				if err != nil {
					b.Fatal(err)
				}
				s.RunToEnd(workers)
				days += repDays(s)
			}
			b.ReportMetric(float64(days)/b.Elapsed().Seconds(), "rep-days/s")
		})
	}
}

// BenchmarkStepDay steps the 603-hire study one calendar day at a time, as
// the app does.
func BenchmarkStepDay(b *testing.B) {
	var days int64
	for b.Loop() {
		s := newStudy(b, "study", 1, 603)
		for !s.Done() {
			s.StepDay()
		}
		days += repDays(s)
	}
	b.ReportMetric(float64(days)/b.Elapsed().Seconds(), "rep-days/s")
}

// BenchmarkNew measures hiring: drawing traits and assigning arms.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		newStudy(b, "study", 1, 200000)
	}
}
