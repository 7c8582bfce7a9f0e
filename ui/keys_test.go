package ui

import (
	"slices"
	"testing"

	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

// Key v opens the folded panels one after another, so a keyboard or a
// presentation clicker reaches every panel a projector has no room to show
// at once; key m pages through the controls. At 1024×768 in large text
// step 6 folds the floor and two charts, and the sliders need pages.
func TestKeysOpenFoldedPanelsAndPages(t *testing.T) {
	s, err := session.Open("lesson=6&seed=7&large=1", lesson.Default(), 2)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGame(s, nopPlatform{})
	g.screenW, g.screenH, g.deviceScale = 1024, 768, 1
	g.relayout()
	folded := slices.Clone(g.view.frame.Folded)
	if len(folded) < 2 || g.view.frame.Pages < 2 {
		t.Fatalf("step 6 at 1024x768 large folds %v and has %d pages of controls; want a test with both", folded, g.view.frame.Pages)
	}
	opened := map[string]bool{}
	for range 2 * len(layout.PanelOrder) {
		g.input(InputEvent{Kind: KeyPress, Key: "v"})
		g.relayout()
		if len(g.view.open) == 0 {
			t.Fatal("key v opened nothing")
		}
		opened[g.view.open[0]] = true
	}
	for _, n := range folded {
		if !opened[n] {
			t.Errorf("key v never opened %s (opened %v)", n, opened)
		}
	}
	pages := map[int]bool{}
	for range 2 * g.view.frame.Pages {
		pages[g.view.frame.Page] = true
		g.input(InputEvent{Kind: KeyPress, Key: "m"})
		g.relayout()
	}
	if len(pages) != g.view.frame.Pages {
		t.Errorf("key m showed pages %v of %d", pages, g.view.frame.Pages)
	}
}
