package ui

import (
	"math"
	"testing"

	"mentorsim/ui/layout"
	"mentorsim/ui/layout/gofonts"
	"mentorsim/ui/lesson"
)

// TestLayoutMeasuresAsTheAppDraws checks that the layout test's font
// metrics (package gofonts, without Ebitengine) agree with what the app
// measures and draws with, so that the layout test's boxes are the app's.
func TestLayoutMeasuresAsTheAppDraws(t *testing.T) {
	samples := append([]string{"Effects so far: estimates with 95% intervals; yellow = the study's number; pink = true effects",
		"+241% [-100, +999]", "day 2520 of 2520 · week 504 · 1000 of 1000 classes hired", "Next ►", "◄ Back", "step 7 of 7",
		"Voluntary: revenue, mentored vs denied opt-ins", "$600", "100%", "Who a mentor can help", "-0.151 sd"},
		layout.EffectLabel("True effect of a mentor: everyone")...)
	for _, st := range lesson.Default().Steps {
		samples = append(samples, st.Title, st.Question)
	}
	for _, scale := range []float64{1, LargeScale, 2, 2 * LargeScale} {
		var app fonts
		app.size(scale)
		m, err := gofonts.New(scale)
		if err != nil {
			t.Fatal(err)
		}
		for f := range layout.NumFaces {
			if a, b := app.Height(f), m.Height(f); math.Abs(a-b) > 0.05 {
				t.Errorf("scale %v face %d: line height %v in the app, %v in the layout test", scale, f, a, b)
			}
			for _, s := range samples {
				if a, b := app.Width(s, f), m.Width(s, f); math.Abs(a-b) > 0.5 {
					t.Errorf("scale %v face %d: %q is %.2f pixels wide in the app, %.2f in the layout test", scale, f, s, a, b)
				}
			}
		}
	}
}
