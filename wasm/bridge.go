//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"

	"mentorsim/ui"
	"mentorsim/ui/session"
)

// browser is the ui.Platform of a web page: the address bar, the clipboard
// and downloads. Its methods are called from the game's frames.
type browser struct {
	inputQueue          // the canvas's input events (input.go)
	game       *ui.Game // set once the game exists; a failed copy is reported through it
	copyFailed js.Func
}

func newBrowser() *browser {
	b := &browser{}
	b.copyFailed = js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "copy link failed: " + errorText(args)
		// A callback must not block, and the game may be mid-frame.
		go b.game.Do(func(s *session.Session) { s.Notice = msg })
		return nil
	})
	return b
}

// Share puts the query in the address bar, without a new history entry, so
// that the address reproduces the run (answers shown without a guess
// aside: a copied link asks for the guess).
func (b *browser) Share(query string) {
	js.Global().Get("history").Call("replaceState", nil, "", "?"+query)
}

// ShowIntro shows the page's introduction card (web/app.js). It is shown
// after the frame, since it moves the focus, and the page's handlers may
// call into the app.
func (b *browser) ShowIntro() {
	if show := js.Global().Get("mentorsimShowAbout"); show.Type() == js.TypeFunction {
		js.Global().Call("setTimeout", show, 0)
	}
}

// CopyLink starts copying the run's link to the clipboard. The clipboard
// answers later (a promise); a refusal replaces the notice.
func (b *browser) CopyLink(query string) (msg string, done bool) {
	defer recoverTo(&msg, "copy link")
	loc := js.Global().Get("location")
	link := loc.Get("origin").String() + loc.Get("pathname").String() + "?" + query
	clip := js.Global().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		return "copy link: the clipboard is unavailable (it needs https or localhost); the address bar has the link", false
	}
	clip.Call("writeText", link).Call("catch", b.copyFailed)
	return "link copied", true
}

// Export downloads the two files.
func (b *browser) Export(summaryJSON, repsCSV []byte) (msg string, done bool) {
	defer recoverTo(&msg, "export")
	download("summary.json", "application/json", summaryJSON)
	download("reps.csv", "text/csv", repsCSV)
	return "downloaded summary.json and reps.csv", true
}

// download saves data as a file through a Blob, an object URL and a
// temporary <a download> link.
func download(name, mimeType string, data []byte) {
	global := js.Global()
	bytes := global.Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(bytes, data)
	blob := global.Get("Blob").New([]any{bytes}, map[string]any{"type": mimeType})
	urlAPI := global.Get("URL")
	href := urlAPI.Call("createObjectURL", blob)
	doc := global.Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", href)
	a.Set("download", name)
	a.Get("style").Set("display", "none")
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// The download reads the blob after the click returns; free it later.
	global.Call("setTimeout", urlAPI.Get("revokeObjectURL").Call("bind", urlAPI), 60_000, href)
}

// recoverTo turns a JavaScript exception (a panic in syscall/js) into the
// message a Platform method returns (its done stays false).
func recoverTo(msg *string, what string) {
	if r := recover(); r != nil {
		*msg = fmt.Sprintf("%s failed: %v", what, r)
	}
}

// errorText is the message of a rejected promise's reason.
func errorText(args []js.Value) string {
	if len(args) == 0 {
		return "unknown error"
	}
	if m := args[0].Get("message"); args[0].Type() == js.TypeObject && m.Type() == js.TypeString {
		return m.String()
	}
	return js.Global().Get("String").Invoke(args[0]).String()
}

// fail shows a fatal error on the page and in the console, since the app
// cannot; window.mentorsimError holds it for tests.
func fail(err error) {
	msg := "mentorsim: " + err.Error()
	global := js.Global()
	global.Get("console").Call("error", msg)
	global.Set("mentorsimError", msg)
	if show := global.Get("mentorsimShowError"); show.Type() == js.TypeFunction {
		show.Invoke(msg) // the page's error card (web/app.js)
		return
	}
	doc := global.Get("document")
	pre := doc.Call("createElement", "pre")
	pre.Set("textContent", msg)
	pre.Get("style").Set("cssText", "color:#fff;background:#000;padding:1em;white-space:pre-wrap")
	doc.Get("body").Call("replaceChildren", pre)
}
