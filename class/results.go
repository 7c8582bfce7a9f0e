package class

import (
	"encoding/json"
	"math"
	"slices"
	"time"

	"mentorsim/sim/estimate"
)

// SmallClass is the number of complete students below which the teacher
// page warns that the intervals are wide.
const SmallClass = 30

// Counts are where the class is, for the teacher's roster. Round1Of and
// Round2Of count the students each round waits for (round 1: all who
// joined; round 2: those who played round 1), leaving out those the
// teacher removed; Round1Left and Round2Left those of them whose round is
// not over (a reveal would cut round 2 short or leave them out).
type Counts struct {
	Joined, Late, Round1Done, Offered, Round2Done, Complete, Incomplete int
	Round1Of, Round1Left, Round2Of, Round2Left                          int
}

// Named is one estimand on the class's data, beside the study's number.
type Named struct {
	ID        string            `json:"id"`
	Label     string            `json:"label"`
	Estimate  estimate.Estimate `json:"estimate"`
	N         [2]int            `json:"n"` // treated (or yes), comparison (or total)
	Published string            `json:"published"`
	Means     *[2]Num           `json:"means,omitempty"` // lifts: mean score of each group
}

// RankRow compares self-assessed with actual rank in one third of the
// class by round-1 score.
type RankRow struct {
	Group  string            `json:"group"`
	N      int               `json:"n"`
	Self   Num               `json:"self"`   // mean self-assessed share beaten, %
	Actual Num               `json:"actual"` // mean actual share beaten, %
	Gap    estimate.Estimate `json:"gap"`    // self − actual, percentage points
}

// Results are the class's results as the projector shows them.
type Results struct {
	Counts    Counts    `json:"counts"`
	N         int       `json:"n"` // complete students
	Small     bool      `json:"small"`
	Estimands []Named   `json:"estimands"`
	Rank      []RankRow `json:"rank"`
	Framing   []Named   `json:"framing"`
	Fit       *Fit      `json:"fit,omitempty"`
	NoFit     string    `json:"no_fit,omitempty"` // without a fit, why (for the projector)
	Sim       *SimRun   `json:"sim,omitempty"`
	Scores    []Point   `json:"scores"` // one per complete student, for the scatter
}

// Point is one complete student for the projector's chart (no names).
type Point struct {
	R1   int    `json:"r1"`
	R2   int    `json:"r2"`
	Self int    `json:"self"`
	Arm  string `json:"arm"`
}

// Compute works out the results from the students' records at time now,
// all but the simulated study (Simulate).
func Compute(sess *Session, students []Student, now time.Time) Results {
	var res Results
	for i := range students {
		res.Counts.add(&students[i], sess, now)
	}
	done := Done(sess, students, now)
	res.N = len(done)
	res.Small = res.N < SmallClass
	res.Estimands = estimands(done)
	res.Rank = rankRows(done)
	res.Framing = framing(sess, done)
	for _, s := range done {
		res.Scores = append(res.Scores, Point{s.Score(1), s.Score(2), *s.SelfAssessment, s.Arm()})
	}
	if f, why := FitOptin(done); why == "" {
		res.Fit = &f // the caller adds Sim, which takes a few milliseconds
	} else {
		res.NoFit = why
	}
	return res
}

func (c *Counts) add(s *Student, sess *Session, now time.Time) {
	c.Joined++
	switch st := s.Status(sess, now); {
	case st == "late":
		c.Late++
	case st == "done":
		c.Complete++
	case st == "incomplete":
		c.Incomplete++
	}
	played1 := s.Played(sess, 1, now)
	if played1 {
		c.Round1Done++
	}
	if !s.Excluded {
		c.Round1Of++
		if !played1 {
			c.Round1Left++
		}
	}
	if s.Offered() {
		c.Offered++
	}
	played2 := s.Played(sess, 2, now)
	if played2 {
		c.Round2Done++
	}
	if s.Started[0] != nil && !s.Excluded {
		c.Round2Of++
		if !played2 {
			c.Round2Left++
		}
	}
}

// lift is the ratio lift of mean score in the treated group over the
// comparison group, with its interval on the log scale (RatioLift).
func lift(id, label, published string, round int, treated, comparison []*Student) Named {
	return Named{id, label, RatioLift(scores(treated, round), scores(comparison, round)), [2]int{len(treated), len(comparison)}, published,
		&[2]Num{meanScore(treated, round), meanScore(comparison, round)}}
}

func scores(ss []*Student, round int) []float64 {
	xs := make([]float64, len(ss))
	for i, s := range ss {
		xs[i] = float64(s.Score(round))
	}
	return xs
}

func meanScore(ss []*Student, round int) Num { return Num(mean(scores(ss, round))) }

func byArm(done []*Student, arms ...string) []*Student {
	var out []*Student
	for _, s := range done {
		if slices.Contains(arms, s.Arm()) {
			out = append(out, s)
		}
	}
	return out
}

// estimands are the study's headline estimands on the class: round 2
// plays the first two months' revenue, round 1 the ability behind it.
func estimands(done []*Student) []Named {
	mc, mcon := byArm(done, "mandatory_coached"), byArm(done, "mandatory_control")
	oc, od := byArm(done, "optin_coached"), byArm(done, "optin_denied")
	ins, outs := byArm(done, "optin_coached", "optin_denied"), byArm(done, "optout")
	k, n := len(ins), len(ins)+len(outs)
	return []Named{
		lift("mandatory_lift", "Mandatory: coached vs not (round 2)", "+19%", 2, mc, mcon),
		lift("voluntary_lift", "Opt-ins: coached vs denied (round 2)", "≈ 0", 2, oc, od),
		lift("optin_vs_optout", "Opt-ins vs opt-outs (round 2)", "+30%", 2, ins, outs),
		lift("optin_vs_optout_round1", "Opt-ins vs opt-outs (round 1, before any coaching)", "", 1, ins, outs),
		{"optin_rate", "Opt-in rate", Wilson(k, n), [2]int{k, n}, "not published", nil},
	}
}

// ShareBeaten is the student's actual share of the rest of the class they
// beat in round r (ties count half), in percent, among the complete.
func ShareBeaten(s *Student, done []*Student, r int) float64 {
	return NewStandings(done, r).Share(s.Score(r))
}

// Standings are the complete students' scores in one round, sorted, so
// that each student's share beaten takes a search rather than a pass over
// the class (a class of 500 asks for it 500 times at once).
type Standings []int

// NewStandings sorts the round-r scores of done.
func NewStandings(done []*Student, r int) Standings {
	st := make(Standings, len(done))
	for i, s := range done {
		st[i] = s.Score(r)
	}
	slices.Sort(st)
	return st
}

// Share is the share of the rest of the class that a complete student
// with this score beat (ties count half), in percent; NaN with fewer than
// two students.
func (st Standings) Share(score int) float64 {
	if len(st) < 2 {
		return math.NaN()
	}
	below, _ := slices.BinarySearch(st, score)
	atOrBelow, _ := slices.BinarySearch(st, score+1)
	ties := atOrBelow - below - 1 // the others with the same score
	return 100 * (float64(below) + 0.5*float64(ties)) / float64(len(st)-1)
}

// rankRows compares self-assessed and actual share beaten by thirds of
// the class sorted by round-1 score (ties broken by join order).
func rankRows(done []*Student) []RankRow {
	sorted := slices.Clone(done)
	slices.SortStableFunc(sorted, func(a, b *Student) int { return a.Score(1) - b.Score(1) })
	groups := []string{"bottom third", "middle third", "top third"}
	standings := NewStandings(done, 1)
	rows := make([]RankRow, 3)
	for g := range rows {
		part := sorted[g*len(sorted)/3 : (g+1)*len(sorted)/3]
		var self, actual, gaps []float64
		for _, s := range part {
			a := standings.Share(s.Score(1))
			self = append(self, float64(*s.SelfAssessment))
			actual = append(actual, a)
			gaps = append(gaps, float64(*s.SelfAssessment)-a)
		}
		rows[g] = RankRow{groups[g], len(part), Num(mean(self)), Num(mean(actual)), MeanCI(gaps)}
	}
	return rows
}

// framing compares opt-in rates under public and private framing.
func framing(sess *Session, done []*Student) []Named {
	var k, n [2]int // 0 private, 1 public
	for _, s := range done {
		if s.Branch != "voluntary" {
			continue
		}
		f := 0
		if s.Framing(sess) == "public" {
			f = 1
		}
		n[f]++
		if *s.OptedIn {
			k[f]++
		}
	}
	return []Named{
		{"optin_rate_public", "Public", Wilson(k[1], n[1]), [2]int{k[1], n[1]}, "", nil},
		{"optin_rate_private", "Private", Wilson(k[0], n[0]), [2]int{k[0], n[0]}, "", nil},
		{"public_minus_private", "Public − private (points)", NewcombeDiff(k[1], n[1], k[0], n[0]), [2]int{n[1], n[0]}, "", nil},
	}
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// MeanCI is the mean with a normal 95% interval (sample sd / √n); it needs
// MinGroup values.
func MeanCI(xs []float64) estimate.Estimate {
	if len(xs) < MinGroup {
		return estimate.Undefined()
	}
	m := mean(xs)
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return estimate.Wald(m, math.Sqrt(ss/float64(len(xs)-1)/float64(len(xs))))
}

// Num is a number written to JSON as null when it is not finite.
type Num float64

// MarshalJSON writes the number, or null.
func (x Num) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(x))
}
