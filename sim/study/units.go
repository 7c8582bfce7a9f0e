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
	present int           // days worked with calls (callUnits)
	seen    bool          // the window has been observed to its end (seenUnits)
}

// unitsByArm are every rep's units over a window, by arm, in rep order.
type unitsByArm [NumArms][]unit

// unitsPass holds one estimate pass's units by window; nil outside a pass.
type unitsPass map[int]*unitsByArm

// armUnits are the reps' units over window w by arm: from the pass if one
// is under way (read once per window), else read now.
func (s *Study) armUnits(w int) *unitsByArm {
	if by, ok := s.pass[w]; ok {
		return by
	}
	var counts [NumArms]int
	for _, a := range s.Arms {
		counts[a]++
	}
	by := new(unitsByArm)
	for a := range NumArms {
		by[a] = make([]unit, 0, counts[a])
	}
	price := s.Scenario.Params.Price
	for i := range s.Reps {
		r := &s.Reps[i]
		days := int(min(r.DaysEmployed, int32(model.Windows[w])))
		a := s.Arms[i]
		by[a] = append(by[a], unit{i: i, present: int(r.Present[w]), seen: s.windowSeen(i, w),
			u: estimate.Unit{Days: days, Calls: r.Calls[w], Revenue: float64(price * float64(r.Sales[w]))}})
	}
	if s.pass != nil {
		s.pass[w] = by
	}
	return by
}

// merged are the treated and comparison arms' units over window w, in rep
// order, each marked treated or not.
func (s *Study) merged(treated, comparison []Arm, w int) []unit {
	t, c := armSet(treated), armSet(comparison)
	by := s.armUnits(w)
	var lists [][]unit
	n := 0
	for a := range NumArms {
		if t[a] || c[a] {
			lists, n = append(lists, by[a]), n+len(by[a])
		}
	}
	out := make([]unit, 0, n)
	pos := make([]int, len(lists))
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
