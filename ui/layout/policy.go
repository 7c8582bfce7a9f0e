package layout

// PolicyChips places the policy chooser's chips (IDs from ids, labels from
// labels) in rows along the top of the money panel r, below its title, and
// returns them with the y where the panel's content continues.
func PolicyChips(r Rect, scale float64, ids, labels []string, textWidth func(string) float64) ([]Widget, float64) {
	u := Unit * scale
	x0, y, h := r.X+0.6*u, r.Y+1.8*u, 1.5*u
	x := x0
	var ws []Widget
	for i, id := range ids {
		w := textWidth(labels[i]) + 1.2*u
		if x > x0 && x+w > r.X+r.W-0.6*u { // wrap
			x, y = x0, y+h+0.3*u
		}
		ws = append(ws, Widget{ID: id, Kind: PolicyChip, Label: labels[i], Rect: Rect{x, y, w, h}})
		x += w + 0.3*u
	}
	return ws, y + h + 0.4*u
}
