//go:build !js

package e2e

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"mentorsim/internal/testenv"
	"mentorsim/sim/param"
)

// staticServer is the command the README and docs/teaching.md give for
// serving the site; the test runs it with its own port, on loopback.
const staticServer = "python3 -m http.server --directory site 8000"

// The files `make site` must put in the site.
var siteFiles = []string{"index.html", "lesson.html", "app.js", "style.css", "wasm_exec.js", "mentorsim.wasm", "mentorsim.wasm.gz",
	"model.html", "worksheet.html", "parameters.html", "calibration.html"}

// TestStaticSite builds the site with `make site` and serves it exactly as
// the README and docs/teaching.md say, with Python's static file server:
// the lesson opens on its first step and walks to its last, the model page
// names every parameter, and every file the site's pages refer to loads.
func TestStaticSite(t *testing.T) {
	need(t)
	checkDocumented(t, "make site", staticServer)
	python, err := exec.LookPath("python3")
	if err != nil {
		testenv.Unavailable(t, "python3 is not installed, so the README's static-server command (python3 -m http.server) cannot be run here; apt-get install python3")
	}
	dir := buildSite(t)
	base := servePython(t, python, dir)

	// lesson.html, the link a teacher gives out, opens the lesson at step 1
	// with the site's SEED.
	if got := string(fetch(t, base+"lesson.html", "text/html")); !strings.Contains(got, "url=./?lesson=1&amp;seed=11") {
		t.Errorf("lesson.html does not open ?lesson=1&seed=11:\n%s", got)
	}
	p := openAt(t, base, "lesson=1&seed=11")
	// What the app cost the student: bytes over the network for the app's
	// files (transferSize: headers and body as sent), from the page's own
	// resource timings.
	sent := eval[float64](p, `performance.getEntriesByType("resource")
		.filter(e => /mentorsim\.wasm/.test(e.name)).reduce((n, e) => n + e.transferSize, 0)`)
	t.Logf("the app from %s: %.2f MB over the network; navigation to ready %v", staticServer, sent/1e6, p.ready)
	// Where the time to the first frame goes, in ms since navigation: the
	// download's end, compiled (instantiateStreaming overlaps the two), Go's
	// main started, the API ready (the first study set up), the first frame.
	timings := eval[string](p, `(() => {
		const at = (n) => { const m = performance.getEntriesByName(n); return m.length ? Math.round(m[m.length-1].startTime) : -1; };
		const r = performance.getEntriesByType("resource").filter(e => /mentorsim\.wasm/.test(e.name)).pop();
		return "download " + (r ? Math.round(r.responseEnd) : -1) + " ms, compiled " + at("mentorsim:compiled") +
			" ms, main " + at("mentorsim:main") + " ms, ready " + at("mentorsim:ready") + " ms, first frame " +
			Math.round(window.mentorsimFirstFrame || -1) + " ms";
	})()`)
	fmt.Printf("static site, first frame: %s (%.2f MB over the network)\n", timings, sent/1e6)
	if sent <= 0 || sent > maxTransfer {
		t.Errorf("the app took %.0f bytes over the network from the static server; want at most %d (3.2 MB)", sent, maxTransfer)
	}
	if s, l := p.lessonState(); l.Lesson != 1 || s.Notice != "" {
		t.Fatalf("?lesson=1 from the static site: lesson step %d, notice %q; want step 1, no notice", l.Lesson, s.Notice)
	}
	walkLesson(t, p)

	model := string(fetch(t, base+"model.html", "text/html"))
	for _, name := range param.Names() {
		if !strings.Contains(model, name) {
			t.Errorf("model.html does not mention the parameter %s", name)
		}
	}
	pages, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range pages {
		page = filepath.Base(page)
		refs, rooted := localRefs(fetch(t, base+page, "text/html"))
		if len(rooted) > 0 {
			t.Errorf("%s refers to %q from the host's root, which breaks when the site is in a folder; want relative URLs", page, rooted)
		}
		for _, ref := range refs {
			fetch(t, base+ref, "")
		}
	}
}

// checkDocumented fails unless the README and the teaching notes both give
// each command.
func checkDocumented(t *testing.T, commands ...string) {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []string{"README.md", "docs/teaching.md"} {
		text, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range commands {
			if !bytes.Contains(text, []byte(c)) {
				t.Errorf("%s does not give the command %q that this test runs", doc, c)
			}
		}
	}
}

// buildSite runs `make site` into a temporary directory and checks that it
// holds the site's files, the app also gzipped.
func buildSite(t *testing.T) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	cmd := exec.Command("make", "-s", "site", "SITE="+dir, "SEED=11")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make site: %v\n%s", err, out)
	}
	for _, f := range siteFiles {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("make site made no %s", f)
		}
	}
	wasm, err := os.ReadFile(filepath.Join(dir, "mentorsim.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	gz, err := os.Open(filepath.Join(dir, "mentorsim.wasm.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer gz.Close()
	zr, err := gzip.NewReader(gz)
	if err != nil {
		t.Fatalf("mentorsim.wasm.gz: %v", err)
	}
	if unzipped, err := io.ReadAll(zr); err != nil || !bytes.Equal(unzipped, wasm) {
		t.Errorf("mentorsim.wasm.gz is not mentorsim.wasm gzipped (%v)", err)
	}
	checkAppSize(t, wasm, gz.Name())
	return dir
}

// maxGzipped is the most the gzipped app may weigh: a class loads it at once
// over one shared network. maxTransfer is the most a student's browser may
// fetch for it from a static host that does not compress.
const (
	maxGzipped  = 3 << 20
	maxTransfer = 3_200_000
)

// checkAppSize checks the gzipped app's size, as make site writes it
// (gzip -9) and as mentorsim serve sends it (gzip's default level), and
// prints the sizes.
func checkAppSize(t *testing.T, wasm []byte, gzPath string) {
	t.Helper()
	fi, err := os.Stat(gzPath)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(wasm)
	zw.Close()
	t.Logf("mentorsim.wasm: %d bytes, %d gzipped by make site, %d by mentorsim serve", len(wasm), fi.Size(), buf.Len())
	for how, n := range map[string]int64{"make site's mentorsim.wasm.gz": fi.Size(), "mentorsim serve's gzip": int64(buf.Len())} {
		if n > maxGzipped {
			t.Errorf("%s: %d bytes; want at most %d (3 MiB)", how, n, maxGzipped)
		}
	}
}

// servePython serves dir with the README's command on a free loopback port
// until the test ends, and returns its base URL once it answers.
func servePython(t *testing.T, python, dir string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	var out bytes.Buffer
	args := strings.Fields(staticServer)[1:]
	args[slices.Index(args, "site")] = dir
	args[slices.Index(args, "8000")] = port
	cmd := exec.Command(python, append(args, "--bind", "127.0.0.1")...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	base := "http://127.0.0.1:" + port + "/"
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(50 * time.Millisecond) {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out.String())
		default:
		}
		if res, err := http.Get(base); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not answer on %s", strings.Join(cmd.Args, " "), base)
		}
	}
}

// openAt opens the app from another server than the one TestMain started
// (open reads env.site; tests in this package do not run in parallel).
func openAt(t *testing.T, base, query string) *page {
	t.Helper()
	old := env.site
	env.site = base
	defer func() { env.site = old }()
	return open(t, query)
}

// fetch GETs url, failing the test unless it answers 200 (and, if ctype is
// given, with that media type).
func fetch(t *testing.T, url, ctype string) []byte {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %s", url, res.Status)
	}
	if got := res.Header.Get("Content-Type"); ctype != "" && !strings.HasPrefix(got, ctype) {
		t.Errorf("GET %s: Content-Type %q, want %s", url, got, ctype)
	}
	return body
}

var refAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// localRefs lists the files a page refers to on its own host: by a
// relative URL, and from the host's root ("/..."), which breaks on a host
// that serves the site from a folder.
func localRefs(html []byte) (relative, rooted []string) {
	for _, m := range refAttr.FindAllSubmatch(html, -1) {
		ref := string(m[1])
		if i := strings.IndexAny(ref, "?#"); i >= 0 {
			ref = ref[:i]
		}
		switch {
		case ref == "", strings.Contains(ref, ":"): // the page itself, or a data: or http(s): URL
		case strings.HasPrefix(ref, "/"):
			rooted = append(rooted, ref)
		default:
			relative = append(relative, ref)
		}
	}
	slices.Sort(relative)
	return slices.Compact(relative), rooted
}
