package study

import (
	"mentorsim/sim/estimate"
	"mentorsim/sim/model"
)

// A unit is a rep's observations over a window, with its index: what the
// estimands of one pass share (EstimatesSpec reads the reps once per
// window into units by arm, and each estimand merges the arms it needs).
type unit struct {
	i       int           // the rep
	u       estimate.Unit // Treated is set when merged
	present int           // days worked with calls (callLift)
	seen    bool          // the window has been observed to its end (seenUnits)
}

// unitsByArm are every rep's units over a window, by arm, in rep order.
type unitsByArm [NumArms][]unit

// pass is an estimate pass's working memory. It lives in the Scratch, so
// it is kept between passes and between studies, and a pass over a study
// like the last allocates none of it. It holds the reps' units by arm for
// each window, read once a pass and shared by the estimands, and a spare
// slice of each type the estimands fill: an estimand takes the spare and
// gives it back when done, so the pass keeps one slice of each type
// beside the units.
type pass struct {
	read     [len(model.Windows)]bool // whether byWindow[w] has been read in this pass
	byWindow [len(model.Windows)]unitsByArm
	backing  [len(model.Windows)][]unit // byWindow's memory, one unit a rep
	merged   spare[unit]
	rows     spare[estimate.Unit]
	clusters spare[estimate.Cluster]
	retained spare[estimate.Retained]
	spells   spare[estimate.Spell]
}

// end ends a pass: the next reads the reps again.
func (p *pass) end() { p.read = [len(model.Windows)]bool{} }

// spare is a slice of one type kept between uses.
type spare[T any] struct{ kept []T }

// get returns an empty slice with room for n: the spare if it has room and
// is not out, else a new one.
func (p *spare[T]) get(n int) []T {
	if cap(p.kept) < n {
		return make([]T, 0, n)
	}
	s := p.kept[:0]
	p.kept = nil
	return s
}

// put gives s back, to be the spare if it is larger; the caller must be
// done with it.
func (p *spare[T]) put(s []T) {
	if cap(s) > cap(p.kept) {
		p.kept = s
	}
}

// armUnits are the reps' units over window w by arm, read from the reps
// once a pass.
func (s *Study) armUnits(w int) *unitsByArm {
	by := &s.pass.byWindow[w]
	if s.pass.read[w] {
		return by
	}
	if cap(s.pass.backing[w]) < len(s.Reps) {
		s.pass.backing[w] = make([]unit, len(s.Reps))
	}
	var counts [NumArms]int
	for _, a := range s.Arms {
		counts[a]++
	}
	start := 0
	for a := range NumArms {
		by[a] = s.pass.backing[w][start : start : start+counts[a]]
		start += counts[a]
	}
	price := s.Scenario.Params.Price
	for i := range s.Reps {
		r := &s.Reps[i]
		days := int(min(r.DaysEmployed, int32(model.Windows[w])))
		a := s.Arms[i]
		by[a] = append(by[a], unit{i: i, present: int(r.Present[w]), seen: s.windowSeen(i, w),
			u: estimate.Unit{Days: days, Calls: r.Calls[w], Revenue: float64(price * float64(r.Sales[w]))}})
	}
	s.pass.read[w] = true
	return by
}

// merged are the treated and comparison arms' units over window w, in rep
// order, each marked treated or not, from s.pass.merged: the caller puts
// them back.
func (s *Study) merged(treated, comparison []Arm, w int) []unit {
	t, c := armSet(treated), armSet(comparison)
	by := s.armUnits(w)
	var all [NumArms][]unit
	var pos [NumArms]int
	nl, n := 0, 0
	for a := range NumArms {
		if t[a] || c[a] {
			all[nl], n = by[a], n+len(by[a])
			nl++
		}
	}
	lists := all[:nl]
	out := s.pass.merged.get(n)
	for len(out) < n { // a merge of at most five sorted lists
		best := -1
		for k, l := range lists {
			if pos[k] < len(l) && (best < 0 || l[pos[k]].i < lists[best][pos[best]].i) {
				best = k
			}
		}
		u := lists[best][pos[best]]
		pos[best]++
		u.u.Treated = t[s.Arms[u.i]]
		out = append(out, u)
	}
	return out
}
