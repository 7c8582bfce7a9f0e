//go:build !js

package e2e

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// env is what TestMain sets up for every test.
var env struct {
	err     error           // why the set-up failed; every test fails with it
	site    string          // base URL of the served page, e.g. http://127.0.0.1:41234/
	cli     string          // path of the built mentorsim command
	browser context.Context // a chromedp context whose browser is running
	output  *syncBuffer     // the browser's stdout and stderr
}

// verbose turns on chromedp's and the browser's logs.
var verbose = os.Getenv("MENTORSIM_E2E_VERBOSE") != ""

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	flag.Parse()
	if testing.Short() { // make check: no browser, no builds
		log.Print("e2e: skipped under -short (it builds the app and drives Chromium)")
		return 0
	}
	tmp, err := os.MkdirTemp("", "mentorsim-e2e-")
	if err != nil {
		log.Print(err)
		return 1
	}
	defer os.RemoveAll(tmp)
	start := time.Now()
	stop, err := setUp(tmp)
	defer stop()
	if err != nil {
		env.err = err
	} else if verbose {
		log.Printf("e2e: set-up took %v", time.Since(start).Round(time.Millisecond))
	}
	return m.Run()
}

// need returns after a successful set-up, and fails the test otherwise.
func need(t *testing.T) {
	t.Helper()
	if env.err != nil {
		t.Fatalf("end-to-end set-up failed: %v", env.err)
	}
}

// setUp builds the app and the command line, serves the site and starts
// the browser. stop undoes whatever was done, also after an error.
func setUp(tmp string) (stop func(), err error) {
	var stops []func()
	stop = func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	root, err := repoRoot()
	if err != nil {
		return stop, err
	}
	siteDir := filepath.Join(tmp, "site")
	env.cli = filepath.Join(tmp, "mentorsim")
	if err := buildAll(root, siteDir, env.cli); err != nil {
		return stop, err
	}
	mime.AddExtensionType(".wasm", "application/wasm")
	srv := httptest.NewServer(http.FileServer(http.Dir(siteDir)))
	stops = append(stops, srv.Close)
	env.site = srv.URL + "/"
	cancel, err := startBrowser(filepath.Join(tmp, "profile"))
	stops = append(stops, cancel)
	return stop, err
}

// repoRoot is the module's directory, the parent of this package's.
func repoRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("go env GOMOD: not inside the mentorsim module")
	}
	return filepath.Dir(mod), nil
}

// buildAll builds the site (web/'s files, wasm_exec.js and the app) into
// siteDir and the command line into cli, at the same time.
func buildAll(root, siteDir, cli string) error {
	if err := copySite(root, siteDir); err != nil {
		return err
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	wg.Go(func() {
		errs[0] = goBuild(root, []string{"GOOS=js", "GOARCH=wasm"}, filepath.Join(siteDir, "mentorsim.wasm"), "./wasm")
	})
	wg.Go(func() { errs[1] = goBuild(root, nil, cli, "./cmd/mentorsim") })
	wg.Wait()
	return errors.Join(errs...)
}

func goBuild(root string, envVars []string, out, pkg string) error {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), envVars...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s go build %s: %v\n%s", strings.Join(envVars, " "), pkg, err, b)
	}
	return nil
}

// minimalPage is the page used when web/index.html is missing.
const minimalPage = `<!doctype html>
<meta charset="utf-8">
<title>mentorsim</title>
<script src="wasm_exec.js"></script>
<script>
const go = new Go();
WebAssembly.instantiateStreaming(fetch("mentorsim.wasm"), go.importObject).then(r => go.run(r.instance));
</script>
`

// copySite copies web/'s files (the page, its script and style, and
// whatever `make web` added, but not a built app) and the Go distribution's
// wasm_exec.js into dir.
func copySite(root, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	wasmExec := filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js")
	if err := copyFile(wasmExec, filepath.Join(dir, "wasm_exec.js")); err != nil {
		return err
	}
	web := filepath.Join(root, "web")
	if _, err := os.Stat(filepath.Join(web, "index.html")); errors.Is(err, os.ErrNotExist) {
		return os.WriteFile(filepath.Join(dir, "index.html"), []byte(minimalPage), 0o644)
	}
	entries, err := os.ReadDir(web)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") || name == "mentorsim.wasm" || name == "wasm_exec.js" {
			continue
		}
		if err := copyFile(filepath.Join(web, name), filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// startBrowser starts headless Chromium with a fresh profile. WebGL (which
// Ebitengine needs) runs on SwiftShader, Chromium's software renderer.
func startBrowser(profile string) (cancel func(), err error) {
	path, err := exec.LookPath("chromium")
	if err != nil {
		return func() {}, fmt.Errorf("chromium is not installed or not on PATH (apt-get install chromium): %w", err)
	}
	env.output = &syncBuffer{}
	var output io.Writer = env.output
	if verbose {
		output = io.MultiWriter(env.output, os.Stderr)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox, // root in a container
		chromedp.WindowSize(1280, 800),
		chromedp.Flag("use-gl", "angle"),
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.CombinedOutput(output),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	quiet := func(string, ...any) {}
	logf := quiet
	if verbose {
		logf = log.Printf
	}
	ctx, cancelBrowser := chromedp.NewContext(allocCtx, chromedp.WithLogf(logf), chromedp.WithErrorf(logf))
	cancel = func() { cancelBrowser(); cancelAlloc() }
	// The first Run starts the browser; it lives as long as ctx.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err = <-started:
	case <-time.After(2 * time.Minute): // generous: a busy machine
		err = errors.New("timed out after 2 minutes")
	}
	if err != nil {
		err = fmt.Errorf("starting %s: %v", path, err)
		if out := strings.TrimSpace(env.output.String()); out != "" && !strings.Contains(err.Error(), out) {
			err = fmt.Errorf("%w\nbrowser output:\n%s", err, out)
		}
		return cancel, err
	}
	env.browser = ctx
	return cancel, nil
}

// syncBuffer is a bytes.Buffer that several goroutines may write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
