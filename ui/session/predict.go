package session

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"mentorsim/sim/study"
	"mentorsim/ui/lesson"
)

// Prediction is the current step's prediction as the card and state()
// show it.
type Prediction struct {
	ID      string   `json:"id"`
	Ask     string   `json:"ask"`
	Choices []string `json:"choices"`
	// Guess is the choice tapped (0-based); -1 before any, and -2 where
	// the answer was shown without a guess (Next on a clicker).
	Guess    int  `json:"guess"`
	Answered bool `json:"answered"`
	// Answer is the choice nearest the simulation's number Value, which
	// Says says in words; both only once Answered.
	Answer int     `json:"answer"`
	Value  float64 `json:"value"`
	Says   string  `json:"says"`
	// Shown is the card's line: the answer beside the guess (Result).
	Shown string `json:"result"`
}

// Guess values besides a choice's index.
const (
	NoGuess    = -1 // not answered yet
	ShownGuess = -2 // the answer shown without a guess
)

// unanswered is the current step's prediction while it is unanswered.
func (s *Session) unanswered() (*lesson.Predict, bool) {
	st, ok := s.CurrentStep()
	if !ok || st.Predict == nil {
		return nil, false
	}
	_, done := s.Guesses[st.Predict.ID]
	return st.Predict, !done
}

// AwaitsGuess reports whether the step waits for its prediction before
// it shows its answer.
func (s *Session) AwaitsGuess() bool {
	_, ok := s.unanswered()
	return ok
}

// holdsBack reports whether the step still holds back what (its
// prediction's Hides) until the guess.
func (s *Session) holdsBack(what string) bool {
	p, ok := s.unanswered()
	return ok && p.Hides() == what
}

// Guess answers the current step's prediction with choice i (0-based;
// ShownGuess: show the answer without one) and shows what it held back.
// A step without a prediction, or a choice out of range, is an error.
func (s *Session) Guess(i int) error {
	st, ok := s.CurrentStep()
	if !ok || st.Predict == nil {
		return fmt.Errorf("guess: this step asks for no prediction")
	}
	if i != ShownGuess && (i < 0 || i >= len(st.Predict.Choices)) {
		return fmt.Errorf("guess: choice %d is not allowed; want 1 to %d", i+1, len(st.Predict.Choices))
	}
	if s.Guesses == nil {
		s.Guesses = map[string]int{}
	}
	s.Guesses[st.Predict.ID] = i
	s.Revealed = st.Reveal
	return nil
}

// Prediction is the current step's prediction, if it asks for one.
func (s *Session) Prediction() (Prediction, bool) {
	st, ok := s.CurrentStep()
	if !ok || st.Predict == nil {
		return Prediction{}, false
	}
	p := st.Predict
	out := Prediction{ID: p.ID, Ask: p.Ask, Guess: NoGuess, Answer: -1}
	for _, c := range p.Choices {
		out.Choices = append(out.Choices, c.Label)
	}
	g, done := s.Guesses[p.ID]
	if !done {
		return out, true
	}
	out.Guess, out.Answered = g, true
	out.Value = measure(s.Study, p.Measure)
	if math.IsNaN(out.Value) { // too few reps yet (the run to the end is under way)
		out.Value, out.Says = 0, "known when the run ends"
		return out, true
	}
	out.Answer = p.Answer(out.Value)
	out.Says = says(p, out.Value)
	out.Shown = out.Result()
	return out, true
}

// Result is the answer beside the guess, for the lesson's card.
func (p Prediction) Result() string {
	if !p.Answered {
		return ""
	}
	if p.Guess < 0 {
		return "The simulation: " + p.Says + "."
	}
	return fmt.Sprintf("Your guess: %s.  The simulation: %s.", p.Choices[p.Guess], p.Says)
}

// says is the simulation's answer in words: the nearest choice, and the
// number.
func says(p *lesson.Predict, x float64) string {
	answer := p.Choices[p.Answer(x)].Label
	if p.Measure == lesson.AbilityGap {
		side := "above"
		if x < 0 {
			side = "below"
		}
		return fmt.Sprintf("%s (their average ability is %.2f standard deviations %s)", answer, math.Abs(x), side)
	}
	return fmt.Sprintf("%s (the true effect is %+.0f%% sales)", answer, 100*x)
}

// measure is the number a prediction asks about, in the study as it is.
func measure(st *study.Study, m string) float64 {
	if m == lesson.AbilityGap {
		return abilityGap(st)
	}
	if v, ok := st.Truth().Get(m); ok {
		return v
	}
	return math.NaN()
}

// abilityGap is the voluntary branch's opt-ins' mean hidden ability less
// its opt-outs', among the reps hired so far.
func abilityGap(st *study.Study) float64 {
	var sum [2]float64
	var n [2]int
	hired := st.ClassesHired()
	for i, a := range st.Arms {
		if st.Class(i) >= hired || a.Branch() != "voluntary" {
			continue
		}
		k := 0
		if st.Reps[i].OptedIn {
			k = 1
		}
		sum[k] += st.Reps[i].Ability
		n[k]++
	}
	return sum[1]/float64(n[1]) - sum[0]/float64(n[0])
}

// predictions are the lesson's predictions, in step order (nil without
// a lesson).
func (s *Session) predictions() []*lesson.Predict {
	if s.Lesson == nil {
		return nil
	}
	return s.Lesson.Predictions()
}

// guessKeys are the link's keys of the lesson's predictions, in step
// order.
func (s *Session) guessKeys() []string {
	var keys []string
	for _, p := range s.predictions() {
		keys = append(keys, p.ID)
	}
	return keys
}

// keepGuesses keeps a link's predictions that the lesson asks for, with a
// choice it offers, and describes the others.
func (s *Session) keepGuesses(gs map[string]int) (problems []string) {
	for _, id := range slices.Sorted(maps.Keys(gs)) {
		g, n := gs[id], s.choices(id)
		switch {
		case n == 0:
			problems = append(problems, fmt.Sprintf("link: %s%s: the lesson asks for no such prediction; want one of %v", GuessPrefix, shorten(id, 40), s.guessKeys()))
		case g >= n:
			problems = append(problems, fmt.Sprintf("link: %s%s: choice %d is not allowed; want 1 to %d, or 0", GuessPrefix, id, g+1, n))
		default:
			if s.Guesses == nil {
				s.Guesses = map[string]int{}
			}
			s.Guesses[id] = g
		}
	}
	return problems
}

// choices is how many choices the lesson's prediction id offers (0: no
// such prediction).
func (s *Session) choices(id string) int {
	for _, p := range s.predictions() {
		if p.ID == id {
			return len(p.Choices)
		}
	}
	return 0
}
