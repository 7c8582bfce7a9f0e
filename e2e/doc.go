// Package e2e holds mentorsim's end-to-end tests: the WebAssembly app in
// headless Chromium, driven with chromedp. TestMain builds the app and the
// command line, serves the page from a temporary directory and starts one
// browser; each test opens the page in a browser context of its own.
//
//	go test ./e2e                 # needs Chromium (apt-get install chromium)
//	MENTORSIM_SCREENSHOT_DIR=docs go test ./e2e -run TestPageLoadsAndDraws
//	MENTORSIM_E2E_VERBOSE=1 go test -v ./e2e   # with chromedp's and the browser's logs
//
// The browser renders WebGL in software (SwiftShader), so a machine needs no
// GPU or display.
package e2e
