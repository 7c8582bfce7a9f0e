package ui

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	_ "mentorsim/internal/xdisplay/testinit" // before Ebitengine's init: xvfb-run when there is no display
	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

// frames takes functions to run in the running game's Draw, one a frame:
// Ebitengine sends drawing commands to the GPU between frames, and reads
// pixels back only while a game runs.
var frames = make(chan func())

// TestMain runs the package's tests and benchmarks inside a running game
// (under xvfb-run, which package testinit starts when there is no display).
func TestMain(m *testing.M) {
	flag.Parse()
	l := &loop{done: make(chan int, 1)}
	go func() { l.done <- m.Run() }()
	ebiten.SetVsyncEnabled(false) // frames as fast as they come
	if err := ebiten.RunGame(l); err != nil && !errors.Is(err, ebiten.Termination) {
		log.Fatal(err)
	}
	os.Exit(l.code)
}

// loop is a game that runs what frames brings, and ends when the tests do.
type loop struct {
	done chan int
	code int
}

func (l *loop) Update() error {
	select {
	case l.code = <-l.done:
		return ebiten.Termination
	default:
		return nil
	}
}

func (l *loop) Draw(*ebiten.Image) {
	select {
	case f := <-frames:
		f()
	default:
	}
}

func (l *loop) Layout(w, h int) (int, int) { return w, h }

// inFrame runs f in the game's next frame and waits for it.
func inFrame(f func()) {
	ran := make(chan struct{})
	frames <- func() { f(); close(ran) }
	<-ran
}

type nopPlatform struct{}

func (nopPlatform) Share(string) {}

func (nopPlatform) CopyLink(string) (string, bool) { return "", true }

func (nopPlatform) Export(_, _ []byte) (string, bool) { return "", true }

// BenchmarkDraw is the time the app's Draw takes on the Go side for a frame
// of a study a third of the way through, 1280×800 pixels, the study a day
// further each frame as it plays, at the study's size and the app's largest.
// ns/op is the drawing alone: the day's step and the panels' estimates (which
// the app recomputes at most ten times a second) are left out.
func BenchmarkDraw(b *testing.B) {
	for _, hires := range []int{603, layout.MaxAppHires} {
		b.Run(fmt.Sprintf("hires=%d", hires), func(b *testing.B) {
			s, err := session.Open(fmt.Sprintf("hires=%d&seed=1", hires), lesson.Default(), 2)
			if err != nil {
				b.Fatal(err)
			}
			g := NewGame(s, nopPlatform{})
			g.screenW, g.screenH, g.deviceScale = 1280, 800, 1
			for s.Study.Day() < s.Study.Days()/3 {
				s.Study.StepDay()
			}
			var screen *ebiten.Image
			inFrame(func() {
				screen = ebiten.NewImage(g.screenW, g.screenH)
				g.relayout()
				g.draw(screen) // the glyphs and the floor's image, made once
			})
			var spent time.Duration
			b.ResetTimer()
			for range b.N {
				if !s.Study.Done() {
					s.Study.StepDay()
				}
				g.view.panelsFor(s)
				inFrame(func() {
					start := time.Now()
					g.draw(screen)
					spent += time.Since(start)
				})
			}
			b.ReportMetric(float64(spent.Nanoseconds())/float64(b.N), "ns/op")
		})
	}
}
