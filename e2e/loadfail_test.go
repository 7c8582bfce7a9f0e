//go:build !js

package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestLoadFailureSaysWhatToDo: where the app's file comes back as a web
// page (a Wi-Fi sign-in or a login page in front of the site), the error
// card says so in words a student can act on, with what the browser saw
// below it for whoever helps: from the page's type where the server gives
// it, else from the browser's own message about the bytes.
func TestLoadFailureSaysWhatToDo(t *testing.T) {
	need(t)
	site, err := url.Parse(env.site)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ ctype, detail string }{
		{"text/html; charset=utf-8", "text/html"},
		{"application/octet-stream", "magic word"}, // Chromium's words for bytes that are not WebAssembly
	} {
		proxy := httputil.NewSingleHostReverseProxy(site)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(path.Base(r.URL.Path), "mentorsim.wasm") {
				w.Header().Set("Content-Type", tc.ctype)
				io.WriteString(w, "<!doctype html><title>Sign in to the Wi-Fi</title><p>Sign in to continue.")
				return
			}
			proxy.ServeHTTP(w, r)
		}))
		defer srv.Close()
		tab, cancelTab := chromedp.NewContext(env.browser, chromedp.WithNewBrowserContext())
		defer cancelTab()
		ctx, cancel := context.WithTimeout(tab, testTimeout)
		defer cancel()
		type errorCard struct{ Message, Detail string }
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
			t.Fatal(err)
		}
		card, err := chromedp.Run(ctx, chromedp.Poll[errorCard](`!document.getElementById("error").hidden &&
			{message: document.getElementById("error-message").textContent, detail: document.getElementById("error-detail").textContent}`,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(testTimeout)))
		if err != nil {
			t.Fatalf("%s: waiting for the error card: %v", tc.ctype, err)
		}
		if !strings.Contains(card.Message, "sent a web page instead of the simulator") || !strings.Contains(card.Message, "sign in") {
			t.Errorf("%s: the error card says %q; want that a web page came instead of the simulator, and to sign in", tc.ctype, card.Message)
		}
		if !strings.Contains(card.Detail, tc.detail) {
			t.Errorf("%s: the error card's detail is %q; want %q in it", tc.ctype, card.Detail, tc.detail)
		}
	}
}
