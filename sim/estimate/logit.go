package estimate

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"mentorsim/sim/fmath"
)

// Logit fits a logistic regression of y on the columns of x (each a
// covariate over the same observations) with an intercept, by
// Newton–Raphson on standardised covariates, and returns each
// observation's fitted linear index. ok is false if the fit does not
// converge (separation, or a covariate that does not vary, which is then
// dropped: the index ignores it).
func Logit(x [][]float64, y []bool) (index []float64, ok bool) {
	n := len(y)
	cols := [][]float64{}
	for _, c := range x {
		if z := standardised(c); z != nil {
			cols = append(cols, z)
		}
	}
	k := len(cols) + 1
	b := make([]float64, k)
	row := make([]float64, k)
	at := func(i int) []float64 {
		row[0] = 1
		for j, c := range cols {
			row[j+1] = c[i]
		}
		return row
	}
	for range 100 {
		hs, gs := make([]float64, k*k), make([]float64, k)
		for i := range n {
			xi := at(i)
			p := 1 / (1 + fmath.Exp(-dot(b, xi)))
			w, r := float64(p*(1-p)), -p
			if y[i] {
				r = 1 - p
			}
			for j := range k {
				gs[j] += float64(r * xi[j])
				wx := float64(w * xi[j])
				for l := j; l < k; l++ {
					hs[j*k+l] += float64(wx * xi[l])
				}
			}
		}
		for j := range k {
			for l := range j {
				hs[j*k+l] = hs[l*k+j]
			}
		}
		h, g := mat.NewSymDense(k, hs), mat.NewVecDense(k, gs)
		var step mat.VecDense
		if err := step.SolveVec(h, g); err != nil {
			return nil, false
		}
		move := 0.0
		for j := range b {
			b[j] += step.AtVec(j)
			move = max(move, math.Abs(step.AtVec(j)))
		}
		if move < 1e-10 {
			index = make([]float64, n)
			for i := range n {
				index[i] = dot(b, at(i))
			}
			return index, true
		}
	}
	return nil, false
}

func dot(b, x []float64) float64 {
	s := 0.0
	for j := range b {
		s += float64(b[j] * x[j])
	}
	return s
}

// standardised returns x's z-scores, or nil if x does not vary.
func standardised(x []float64) []float64 {
	n := float64(len(x))
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= n
	ss := 0.0
	for _, v := range x {
		ss += float64((v - m) * (v - m))
	}
	if ss == 0 || len(x) < 2 {
		return nil
	}
	sd := math.Sqrt(ss / n)
	z := make([]float64, len(x))
	for i, v := range x {
		z[i] = (v - m) / sd
	}
	return z
}
