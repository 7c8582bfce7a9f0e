//go:build !js

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"mentorsim/ui/session"
)

// testTimeout bounds each test.
const testTimeout = 5 * time.Minute // generous: polls end as soon as their condition holds

// The page's viewport in CSS pixels, at a device scale of 1.
const viewportW, viewportH = 1280, 800

// page is the app open in a tab of a browser context of its own (its own
// storage), with what the page logged.
type page struct {
	t       *testing.T
	ctx     context.Context
	mu      sync.Mutex
	console []string
	close   func() // closes the tab and its browser context; idempotent

	loaded, ready time.Duration // from the start of navigation
}

// state is what window.mentorsim.state() reports: the app's own type, so
// that the tests read the contract, not a copy of it.
type state = session.PageState

// open opens the page with the query string (without '?') in a new browser
// context and waits until the app is ready. On failure the test reports the
// page's console.
func open(t *testing.T, query string) *page {
	t.Helper()
	need(t)
	tab, cancelTab := chromedp.NewContext(env.browser, chromedp.WithNewBrowserContext())
	ctx, cancel := context.WithTimeout(tab, testTimeout)
	p := &page{t: t, ctx: ctx}
	p.close = sync.OnceFunc(func() {
		if t.Failed() {
			p.dumpConsole()
		}
		cancel()
		cancelTab()
	})
	t.Cleanup(p.close)
	if err := chromedp.Listen(ctx, p.record); err != nil {
		t.Fatalf("opening a tab: %v\nbrowser output:\n%s", err, env.output.String())
	}
	start := time.Now()
	url := env.site
	if query != "" {
		url += "?" + query
	}
	// The app's design size, whatever the headless window's frame takes.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewportW, viewportH), chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigating to %s: %v", url, err)
	}
	p.loaded = time.Since(start)
	// Ready, or a reason it never will be: the app's own failure, or the
	// page's error card (web/app.js).
	res, err := chromedp.Run(ctx, chromedp.Poll[string](`
		window.mentorsimError ? "error: " + window.mentorsimError :
		(document.getElementById("error") && !document.getElementById("error").hidden) ?
			"error: " + document.getElementById("error").innerText :
		window.mentorsimReady === true ? "ready" : false`,
		chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(testTimeout)))
	if err != nil {
		t.Fatalf("waiting for window.mentorsimReady: %v", err)
	}
	if res != "ready" {
		t.Fatalf("the app did not start: %s", res)
	}
	p.ready = time.Since(start)
	return p
}

// waitDay waits, playing, until the run has reached day, for at most
// testTimeout: a run that stops fails the test rather than hanging it.
func (p *page) waitDay(day int) {
	p.t.Helper()
	deadline := time.Now().Add(testTimeout)
	for p.state().Day < day {
		if time.Now().After(deadline) {
			p.t.Fatalf("the run never reached day %d in %v (it is at day %d)", day, testTimeout, p.state().Day)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// record keeps the page's console messages and uncaught exceptions. It runs
// on chromedp's reading goroutine, so it only appends.
func (p *page) record(ev any) {
	var line string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		var parts []string
		for _, a := range ev.Args {
			if len(a.Value) > 0 {
				var s string
				if json.Unmarshal(a.Value, &s) == nil {
					parts = append(parts, s)
					continue
				}
				parts = append(parts, string(a.Value))
			} else {
				parts = append(parts, a.Description)
			}
		}
		line = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " "))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		line = "uncaught: " + d.Text
		if d.Exception != nil {
			line += " " + d.Exception.Description
		}
	default:
		return
	}
	p.mu.Lock()
	p.console = append(p.console, line)
	p.mu.Unlock()
}

func (p *page) dumpConsole() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.console) == 0 {
		return
	}
	p.t.Logf("the page's console:\n%s", strings.Join(p.console, "\n"))
}

// eval evaluates a JavaScript expression and decodes its value into T.
func eval[T any](p *page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

func (p *page) do(expr string) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Evaluate[chromedp.Void](expr)); err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
}

func (p *page) state() state {
	p.t.Helper()
	var s state
	text := eval[string](p, "window.mentorsim.state()")
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		p.t.Fatalf("state() is not the documented JSON: %v\n%s", err, text)
	}
	return s
}

// waitFrames waits until the app has drawn n more frames.
func (p *page) waitFrames(n int) {
	p.t.Helper()
	target := p.state().Frames + int64(n)
	expr := fmt.Sprintf("JSON.parse(window.mentorsim.state()).frames >= %d", target)
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(10*time.Millisecond),
		chromedp.WithPollingTimeout(testTimeout))); err != nil {
		p.t.Fatalf("waiting for %d frames (drawn: %d): %v", n, p.state().Frames, err)
	}
}

// dismissIntro closes the introduction card that web/app.js shows over the
// app on a first visit (as its button does, which also focuses the canvas).
func (p *page) dismissIntro() {
	p.t.Helper()
	p.do(`(() => {
		const about = document.getElementById("about"), go = document.getElementById("about-go");
		if (about && go && !about.hidden) go.click();
	})()`)
}

// pressKey presses and releases a key on the canvas. It holds the key until
// the app has run two updates after the press reached the page (the CDP
// call returns once the page's handlers have run): the app handles its
// queued keys in its next update, and a busy machine may run fewer than
// ten a second, so counting from before the press could end before it.
func (p *page) pressKey(key, code string, keyCode int64, text string) {
	p.t.Helper()
	p.do(`document.querySelector("canvas").focus()`)
	down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: text,
		UnmodifiedText: text, WindowsVirtualKeyCode: keyCode, NativeVirtualKeyCode: keyCode}
	up := down
	up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
	p.dispatch(send(input.DispatchKeyEvent, down))
	p.settle()
	p.dispatch(send(input.DispatchKeyEvent, up))
}

// allowDownloads saves the page's downloads in dir.
func (p *page) allowDownloads(dir string) {
	p.t.Helper()
	_, err := chromedp.CallBrowser(p.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllow,
		BrowserContextID: chromedp.FromContext(p.ctx).BrowserContextID,
		DownloadPath:     dir,
	})
	if err != nil {
		p.t.Fatalf("allowing downloads: %v", err)
	}
}

// grant gives the page's origin the permissions.
func (p *page) grant(names ...string) {
	p.t.Helper()
	for _, name := range names {
		_, err := chromedp.CallBrowser(p.ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission:       &browser.PermissionDescriptor{Name: name},
			Setting:          browser.PermissionSettingGranted,
			Origin:           strings.TrimSuffix(env.site, "/"),
			BrowserContextID: chromedp.FromContext(p.ctx).BrowserContextID,
		})
		if err != nil {
			p.t.Fatalf("granting %s: %v", name, err)
		}
	}
}

// screenshot is a PNG of the canvas as shown on the page.
func (p *page) screenshot() []byte {
	p.t.Helper()
	b, err := chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS("canvas")))
	if err != nil {
		p.t.Fatalf("screenshot of the canvas: %v", err)
	}
	return b
}

// colourStats decodes a PNG and reports its size, the share of pixels that
// differ from the most common colour (the background) and the number of
// distinct colours.
func colourStats(pngData []byte) (bounds image.Rectangle, nonBackground float64, colours int, err error) {
	img, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		return image.Rectangle{}, 0, 0, err
	}
	counts := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	total := b.Dx() * b.Dy()
	if total == 0 {
		return b, 0, 0, nil
	}
	return b, float64(total-most) / float64(total), len(counts), nil
}
