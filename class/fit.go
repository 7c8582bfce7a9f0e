package class

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Ridge is the penalty on the slopes of the opt-in regression: a light
// one, so that a small class whose choices are perfectly separated by
// score still gives a finite rule.
const Ridge = 0.5

// Fit is the opt-in rule fitted to the class: a logistic regression of
// opting in on the standardised round-1 score and self-assessment among
// the voluntary branch's complete students.
type Fit struct {
	N         int        `json:"n"`
	Coef      [3]float64 `json:"coef"` // intercept, score, self-assessment
	SE        [3]Num     `json:"se"`
	Converged bool       `json:"converged"`
	// Corr is the class's correlation of standardised score and
	// self-assessment (all complete students), which the simulated reps
	// are given.
	Corr float64 `json:"corr"`
}

// FitOptin fits the opt-in rule. Without one, why says, for the
// projector, what is missing: four voluntary students who chose, a spread
// in score and self-assessment, or both answers among those asked (when all
// say yes, or all no, the intercept runs off to infinity and no rule fits).
func FitOptin(done []*Student) (f Fit, why string) {
	const tooFew = "The opt-in rule is fitted once four students of the voluntary branch have finished."
	var score, self []float64
	for _, s := range done {
		score = append(score, float64(s.Score(1)))
		self = append(self, float64(*s.SelfAssessment))
	}
	zs, zsa := standardise(score), standardise(self)
	if zs == nil || zsa == nil {
		if len(done) < 4 {
			return Fit{}, tooFew
		}
		return Fit{}, "No opt-in rule can be fitted: every student has the same round-1 score, or the same self-assessment."
	}
	var x [][3]float64
	var y []float64
	for i, s := range done {
		if s.Branch != "voluntary" {
			continue
		}
		x = append(x, [3]float64{1, zs[i], zsa[i]})
		y = append(y, b2f(*s.OptedIn))
	}
	yes := 0
	for _, v := range y {
		yes += int(v)
	}
	switch {
	case len(y) < 4:
		return Fit{}, tooFew
	case yes == 0 || yes == len(y):
		answer := map[bool]string{true: "yes", false: "no"}[yes > 0]
		return Fit{}, fmt.Sprintf("All %d students offered coaching said %s, so no rule of who asks can be fitted, and the class cannot be simulated as 603 reps.", len(y), answer)
	}
	f = logit(x, y)
	if !f.Converged {
		return Fit{}, "The opt-in rule could not be fitted: the regression did not converge."
	}
	f.Corr = corr(zs, zsa)
	return f, ""
}

// logit fits by Newton–Raphson on the penalised log-likelihood.
func logit(x [][3]float64, y []float64) Fit {
	var b [3]float64
	f := Fit{N: len(y)}
	var h *mat.SymDense
	for iter := 0; iter < 50; iter++ {
		h = mat.NewSymDense(3, nil)
		g := mat.NewVecDense(3, nil)
		for i, xi := range x {
			p := 1 / (1 + math.Exp(-(b[0] + b[1]*xi[1] + b[2]*xi[2])))
			w := p * (1 - p)
			for j := 0; j < 3; j++ {
				g.SetVec(j, g.AtVec(j)+(y[i]-p)*xi[j])
				for k := j; k < 3; k++ {
					h.SetSym(j, k, h.At(j, k)+w*xi[j]*xi[k])
				}
			}
		}
		for j := 1; j < 3; j++ {
			g.SetVec(j, g.AtVec(j)-Ridge*b[j])
			h.SetSym(j, j, h.At(j, j)+Ridge)
		}
		var step mat.VecDense
		if err := step.SolveVec(h, g); err != nil {
			return f
		}
		move := 0.0
		for j := range b {
			b[j] += step.AtVec(j)
			move = math.Max(move, math.Abs(step.AtVec(j)))
		}
		if move < 1e-9 {
			f.Converged = true
			break
		}
	}
	f.Coef = b
	var inv mat.Dense
	if err := inv.Inverse(h); err == nil {
		for j := range f.SE {
			f.SE[j] = Num(math.Sqrt(inv.At(j, j)))
		}
	}
	return f
}

// standardise returns z-scores, or nil when the values do not vary.
func standardise(xs []float64) []float64 {
	m := mean(xs)
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	if len(xs) < 2 || ss == 0 {
		return nil
	}
	sd := math.Sqrt(ss / float64(len(xs)-1))
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = (x - m) / sd
	}
	return out
}

// corr is the correlation of two standardised series.
func corr(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s / float64(len(a)-1)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
