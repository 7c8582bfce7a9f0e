package layout

import "slices"

// The panels' names, as lesson.json and state() write them.
const (
	PanelFloor          = "floor"
	PanelEffects        = "effects"
	PanelRevenue        = "revenue"
	PanelRetention      = "retention"
	PanelAbility        = "ability"
	PanelControls       = "controls"
	PanelSelfAssessment = "selfassessment"
	PanelMoney          = "money"
)

// A PanelInfo is one row of the table of panels.
type PanelInfo struct {
	Name  string
	Short string // its name on a folded strip
	// InPlaceOf is the panel it is drawn in the place of ("": a place of
	// its own); such a panel shows only in a lesson's step that names it.
	InPlaceOf string
	Chart     bool // one of the middle column's charts
}

// PanelTable is the one table every list of panels derives from, in
// reading order: the floor and effects, the charts, the controls, then
// the panels drawn in another's place.
var PanelTable = []PanelInfo{
	{PanelFloor, "The floor", "", false},
	{PanelEffects, "Effects", "", false},
	{PanelRevenue, "Revenue", "", true},
	{PanelRetention, "Still employed", "", true},
	{PanelAbility, "Hidden ability", "", true},
	{PanelControls, "Assumptions", "", false},
	{PanelSelfAssessment, "Self-assessment", PanelAbility, false},
	{PanelMoney, "Policies in money", PanelEffects, false},
}

// panelNames are the table's names that pass keep, in order.
func panelNames(keep func(PanelInfo) bool) []string {
	var out []string
	for _, p := range PanelTable {
		if keep(p) {
			out = append(out, p.Name)
		}
	}
	return out
}

var (
	// PanelNames are every panel's name, in the table's order.
	PanelNames = panelNames(func(PanelInfo) bool { return true })
	// PanelOrder are the panels with a place of their own, in reading
	// order: a narrow window's one column stacks them so.
	PanelOrder = panelNames(func(p PanelInfo) bool { return p.InPlaceOf == "" })
	// ChartNames are the charts of the middle column, top to bottom.
	ChartNames = panelNames(func(p PanelInfo) bool { return p.Chart })
	// PanelShort are the panels' short names, for their folded strips.
	PanelShort = func() map[string]string {
		m := map[string]string{}
		for _, p := range PanelTable {
			m[p.Name] = p.Short
		}
		return m
	}()
	// InPlaceOf names the panels drawn in another's place: the money panel
	// in the effects', the self-assessment view in the ability chart's.
	InPlaceOf = func() map[string]string {
		m := map[string]string{}
		for _, p := range PanelTable {
			if p.InPlaceOf != "" {
				m[p.Name] = p.InPlaceOf
			}
		}
		return m
	}()
)

// IsPanel reports whether name is a panel's.
func IsPanel(name string) bool { return slices.Contains(PanelNames, name) }
