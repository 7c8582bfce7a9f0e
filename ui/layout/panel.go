package layout

import (
	"maps"
	"slices"
)

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

// LessonPlace names the lesson's card where panels are named: among the
// panels opened by a tap, it unfolds a folded card (Frame.LessonFolded).
const LessonPlace = "lesson"

// A PanelInfo is one row of the table of panels.
type PanelInfo struct {
	Name  string
	Short string // its name on a folded strip
	// InPlaceOf is the panel it is drawn in the place of ("": a place of
	// its own); such a panel shows only in a lesson's step that names it.
	InPlaceOf string
	Chart     bool // one of the middle column's charts
}

// panelTable is the one table every list of panels derives from, in
// reading order: the floor and effects, the charts, the controls, then
// the panels drawn in another's place.
var panelTable = []PanelInfo{
	{PanelFloor, "The floor", "", false},
	{PanelEffects, "Effects", "", false},
	{PanelRevenue, "Revenue", "", true},
	{PanelRetention, "Still employed", "", true},
	{PanelAbility, "Hidden ability", "", true},
	{PanelControls, "Assumptions", "", false},
	{PanelSelfAssessment, "Self-assessment", PanelAbility, false},
	{PanelMoney, "Policies in money", PanelEffects, false},
}

// namesWhere are the table's names that pass keep, in order.
func namesWhere(keep func(PanelInfo) bool) []string {
	var out []string
	for _, p := range panelTable {
		if keep(p) {
			out = append(out, p.Name)
		}
	}
	return out
}

var (
	// panelNames are every panel's name, in the table's order.
	panelNames = namesWhere(func(PanelInfo) bool { return true })
	// panelOrder are the panels with a place of their own, in reading
	// order: a narrow window's one column stacks them so.
	panelOrder = namesWhere(func(p PanelInfo) bool { return p.InPlaceOf == "" })
	// chartNames are the charts of the middle column, top to bottom.
	chartNames = namesWhere(func(p PanelInfo) bool { return p.Chart })
	// panelShort are the panels' short names, for their folded strips.
	panelShort = func() map[string]string {
		m := map[string]string{}
		for _, p := range panelTable {
			m[p.Name] = p.Short
		}
		return m
	}()
	// inPlaceOf names the panels drawn in another's place: the money panel
	// in the effects', the self-assessment view in the ability chart's.
	inPlaceOf = func() map[string]string {
		m := map[string]string{}
		for _, p := range panelTable {
			if p.InPlaceOf != "" {
				m[p.Name] = p.InPlaceOf
			}
		}
		return m
	}()
)

// IsPanel reports whether name is a panel's.
func IsPanel(name string) bool { return slices.Contains(panelNames, name) }

// PanelTable is the table of panels (a copy: callers cannot change it).
func PanelTable() []PanelInfo { return slices.Clone(panelTable) }

// PanelNames are every panel's name, in the table's order.
func PanelNames() []string { return slices.Clone(panelNames) }

// PanelOrder are the panels with a place of their own, in reading order:
// a narrow window's one column stacks them so.
func PanelOrder() []string { return slices.Clone(panelOrder) }

// ChartNames are the charts of the middle column, top to bottom.
func ChartNames() []string { return slices.Clone(chartNames) }

// PanelShort are the panels' short names, for their folded strips.
func PanelShort() map[string]string { return maps.Clone(panelShort) }

// InPlaceOf names the panels drawn in another's place: the money panel in
// the effects', the self-assessment view in the ability chart's.
func InPlaceOf() map[string]string { return maps.Clone(inPlaceOf) }

// PlaceOf is the place a panel is drawn in: its own, or the one it takes
// (InPlaceOf).
func PlaceOf(name string) string {
	if place, ok := inPlaceOf[name]; ok {
		return place
	}
	return name
}
