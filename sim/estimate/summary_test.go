package estimate

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
)

func TestProportion(t *testing.T) {
	t.Parallel()
	// 30 of 100: p = 0.3, SE = sqrt(0.3·0.7/100) = sqrt(0.0021); Wilson's
	// interval [0.21895, 0.39585] (statsmodels' proportion_confint, method
	// "wilson", to its digits).
	got := Proportion(30, 100)
	if !near(got.Estimate, 0.3, 1e-16) || !near(got.SE, math.Sqrt(0.0021), 1e-16) ||
		!near(got.Lo, 0.21894885294932756, 1e-15) || !near(got.Hi, 0.39584854633346667, 1e-15) {
		t.Errorf("Proportion(30, 100) = %+v", got)
	}
	// None or all of 7: the interval keeps its width at the end it leaves,
	// [0, z²/(n + z²)] and its mirror, where p ± Z95·SE would be a point.
	z2 := Z95 * Z95
	if got := Proportion(0, 7); got.Estimate != 0 || got.SE != 0 || got.Lo != 0 || !near(got.Hi, z2/(7+z2), 1e-15) {
		t.Errorf("Proportion(0, 7) = %+v, want [0, %v]", got, z2/(7+z2))
	}
	if got := Proportion(7, 7); got.Estimate != 1 || got.SE != 0 || got.Hi != 1 || !near(got.Lo, 7/(7+z2), 1e-15) {
		t.Errorf("Proportion(7, 7) = %+v, want [%v, 1]", got, 7/(7+z2))
	}
	// Inside [0, 1] and around p at every k of small and large n.
	for _, n := range []int{1, 2, 3, 10, 322, 100000} {
		for k := 0; k <= n; k += max(1, n/50) {
			e := Proportion(k, n)
			if !(0 <= e.Lo && e.Lo <= e.Estimate && e.Estimate <= e.Hi && e.Hi <= 1 && e.Lo < e.Hi) {
				t.Errorf("Proportion(%d, %d) = %+v", k, n, e)
			}
		}
	}
	for _, kn := range [][2]int{{0, 0}, {1, 0}, {-1, 5}, {6, 5}} {
		if got := Proportion(kn[0], kn[1]); !math.IsNaN(got.Estimate) {
			t.Errorf("Proportion(%d, %d) = %+v, want NaN", kn[0], kn[1], got)
		}
	}
}

func TestSignificant(t *testing.T) {
	t.Parallel()
	cases := []struct {
		e    Estimate
		want bool
	}{
		{Estimate{1, 0.1, 0.8, 1.2}, true},
		{Estimate{-1, 0.1, -1.2, -0.8}, true},
		{Estimate{0.1, 0.1, -0.1, 0.3}, false},
		{Estimate{0.1, 0.1, 0, 0.3}, false}, // touching 0 is not excluding it
		{Undefined(), false},
	}
	for _, c := range cases {
		if c.e.Significant() != c.want {
			t.Errorf("%+v.Significant() = %v", c.e, !c.want)
		}
	}
}

// Values from R:
//
//	x <- c(8, 2, 15, 4, 7); mean(x) = 7.2; sd(x) = sqrt(98.8/4) = sqrt(24.7)
//	quantile(x, c(.025, .975)) = 2.2, 14.3
//	(sorted 2 4 7 8 15; h = 4·0.025 = 0.1 → 2 + 0.1·(4−2);
//	 h = 4·0.975 = 3.9 → 8 + 0.9·(15−8))
func TestSummarize(t *testing.T) {
	t.Parallel()
	es := []Estimate{
		{8, 1, 1, 15},         // significant
		{2, 1, -1, 5},         // not
		Undefined(),           // skipped
		{15, 1, 10, 20},       // significant
		{4, 1, 0.5, 7.5},      // significant
		{7, 1, -0.1, 14.1},    // not
		{math.NaN(), 1, 2, 3}, // skipped: no point estimate
	}
	orig := slices.Clone(es)
	got := Summarize(es)
	if got.N != 5 || !near(got.Mean, 7.2, 1e-14) || !near(got.SD, math.Sqrt(24.7), 1e-14) ||
		!near(got.Q025, 2.2, 1e-14) || !near(got.Q975, 14.3, 1e-14) || got.ShareSignificant != 0.6 {
		t.Errorf("Summarize = %+v", got)
	}
	for i := range es {
		if bits(es[i]) != bits(orig[i]) {
			t.Fatalf("input modified at %d: %+v, was %+v", i, es[i], orig[i])
		}
	}
}

func bits(e Estimate) [4]uint64 {
	return [4]uint64{math.Float64bits(e.Estimate), math.Float64bits(e.SE), math.Float64bits(e.Lo), math.Float64bits(e.Hi)}
}

// R: quantile(1:10, c(.025, .975)) = 1.225, 9.775 (h = 9·0.025 = 0.225).
func TestQuantileType7(t *testing.T) {
	t.Parallel()
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	if q := quantile7(xs, 0.025); !near(q, 1.225, 1e-14) {
		t.Errorf("q025 = %v, want 1.225", q)
	}
	if q := quantile7(xs, 0.975); !near(q, 9.775, 1e-14) {
		t.Errorf("q975 = %v, want 9.775", q)
	}
	if q := quantile7(xs, 0.5); q != 5.5 {
		t.Errorf("median = %v, want 5.5", q)
	}
	if q := quantile7([]float64{0.1, 0.1, 0.1}, 0.3); q != 0.1 {
		t.Errorf("quantile of equal values = %v, want exactly 0.1", q)
	}
}

func TestSummarizeSmall(t *testing.T) {
	t.Parallel()
	one := Summarize([]Estimate{{3, 1, 1, 5}})
	if one.N != 1 || one.Mean != 3 || !math.IsNaN(one.SD) || one.Q025 != 3 || one.Q975 != 3 || one.ShareSignificant != 1 {
		t.Errorf("one estimate: %+v", one)
	}
	none := Summarize([]Estimate{Undefined()})
	if none.N != 0 || !math.IsNaN(none.Mean) || !math.IsNaN(none.ShareSignificant) {
		t.Errorf("no estimates: %+v", none)
	}
}

func TestEstimateJSON(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(Estimate{1.5, 0.25, 1.01, 1.99})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"estimate":1.5,"se":0.25,"ci95":[1.01,1.99]}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	b, err = json.Marshal(map[string]Estimate{"x": {math.NaN(), math.Inf(1), math.Inf(-1), 2}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"x":{"estimate":null,"se":null,"ci95":[null,2]}}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	// Round trips: finite values exactly, non-finite ones as NaN.
	for _, e := range []Estimate{{0.1234567890123, 1e-300, -3, 5e20}, RevenueLift(clusters(handMade)), Undefined()} {
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var back Estimate
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		for i, pair := range [][2]float64{{e.Estimate, back.Estimate}, {e.SE, back.SE}, {e.Lo, back.Lo}, {e.Hi, back.Hi}} {
			if math.Float64bits(pair[0]) != math.Float64bits(pair[1]) && !(math.IsNaN(pair[0]) && math.IsNaN(pair[1])) {
				t.Errorf("field %d: %v came back as %v (%s)", i, pair[0], pair[1], b)
			}
		}
	}
	var back Estimate
	if err := json.Unmarshal([]byte(`{"estimate":0.2,"se":null,"ci95":[null,null]}`), &back); err != nil {
		t.Fatal(err)
	}
	if back.Estimate != 0.2 || !math.IsNaN(back.SE) || !math.IsNaN(back.Lo) || !math.IsNaN(back.Hi) {
		t.Errorf("null should read as NaN: %+v", back)
	}
	if err := json.Unmarshal([]byte(`{"estimate":"x"}`), &back); err == nil {
		t.Error("want an error for a string estimate")
	}
}

func TestSummaryJSON(t *testing.T) {
	t.Parallel()
	s := Summary{Mean: 0.19, SD: math.NaN(), Q025: 0.1, Q975: 0.3, ShareSignificant: 0.8, N: 1}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"mean":0.19,"sd":null,"q025":0.1,"q975":0.3,"share_significant":0.8,"n":1}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	var back Summary
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Mean != 0.19 || !math.IsNaN(back.SD) || back.N != 1 || back.ShareSignificant != 0.8 {
		t.Errorf("round trip: %+v", back)
	}
}
