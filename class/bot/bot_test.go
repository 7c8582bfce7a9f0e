package bot

import (
	"testing"

	"mentorsim/class"
)

// play plays one round offline and returns the score.
func play(p *Player, seed uint64, r int, coached bool) int {
	score := 0
	for c, it := range class.Items(seed, r) {
		pitch := p.Pick(it.Job, coached)
		sale := class.Sells(seed, r, c, pitch)
		p.Learn(it.Job, pitch, sale)
		if sale {
			score++
		}
	}
	return score
}

// The task does what the activity needs: simulated students of varied
// skill, each played through round 2 both with and without the card,
// gain less from the card the better they scored in round 1.
func TestCoachingGainFallsWithRoundOneScore(t *testing.T) {
	t.Parallel()
	var r1, gain []float64
	for i := range 600 {
		seed := uint64(1 + i/30) // 20 sessions of 30 students
		p := NewPlayer(float64(i%11)/10, uint64(i))
		s1 := play(p, seed, 1, false)
		with, without := p.Clone(), p.Clone()
		g := play(with, seed, 2, true) - play(without, seed, 2, false)
		r1, gain = append(r1, float64(s1)), append(gain, float64(g))
	}
	slope := ols(r1, gain)
	t.Logf("card gain: %.2f sales on average, %.3f per round-1 sale", mean(gain), slope)
	if slope >= -0.3 {
		t.Errorf("the card's gain changes by %.3f sales per round-1 sale; want clearly negative (below -0.3)", slope)
	}
	// The card helps on average: it is worth asking for.
	if m := mean(gain); m < 2 {
		t.Errorf("the card's mean gain is %.2f sales; want at least 2", m)
	}
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// ols is the slope of y on x.
func ols(x, y []float64) float64 {
	mx, my := mean(x), mean(y)
	var sxy, sxx float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
	}
	return sxy / sxx
}
