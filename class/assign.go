package class

import "mentorsim/sim/rng"

// The study's split of its 603 hires: 110 mentored and 171 not in the
// mandatory branch, 322 asked in the voluntary branch.
const (
	studyHires    = 603
	studyMentored = 110
	studyControl  = 171
)

// Assignment is what the randomisation gives a student when they join. It
// is a function of the session's seed and the student's join order alone,
// so anyone with the export can reproduce it (Assign).
type Assignment struct {
	// Slot is the student's position in the session's shuffled deck of the
	// study's 603 hires (decks repeat, freshly shuffled, after 603 joins).
	Slot             int
	Branch           string // "mandatory" or "voluntary"
	MandatoryCoached bool   // mandatory branch: coached
	// CoachedIfOptin: voluntary branch, whether the student gets the card
	// if they opt in (else "no coach is available"). Drawn in pairs of
	// voluntary students, one each way, so the halves stay balanced.
	CoachedIfOptin bool
	// PublicIfSplit: under split framing, whether the student's question
	// is framed in public. Drawn in pairs of joiners, one each way.
	PublicIfSplit bool
}

// Streams of the session seed used by the randomisation.
const (
	deckStream    = 0xdec0
	optinStream   = 0x0971
	framingStream = 0xf4a3
)

// Assign draws the assignment of the student who joins idx-th (from 0),
// given how many earlier joiners went to the voluntary branch.
func Assign(seed uint64, idx, voluntaryBefore int) Assignment {
	deck := idx / studyHires
	g := rng.New(rng.Mix(seed, deckStream), uint64(deck))
	perm := make([]int, studyHires)
	for i := range perm {
		perm[i] = i
	}
	g.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
	slot := perm[idx%studyHires]
	a := Assignment{Slot: slot, Branch: "voluntary", PublicIfSplit: pairCoin(seed, framingStream, idx)}
	switch {
	case slot < studyMentored:
		a.Branch, a.MandatoryCoached = "mandatory", true
	case slot < studyMentored+studyControl:
		a.Branch = "mandatory"
	default:
		a.CoachedIfOptin = pairCoin(seed, optinStream, voluntaryBefore)
	}
	return a
}

// pairCoin is the k-th of a sequence drawn in pairs: a fair coin for the
// first of each pair and its opposite for the second.
func pairCoin(seed, stream uint64, k int) bool {
	g := rng.New(rng.Mix(seed, stream), uint64(k/2))
	c := g.Float64() < 0.5
	if k%2 == 1 {
		return !c
	}
	return c
}
