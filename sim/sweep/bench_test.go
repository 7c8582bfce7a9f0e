package sweep

import (
	"testing"

	"mentorsim/sim/study"
)

// BenchmarkStudy is one 603-hire study alone, estimates and true effects
// included: the work a sweep task cannot avoid.
func BenchmarkStudy(b *testing.B) {
	sc := base(b, 603)
	for k := 0; b.Loop(); k++ {
		sc.Seed = uint64(k)
		s, err := study.New(sc)
		if err != nil {
			b.Fatal(err)
		}
		s.RunToEnd(1)
		_, _ = s.Estimates(), s.Truth()
	}
}

// BenchmarkStudyIn is BenchmarkStudy with one scratch for all the studies,
// as a sweep's worker runs them.
func BenchmarkStudyIn(b *testing.B) {
	sc := base(b, 603)
	var scratch study.Scratch
	for k := 0; b.Loop(); k++ {
		sc.Seed = uint64(k)
		s, err := study.NewIn(&scratch, sc, 1)
		if err != nil {
			b.Fatal(err)
		}
		s.RunToEnd(1)
		_, _ = s.Estimates(), s.Truth()
	}
}

// BenchmarkSweep is one 603-hire sweep task: the study, then its results row
// formatted and parsed back (as resume, merge and the summary do).
func BenchmarkSweep(b *testing.B) {
	s, err := NewGrid(base(b, 603), []Axis{mustAxis(b, "mentor_gain=1,2")}, 1000)
	if err != nil {
		b.Fatal(err)
	}
	for k := 0; b.Loop(); k++ {
		row, err := s.RunRow(k % s.Tasks())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.ParseRow(row); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRowOverhead is the sweep's own work per task: formatting the row
// and parsing it back, without the study.
func BenchmarkRowOverhead(b *testing.B) {
	s, err := NewGrid(base(b, 603), []Axis{mustAxis(b, "mentor_gain=1,2")}, 10)
	if err != nil {
		b.Fatal(err)
	}
	t := s.Task(3)
	res, err := s.Run(t)
	if err != nil {
		b.Fatal(err)
	}
	var buf []byte
	for b.Loop() {
		buf = s.AppendRow(buf[:0], t, res)
		if _, err := s.ParseRow(buf); err != nil {
			b.Fatal(err)
		}
	}
}
