package power

import (
	"math"
	"testing"

	"mentorsim/sim/param"
)

func TestOptinBaseHitsTarget(t *testing.T) {
	t.Parallel()
	for _, preset := range []string{"study", "rational"} {
		p, err := param.Preset(preset)
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range []float64{0.2, 0.5, 0.8} {
			base, share, err := OptinBase(p, target)
			if err != nil {
				t.Fatalf("%s %v: %v", preset, target, err)
			}
			if math.Abs(share-target) > OptinTolerance {
				t.Errorf("%s %v: share %v", preset, target, share)
			}
			q := p
			SetIntercept(&q, base)
			if got := OptinShare(q, OptinSample); got != share {
				t.Errorf("%s %v: OptinShare %v, OptinBase said %v", preset, target, got, share)
			}
			b2, _, _ := OptinBase(p, target)
			if b2 != base {
				t.Errorf("not deterministic: %v then %v", base, b2)
			}
		}
	}
}

func TestOptinBaseUnreachable(t *testing.T) {
	t.Parallel()
	p, _ := param.Preset("study")
	if _, _, err := OptinBase(p, 0); err == nil {
		t.Error("target 0 accepted")
	}
	p.OptinNeed, p.OptinShyness, p.OptinEagerness, p.OptinPeer, p.OptinNoise = 0, 0, 0, 0, 0
	if _, _, err := OptinBase(p, 0.5); err == nil {
		t.Error("0.5 reached with no heterogeneity in the choice")
	}
}

func TestDetectable(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	cases := []struct {
		eff, pw []float64
		want    float64
	}{
		{[]float64{0, 0.1, 0.2}, []float64{0.05, 0.6, 1}, 0.15},
		{[]float64{0, 0.1}, []float64{0.9, 1}, 0},
		{[]float64{0, 0.1}, []float64{0.05, 0.5}, nan},
		{[]float64{0, 0.1, 0.2}, []float64{0.05, 0.8, 0.9}, 0.1},
	}
	for _, c := range cases {
		got := Detectable(c.eff, c.pw, 0.8)
		if math.IsNaN(c.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-c.want) > 1e-12) {
			t.Errorf("Detectable(%v, %v) = %v, want %v", c.eff, c.pw, got, c.want)
		}
	}
}

func TestRunSmall(t *testing.T) {
	t.Parallel()
	sc, _ := param.NewScenario("study")
	cfg := Config{Scenario: sc, Hires: []int{150, 600}, OptinRates: []float64{0.5}, Gains: []float64{0, 3}, Replications: 12}
	a, err := Run(cfg, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Run(cfg, 1, nil)
	if len(a.Cells) != 4 || len(a.MDEs) != 2 {
		t.Fatalf("%d cells, %d MDEs", len(a.Cells), len(a.MDEs))
	}
	for i := range a.Cells {
		if a.Cells[i].Power[0] != b.Cells[i].Power[0] || a.Cells[i].ATE != b.Cells[i].ATE {
			t.Errorf("cell %d depends on workers", i)
		}
	}
	if math.Abs(a.Cells[0].ATE) > 0.01 || !(a.Cells[1].ATE > 0.03) {
		t.Errorf("ATE at gains 0, 3: %v, %v", a.Cells[0].ATE, a.Cells[1].ATE)
	}
	if a.Design.Hires != 603 || a.Design.Gain != sc.Params.MentorGain {
		t.Errorf("design %+v", a.Design)
	}
	if err := (Config{Scenario: sc, Hires: []int{1}, OptinRates: []float64{0.5}, Gains: []float64{1}, Replications: 5}).Check(); err == nil {
		t.Error("hires 1 accepted")
	}
}
