package layout

import "testing"

// The chips fit the panel without overlapping: full labels where one row
// holds them, short ones where it does not.
func TestPolicyChips(t *testing.T) {
	ids := []string{"a", "b", "c"}
	labels := []string{"the study", "mandatory", "by default"}
	short := []string{"study", "all", "default"}
	tw := func(s string) float64 { return 8 * float64(len(s)) }
	for _, w := range []float64{600, 200, 120} {
		r := Rect{X: 10, Y: 20, W: w, H: 300}
		ws, bottom := PolicyChips(r, 1, ids, labels, short, tw)
		for i, a := range ws {
			if a.Rect.X < r.X || a.Rect.X+a.Rect.W > r.X+r.W || a.Rect.Y+a.Rect.H > bottom {
				t.Errorf("width %v: chip %s at %+v outside the panel or below %v", w, a.ID, a.Rect, bottom)
			}
			for _, b := range ws[:i] {
				if a.Rect.X < b.Rect.X+b.Rect.W && b.Rect.X < a.Rect.X+a.Rect.W && a.Rect.Y < b.Rect.Y+b.Rect.H && b.Rect.Y < a.Rect.Y+a.Rect.H {
					t.Errorf("width %v: chips %s and %s overlap", w, a.ID, b.ID)
				}
			}
		}
		if full := ws[0].Label == "the study"; full != (w == 600) {
			t.Errorf("width %v: label %q", w, ws[0].Label)
		}
	}
}
