package ui

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/sim/param"
	"mentorsim/sim/study"
	"mentorsim/ui/layout"
	"mentorsim/ui/session"
)

// view is the drawing state: window geometry, fonts, cached panel data and
// what the pointer and keyboard are doing.
type view struct {
	w, h    int
	scale   float64
	frame   layout.Frame
	widgets []layout.Widget
	fonts   fonts

	// panels caches the charts' data for one study and day.
	panels      session.Panels
	panelsStudy *study.Study
	panelsDay   int
	panelsAt    time.Time

	floor      layout.FloorGrid
	floorStudy *study.Study
	floorImage *ebiten.Image

	cursorX, cursorY float64
	dragging         string // the slider being dragged
	editingSeed      bool
	seedText         string
	help             bool
}

func (v *view) init() { v.fonts = loadFonts() }

// unit is the layout's base size in device pixels.
func (v *view) unit() float64 { return layout.Unit * v.scale }

func (v *view) resize(w, h int, scale float64) {
	w, h = max(1, w), max(1, h)
	if w == v.w && h == v.h && scale == v.scale {
		return
	}
	v.w, v.h, v.scale = w, h, scale
	v.fonts.size(scale)
	v.frame = layout.Compute(float64(w), float64(h), scale)
	v.widgets = layout.Widgets(v.frame, func(s string) float64 { return width(s, v.fonts.body) })
	v.floorStudy = nil // the floor's grid depends on the size
}

// panelsFor returns the panels' data, recomputed when the day changes, but
// while playing at most ten times a second: on a large study the estimates
// cost more than drawing them.
func (v *view) panelsFor(s *session.Session) session.Panels {
	stale := v.panelsStudy != s.Study || v.panelsDay != s.Study.Day()
	if stale && (v.panelsStudy != s.Study || !s.Playing || time.Since(v.panelsAt) >= time.Second/10) {
		v.panels, v.panelsStudy, v.panelsDay, v.panelsAt = s.Panels(), s.Study, s.Study.Day(), time.Now()
	}
	return v.panels
}

// frameKey is everything a frame's pixels depend on.
type frameKey struct {
	study            *study.Study
	day              int
	scenario         param.Scenario
	playing          bool
	speed            float64
	revealed, help   bool
	notice           string
	w, h             int
	cursorX, cursorY float64
	dragging         string
	editingSeed      bool
	seedText         string
}

// withoutDay is the key with the day left out.
func (k frameKey) withoutDay() frameKey {
	k.day = 0
	return k
}

func (g *Game) frameKey() frameKey {
	v := &g.view
	return frameKey{g.s.Study, g.s.Study.Day(), g.s.Scenario, g.s.Playing, g.s.Speed, g.s.Revealed, v.help,
		g.s.Notice, v.w, v.h, v.cursorX, v.cursorY, v.dragging, v.editingSeed, v.seedText}
}

func (g *Game) draw(screen *ebiten.Image) {
	screen.Fill(background)
	if g.view.w < 200 || g.view.h < 150 {
		return
	}
	p := g.view.panelsFor(g.s)
	g.drawBar(screen)
	g.drawFloor(screen)
	g.drawEffects(screen, p)
	g.drawRevenue(screen, p)
	g.drawRetention(screen, p)
	g.drawAbility(screen, p)
	g.drawControls(screen)
	g.drawTooltip(screen)
	g.drawNotice(screen)
	if g.view.help {
		g.drawHelp(screen)
	}
}
