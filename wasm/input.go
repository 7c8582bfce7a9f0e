//go:build js && wasm

package main

import (
	"errors"
	"sync"
	"syscall/js"

	"mentorsim/ui"
)

// inputQueue is the canvas's key and pointer events, queued as they happen
// and drained by the app once a frame (ui.InputQueue): Ebitengine's own
// state only holds whether a key is down at the frame, so a key pressed
// and released between two frames would be lost. Pointer events cover the
// mouse, touch and pens alike; Ebitengine's touchstart handler prevents
// the mouse events a browser would make from a tap, but not these.
type inputQueue struct {
	mu     sync.Mutex
	events []ui.InputEvent
}

// DrainInput implements ui.InputQueue.
func (q *inputQueue) DrainInput(dst []ui.InputEvent) []ui.InputEvent {
	q.mu.Lock()
	defer q.mu.Unlock()
	dst = append(dst, q.events...)
	q.events = q.events[:0]
	return dst
}

func (q *inputQueue) push(e ui.InputEvent) {
	q.mu.Lock()
	q.events = append(q.events, e)
	q.mu.Unlock()
}

// listen queues the canvas's events. The canvas gets keys only while it
// has the focus, so keys typed into the page's own cards (the intro) never
// reach the app. The handlers are never released: they live as long as
// the page.
func (q *inputQueue) listen() error {
	canvas := js.Global().Get("document").Call("querySelector", "body > canvas")
	if !canvas.Truthy() {
		return errors.New("the page has no canvas to take input from")
	}
	on := func(event string, f func(e js.Value)) {
		canvas.Call("addEventListener", event, js.FuncOf(func(_ js.Value, args []js.Value) any {
			f(args[0])
			return nil
		}))
	}
	on("keydown", func(e js.Value) {
		if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
			return // the browser's shortcuts
		}
		q.push(ui.InputEvent{Kind: ui.KeyPress, Key: e.Get("key").String(), Repeat: e.Get("repeat").Bool()})
	})
	pointer := func(kind ui.InputKind) func(js.Value) {
		return func(e js.Value) {
			if !e.Get("isPrimary").Bool() || kind == ui.PointerDown && e.Get("button").Int() != 0 {
				return // a second finger, or not the main button
			}
			if kind == ui.PointerDown {
				// Events keep coming to the canvas while the pointer is down,
				// even outside it, so a drag always ends.
				canvas.Call("setPointerCapture", e.Get("pointerId"))
			}
			r := canvas.Call("getBoundingClientRect")
			q.push(ui.InputEvent{Kind: kind, Touch: e.Get("pointerType").String() != "mouse",
				X: e.Get("clientX").Float() - r.Get("left").Float(), Y: e.Get("clientY").Float() - r.Get("top").Float()})
		}
	}
	on("pointerdown", pointer(ui.PointerDown))
	on("pointermove", pointer(ui.PointerMove))
	on("pointerup", pointer(ui.PointerUp))
	on("pointercancel", pointer(ui.PointerUp))
	return nil
}
