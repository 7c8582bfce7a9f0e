package ui

import (
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

// Platform is what differs between the browser and the desktop.
type Platform interface {
	// Share is told the query string that reproduces the current run, after
	// every change (the browser puts it in the address bar).
	Share(query string)
	// CopyLink copies a link to the run and says what it did; done is
	// whether it did (its message then only confirms it, and fades).
	CopyLink(query string) (msg string, done bool)
	// Export saves summary.json and reps.csv and says where, or why not.
	Export(summaryJSON, repsCSV []byte) (msg string, done bool)
}

// Game is the app. Its methods other than Update, Draw and Layout may be
// called from other goroutines (the page API) through Do.
type Game struct {
	mu       sync.Mutex
	s        *session.Session
	platform Platform
	view     view
	lastTick time.Time
	drawn    frameKey  // what the screen shows now
	drawnAt  time.Time // when it was drawn

	// The screen as Layout last saw it: device pixels and device scale.
	screenW, screenH int
	deviceScale      float64
}

// minRedraw is the shortest time between two frames that differ only in
// the study's day: charts need not change sixty times a second, and the
// time saved keeps the pointer and the buttons responsive.
const minRedraw = time.Second / 20

// NewGame makes the app for a session.
func NewGame(s *session.Session, p Platform) *Game {
	g := &Game{s: s, platform: p}
	if _, queued := p.(InputQueue); !queued {
		// Without a queue (the desktop), Ebitengine reads keys and buttons
		// once a frame (GLFW's sticky keys hold a quick press until then),
		// but only an Update sees what it read: a frame without one would
		// lose a press. So one Update a frame; the study keeps time by the
		// wall clock.
		ebiten.SetTPS(ebiten.SyncWithFPS)
	}
	p.Share(s.Query())
	return g
}

// Do runs f with the session, between frames.
func (g *Game) Do(f func(s *session.Session)) {
	g.mu.Lock()
	defer g.mu.Unlock()
	f(g.s)
}

// Update handles input and advances the study.
func (g *Game) Update() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	start := time.Now()
	g.relayout()
	g.handleInput()
	g.view.fade(g.s, start)
	g.finishSome(start)
	if g.s.Speed == session.MaxSpeed {
		// As fast as it goes: whole days until most of a 60 Hz frame is used.
		for g.s.Playing && time.Since(start) < sliceBudget {
			g.s.Advance(0, 1)
		}
	} else {
		// Wall-clock time, so that the speed holds when frames are slow; a
		// long pause (a hidden tab) does not turn into a burst of days.
		dt := 1.0 / 60 // the first frame's
		if !g.lastTick.IsZero() {
			dt = min(start.Sub(g.lastTick).Seconds(), 0.25)
		}
		g.s.Advance(dt, 1<<30)
	}
	g.lastTick = start
	return nil
}

// Draw draws the current state. The screen keeps its contents between
// frames (see Options), so a frame that would look the same as the last is
// not drawn again: a paused app costs almost nothing, and a playing one
// redraws only when a day has passed or the pointer has moved.
func (g *Game) Draw(screen *ebiten.Image) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.relayout()
	key := g.frameKey()
	onlyDay := key.study == g.drawn.study && key.day != g.drawn.day && key.withoutDay() == g.drawn.withoutDay()
	if key == g.drawn || onlyDay && (g.s.Playing || g.s.Finishing()) && time.Since(g.drawnAt) < minRedraw {
		return
	}
	g.draw(screen)
	g.drawn, g.drawnAt = key, time.Now()
}

// Layout makes the screen as large as the window in device pixels, so the
// app is sharp on high-DPI screens; sizes are scaled by the device scale.
func (g *Game) Layout(w, h int) (int, int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	scale := ebiten.Monitor().DeviceScaleFactor()
	g.screenW, g.screenH, g.deviceScale = int(float64(w)*scale), int(float64(h)*scale), scale
	g.relayout()
	return g.view.w, g.view.h
}

// relayout fits the view to the screen, large text and the lesson's card.
func (g *Game) relayout() {
	if g.deviceScale == 0 {
		return // before the first Layout
	}
	var step *lesson.Step
	if g.s.InLesson() {
		step = &g.s.Lesson.Steps[g.s.Step-1]
	}
	g.view.resize(g.screenW, g.screenH, g.deviceScale, g.s.Large, step, g.lessonSpec())
}

// Options are the window settings shared by browser and desktop.
func Options() {
	ebiten.SetWindowTitle("mentorsim")
	ebiten.SetWindowSize(1280, 800)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetScreenClearedEveryFrame(false) // Draw skips frames that would not change
}
