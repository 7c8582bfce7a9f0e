//go:build js && wasm

package main

import (
	"syscall/js"

	"mentorsim/ui/session"
)

// apiFunc is one function of the page API: it gets the session between
// frames and returns a value for JavaScript (nil is undefined) or an error.
type apiFunc func(g *game, s *session.Session, args []js.Value) (any, error)

// method makes f a JavaScript function that runs it between frames and
// throws an Error when it fails. The Go function is never released: the
// API lives as long as the page.
func method(g *game, f apiFunc) js.Value {
	goFunc := js.FuncOf(func(_ js.Value, args []js.Value) any {
		var v any
		var err error
		// Do waits only for the frame in progress, which needs nothing from
		// the event loop, so blocking this callback is safe.
		g.Do(func(s *session.Session) { v, err = f(g, s, args) })
		if err != nil {
			return js.Global().Get("Error").New(err.Error())
		}
		return v
	})
	return throwing(goFunc.Value)
}

// throwing wraps a function so that a returned Error is thrown; a Go
// callback cannot throw by itself. Where the page forbids making functions
// from text (a Content-Security-Policy without 'unsafe-eval'), the Error is
// returned instead.
func throwing(f js.Value) (wrapped js.Value) {
	defer func() {
		if recover() != nil {
			wrapped = f
		}
	}()
	shim := js.Global().Get("Function").New("f",
		"return function(...a) { const r = f(...a); if (r instanceof Error) throw r; return r; };")
	return shim.Invoke(f)
}
