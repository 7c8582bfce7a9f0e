package layout

// PolicyChips places the policy chooser's chips (IDs from ids) in rows
// along the top of the money panel r, below its title, labelled from
// labels, or from short where the full labels need more than one row;
// it returns them with the y where the panel's content continues.
func PolicyChips(r Rect, scale float64, ids, labels, short []string, textWidth func(string) float64) ([]Widget, float64) {
	u := Unit * scale
	x0, y, h := r.X+0.6*u, r.Y+1.6*u, 1.4*u
	room := r.W - 1.2*u
	total := 0.0
	for _, l := range labels {
		total += textWidth(l) + 1.5*u
	}
	if total > room {
		labels = short
	}
	x := x0
	var ws []Widget
	for i, id := range ids {
		w := textWidth(labels[i]) + 1.2*u
		if x > x0 && x+w > x0+room { // wrap
			x, y = x0, y+h+0.3*u
		}
		ws = append(ws, Widget{ID: id, Kind: PolicyChip, Label: labels[i], Rect: Rect{x, y, w, h}})
		x += w + 0.3*u
	}
	return ws, y + h + 0.3*u
}

// MoneyRows is the money panel's height as the layout counts effect rows:
// its title, chips, the table's header and five policies, and the
// assumptions.
const MoneyRows = 8
