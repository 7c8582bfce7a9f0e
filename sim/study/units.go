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

// pass is an estimate pass's working memory: the reps' units by arm for
// each window, read once a pass and shared by the estimands, and the
// slices the estimands fill. It lives in the Scratch, so it is kept
// between passes and between studies; EstimatesSpec starts and ends each
// pass, and the functions that take from it (armUnits, merged and the
// estimands' inputs in estimates.go) are called only inside one.
type pass struct {
	read     [len(model.Windows)]bool // byWindow[w] is this pass's
	byWindow [len(model.Windows)]unitsByArm
	units    arena[unit] // byWindow's and the merged units
	rows     arena[estimate.Unit]
	clusters arena[estimate.Cluster]
	retained arena[estimate.Retained]
	spells   arena[estimate.Spell]
}

// end ends a pass: every slice handed out is free again, and an arena
// that needed more than one buffer will next take one with room for the
// whole pass, so that from the pass after next on, a pass over a study
// like this one allocates none of its units.
func (p *pass) end() {
	p.read = [len(model.Windows)]bool{}
	p.units.free()
	p.rows.free()
	p.clusters.free()
	p.retained.free()
	p.spells.free()
}

// arena hands out slices of one buffer until it is freed.
type arena[T any] struct {
	buf  []T
	used int // of buf
	need int // taken since the last free, from every buffer
	room int // the least size of the next buffer
}

// take returns an empty slice with room for n elements, valid until free.
func (a *arena[T]) take(n int) []T {
	a.need += n
	if a.used+n > len(a.buf) { // the slices taken from the old buffer stay valid
		a.buf, a.used = make([]T, max(2*len(a.buf), n, a.room)), 0
	}
	s := a.buf[a.used : a.used : a.used+n]
	a.used += n
	return s
}

// free makes the slices taken free again. If they did not fit in one
// buffer, it drops the buffer, and the next will have room for them all
// and an eighth more (a study's arms, and so its slices, vary a little from
// seed to seed). It allocates nothing itself: a study run once, however
// large, gains no buffer it will not use.
func (a *arena[T]) free() {
	if a.need > len(a.buf) {
		a.buf, a.room = nil, a.need+a.need/8
	}
	a.used, a.need = 0, 0
}

// armUnits are the reps' units over window w by arm, read from the reps
// once a pass.
func (s *Study) armUnits(w int) *unitsByArm {
	by := &s.pass.byWindow[w]
	if s.pass.read[w] {
		return by
	}
	var counts [NumArms]int
	for _, a := range s.Arms {
		counts[a]++
	}
	for a := range NumArms {
		by[a] = s.pass.units.take(counts[a])
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
// order, each marked treated or not.
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
	out := s.pass.units.take(n)
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
