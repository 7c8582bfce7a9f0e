//go:build js && wasm

// Command wasm is mentorsim's app in the browser. It reads the run from the
// page's query string, publishes the page API (api.go) on window.mentorsim
// and runs the ui.Game on Ebitengine's canvas, with the browser's share,
// copy-link and download (bridge.go) as its ui.Platform.
//
//	GOOS=js GOARCH=wasm go build -o mentorsim.wasm ./wasm
//
// The page loads it with the Go distribution's wasm_exec.js.
package main

import (
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/ui"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

func main() {
	// A damaged link still opens, with the defaults where it was bad, and
	// says what it ignored (the session's notice). lesson=N opens the
	// compiled-in lesson at step N; the browser offers no other lesson.
	sess, err := session.Open(js.Global().Get("location").Get("search").String(), lesson.Default(), 1)
	if err != nil { // cannot happen: ParseQuery's scenario is valid
		fail(err)
		return
	}
	p := newBrowser()
	if err := p.listen(); err != nil {
		fail(err)
		return
	}
	ui.Options()
	g := &game{Game: ui.NewGame(sess, p)}
	p.game = g.Game
	publishAPI(g)
	go speak(g)
	if err := ebiten.RunGame(g); err != nil {
		fail(err)
	}
}
