package study

import (
	"slices"

	"mentorsim/sim/estimate"
	"mentorsim/sim/model"
)

// A unit is a rep's observations over a window, with its index: what the
// estimands of one pass share (EstimatesSpec reads the reps once per
// window into units by arm, and each estimand merges the arms it needs).
type unit struct {
	i       int           // the rep
	u       estimate.Unit // Treated is set when merged
	present int           // days worked with calls (callUnits)
	seen    bool          // the window has been observed to its end (seenUnits)
}

// unitsByArm are every rep's units over a window, by arm, in rep order.
type unitsByArm [NumArms][]unit

// pass is an estimate pass's working memory. It lives in the Scratch, so
// it is kept between passes and between studies, and a pass over a study
// like the last allocates none of it. It holds the reps' units by arm for
// each window, read once a pass and shared by the estimands, and pools of
// the slices each estimand fills and gives back when done, so that a pass
// holds no more than one estimand's slices at a time.
type pass struct {
	read     [len(model.Windows)]bool // byWindow[w] is this pass's
	byWindow [len(model.Windows)]unitsByArm
	backing  [len(model.Windows)][]unit // byWindow's memory, one unit a rep
	units    pool[unit]                 // merged
	rows     pool[estimate.Unit]
	clusters pool[estimate.Cluster]
	retained pool[estimate.Retained]
	spells   pool[estimate.Spell]
}

// end ends a pass: the next reads the reps again.
func (p *pass) end() { p.read = [len(model.Windows)]bool{} }

// pool keeps slices of one type between uses.
type pool[T any] struct{ kept [][]T }

// keep is how many slices a pool keeps: an estimand holds at most two of a
// type at once (the spells of the two arms it compares).
const keep = 2

// get returns an empty slice with room for n: the smallest kept slice that
// has it, else a new one.
func (p *pool[T]) get(n int) []T {
	best := -1
	for i, s := range p.kept {
		if cap(s) >= n && (best < 0 || cap(s) < cap(p.kept[best])) {
			best = i
		}
	}
	if best < 0 {
		return make([]T, 0, n)
	}
	s := p.kept[best]
	p.kept = slices.Delete(p.kept, best, best+1)
	return s[:0]
}

// put gives s back for a later get; the caller must be done with it. The
// pool keeps the largest it has been given.
func (p *pool[T]) put(s []T) {
	p.kept = append(p.kept, s)
	if len(p.kept) > keep {
		small := 0
		for i, k := range p.kept {
			if cap(k) < cap(p.kept[small]) {
				small = i
			}
		}
		p.kept = slices.Delete(p.kept, small, small+1)
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
// order, each marked treated or not, from s.pass.units: the caller puts
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
	out := s.pass.units.get(n)
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
