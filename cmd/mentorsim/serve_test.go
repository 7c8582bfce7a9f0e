package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSite makes a built site in a temporary directory: index.html, a
// mentorsim.wasm of random (but compressible) bytes, wasm_exec.js and a few
// other types. It returns the site's directory and its files' contents.
// The site's parent holds go.mod containing "SECRET", for traversal tests.
func fakeSite(t testing.TB) (dir string, files map[string][]byte) {
	t.Helper()
	parent := t.TempDir()
	if err := os.WriteFile(filepath.Join(parent, "go.mod"), []byte("module SECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(parent, "web")
	r := rand.New(rand.NewPCG(1, 2))
	wasm := []byte("\x00asm\x01\x00\x00\x00")
	for len(wasm) < 1<<20 {
		wasm = append(wasm, byte(r.IntN(16))) // random, but 4 bits of entropy a byte
	}
	noise := make([]byte, 4096) // incompressible
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	files = map[string][]byte{
		"index.html":     []byte(strings.Repeat("<!doctype html><title>mentorsim</title><p>the page</p>\n", 20)),
		"mentorsim.wasm": wasm,
		"wasm_exec.js":   []byte(strings.Repeat("\"use strict\"; globalThis.Go = class {};\n", 50)),
		"style.css":      []byte(strings.Repeat("body { margin: 0; }\n", 20)),
		"summary.json":   []byte(`{"seed": 1, "arms": {` + strings.Repeat(`"mandatory_mentored": 110, `, 20) + `"x": 0}}` + "\n"),
		"reps.csv":       []byte(strings.Repeat("id,arm,ability\n1,broad,0.5\n", 20)),
		"MODEL.md":       []byte(strings.Repeat("# The model\n\nReps, mentors.\n", 20)),
		"noise.wasm":     noise,
		"sub/page.html":  []byte("<p>nested</p>\n"),
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, files
}

// get sends a request to h and returns the response with its body read.
func get(t testing.TB, h http.Handler, method, target string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

func TestServeContentTypes(t *testing.T) {
	dir, files := fakeSite(t)
	h := newSiteHandler(dir)
	cases := []struct{ path, file, ctype string }{
		{"/", "index.html", "text/html; charset=utf-8"},
		{"/index.html", "index.html", "text/html; charset=utf-8"},
		{"/?preset=insecure&seed=7", "index.html", "text/html; charset=utf-8"}, // the app keeps its state in the query
		{"/mentorsim.wasm", "mentorsim.wasm", "application/wasm"},
		{"/wasm_exec.js", "wasm_exec.js", "text/javascript"},
		{"/style.css", "style.css", "text/css"},
		{"/summary.json", "summary.json", "application/json"},
		{"/reps.csv", "reps.csv", "text/csv"},
		{"/MODEL.md", "MODEL.md", "text/plain; charset=utf-8"},
		{"/sub/page.html", "sub/page.html", "text/html; charset=utf-8"},
	}
	for _, c := range cases {
		res, body := get(t, h, "GET", c.path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", c.path, res.StatusCode)
			continue
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, c.ctype) {
			t.Errorf("GET %s: Content-Type %q, want %q", c.path, ct, c.ctype)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q, want no-cache", c.path, cc)
		}
		if !bytes.Equal(body, files[c.file]) {
			t.Errorf("GET %s: body is not %s's contents", c.path, c.file)
		}
	}
}

func TestServeGzipWhenAsked(t *testing.T) {
	dir, files := fakeSite(t)
	h := newSiteHandler(dir)
	for _, name := range []string{"index.html", "mentorsim.wasm", "wasm_exec.js", "style.css", "summary.json", "reps.csv", "MODEL.md"} {
		want := files[name]
		for _, ae := range []string{"gzip", "gzip, deflate, br, zstd", "br;q=1.0, GZIP;q=0.5"} {
			res, body := get(t, h, "GET", "/"+name, "Accept-Encoding", ae)
			if ce := res.Header.Get("Content-Encoding"); ce != "gzip" {
				t.Errorf("GET /%s with Accept-Encoding %q: Content-Encoding %q, want gzip", name, ae, ce)
				continue
			}
			checkVaryAndLength(t, name, res, body)
			if len(body) >= len(want) {
				t.Errorf("GET /%s gzipped: %d bytes, not smaller than %d", name, len(body), len(want))
			}
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("GET /%s: not gzip: %v", name, err)
			}
			got, err := io.ReadAll(zr)
			if err != nil {
				t.Fatalf("GET /%s: bad gzip: %v", name, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("GET /%s: decompressed body differs from the file", name)
			}
			if n := res.Header.Get("X-Uncompressed-Length"); n != strconv.Itoa(len(want)) {
				t.Errorf("GET /%s gzipped: X-Uncompressed-Length %q, want %d", name, n, len(want))
			}
		}
		for _, ae := range []string{"", "identity", "br, deflate", "gzip;q=0", "gzip; q=0.000"} {
			res, body := get(t, h, "GET", "/"+name, "Accept-Encoding", ae)
			if ce := res.Header.Get("Content-Encoding"); ce != "" {
				t.Errorf("GET /%s with Accept-Encoding %q: Content-Encoding %q, want none", name, ae, ce)
			}
			checkVaryAndLength(t, name, res, body)
			if !bytes.Equal(body, want) {
				t.Errorf("GET /%s with Accept-Encoding %q: body is not the file", name, ae)
			}
		}
	}

	// HEAD: the same headers, no body.
	res, body := get(t, h, "HEAD", "/mentorsim.wasm", "Accept-Encoding", "gzip")
	if res.Header.Get("Content-Encoding") != "gzip" || len(body) != 0 {
		t.Errorf("HEAD /mentorsim.wasm: Content-Encoding %q, %d body bytes; want gzip, none", res.Header.Get("Content-Encoding"), len(body))
	}
	if n, _ := strconv.Atoi(res.Header.Get("Content-Length")); n <= 0 || n >= len(files["mentorsim.wasm"]) {
		t.Errorf("HEAD /mentorsim.wasm: Content-Length %q, want the gzipped size", res.Header.Get("Content-Length"))
	}

	// What gzip cannot shrink goes as it is.
	res, body = get(t, h, "GET", "/noise.wasm", "Accept-Encoding", "gzip")
	if ce := res.Header.Get("Content-Encoding"); ce != "" || !bytes.Equal(body, files["noise.wasm"]) {
		t.Errorf("GET /noise.wasm (incompressible): Content-Encoding %q, body equal %v; want identity", ce, bytes.Equal(body, files["noise.wasm"]))
	}
}

func checkVaryAndLength(t *testing.T, name string, res *http.Response, body []byte) {
	t.Helper()
	if v := res.Header.Get("Vary"); !strings.Contains(v, "Accept-Encoding") {
		t.Errorf("GET /%s: Vary %q, want Accept-Encoding", name, v)
	}
	if cl := res.Header.Get("Content-Length"); cl != strconv.Itoa(len(body)) {
		t.Errorf("GET /%s: Content-Length %q, body has %d bytes", name, cl, len(body))
	}
}

// A file is compressed once per version: a rebuilt file is compressed
// anew, and the old version's bytes are dropped.
func TestServeGzipFollowsModTime(t *testing.T) {
	dir, files := fakeSite(t)
	h := newSiteHandler(dir)
	path := filepath.Join(dir, "mentorsim.wasm")
	gunzip := func() []byte {
		t.Helper()
		res, body := get(t, h, "GET", "/mentorsim.wasm", "Accept-Encoding", "gzip")
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil || res.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("not gzipped: %v", err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	if !bytes.Equal(gunzip(), files["mentorsim.wasm"]) {
		t.Fatal("first version differs")
	}
	first := h.gz["mentorsim.wasm"]
	gunzip()
	if h.gz["mentorsim.wasm"] != first {
		t.Error("an unchanged file was compressed again")
	}

	rebuilt := append(bytes.Repeat([]byte("rebuilt "), 1000), files["mentorsim.wasm"][:1000]...)
	if err := os.WriteFile(path, rebuilt, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gunzip(), rebuilt) {
		t.Error("after a rebuild, the old version was served")
	}
	if len(h.gz) != 1 {
		t.Errorf("cache holds %d versions, want 1", len(h.gz))
	}
}

// Many browsers asking at once share one compression.
func TestServeGzipConcurrent(t *testing.T) {
	dir, files := fakeSite(t)
	h := newSiteHandler(dir)
	var wg sync.WaitGroup
	bodies := make([][]byte, 8)
	for i := range bodies {
		wg.Go(func() {
			req := httptest.NewRequest("GET", "/mentorsim.wasm", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			bodies[i] = rec.Body.Bytes()
		})
	}
	wg.Wait()
	for i, b := range bodies {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("response %d: %v", i, err)
		}
		got, _ := io.ReadAll(zr)
		if !bytes.Equal(got, files["mentorsim.wasm"]) {
			t.Errorf("response %d differs from the file", i)
		}
	}
}

// No request reads a file outside the site: not with "..", encoded or not,
// not with an absolute path, not through a symlink.
func TestServeRefusesPathsOutsideTheSite(t *testing.T) {
	dir, _ := fakeSite(t)
	parent := filepath.Dir(dir)
	secret := filepath.Join(parent, "go.mod")
	if err := os.Symlink(secret, filepath.Join(dir, "leak.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(parent, filepath.Join(dir, "up")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../go.mod", filepath.Join(dir, "rel.md")); err != nil {
		t.Fatal(err)
	}
	targets := []string{
		"/../go.mod",
		"/%2e%2e/go.mod",
		"/%2E%2E/go.mod",
		"/..%2fgo.mod",
		"/..%2Fgo.mod",
		"/%2e%2e%2fgo.mod",
		"/sub/../../go.mod",
		"/sub/%2e%2e/%2e%2e/go.mod",
		"/..\\go.mod",
		"/..%5cgo.mod",
		"/" + secret,
		"/" + filepath.ToSlash(secret),
		"/leak.txt",
		"/up/go.mod",
		"/rel.md",
		"http://example.com/../go.mod",
		"/.%2e/go.mod",
		"/index.html%00../../go.mod",
	}
	h := newSiteHandler(dir)
	for _, target := range targets {
		for _, ae := range []string{"", "gzip"} {
			res, body := get(t, h, "GET", target, "Accept-Encoding", ae)
			if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusBadRequest {
				t.Errorf("GET %s: status %d, want 404 or 400", target, res.StatusCode)
			}
			if bytes.Contains(body, []byte("SECRET")) || res.Header.Get("Content-Encoding") != "" {
				t.Errorf("GET %s: served the file outside the site", target)
			}
		}
	}

	// The same through a real server and the raw request line, which no
	// client library cleans up first.
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, target := range []string{"/../go.mod", "/%2e%2e/go.mod", "/..%2fgo.mod", "/./../go.mod", "/leak.txt", "/up/go.mod"} {
		status, body := rawGet(t, srv.Listener.Addr().String(), target)
		if status != http.StatusNotFound && status != http.StatusBadRequest {
			t.Errorf("raw GET %s: status %d, want 404 or 400", target, status)
		}
		if bytes.Contains(body, []byte("SECRET")) {
			t.Errorf("raw GET %s: served the file outside the site", target)
		}
	}
}

// rawGet sends "GET target HTTP/1.1" as written and returns the status and body.
func rawGet(t *testing.T, addr, target string) (int, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, body
}

// A symlink within the site to a file within the site is fine.
func TestServeFollowsSymlinksInsideTheSite(t *testing.T) {
	dir, files := fakeSite(t)
	if err := os.Symlink("sub/page.html", filepath.Join(dir, "alias.html")); err != nil {
		t.Fatal(err)
	}
	res, body := get(t, newSiteHandler(dir), "GET", "/alias.html")
	if res.StatusCode != http.StatusOK || !bytes.Equal(body, files["sub/page.html"]) {
		t.Errorf("GET /alias.html: status %d, want 200 and sub/page.html", res.StatusCode)
	}
}

func TestServeMissingAndOddRequests(t *testing.T) {
	dir, _ := fakeSite(t)
	h := newSiteHandler(dir)
	cases := []struct {
		method, target string
		status         int
	}{
		{"GET", "/nope.js", http.StatusNotFound},
		{"GET", "/sub/nope.html", http.StatusNotFound},
		{"GET", "/sub", http.StatusNotFound},  // no directory listings
		{"GET", "/sub/", http.StatusNotFound}, // nor index pages below the top
		{"GET", "/.git/config", http.StatusBadRequest},
		{"POST", "/", http.StatusMethodNotAllowed},
		{"DELETE", "/mentorsim.wasm", http.StatusMethodNotAllowed},
	}
	for _, c := range cases {
		res, _ := get(t, h, c.method, c.target)
		if res.StatusCode != c.status {
			t.Errorf("%s %s: status %d, want %d", c.method, c.target, res.StatusCode, c.status)
		}
	}
}

// A browser revalidating an unchanged file gets 304, per encoding.
func TestServeRevalidation(t *testing.T) {
	dir, _ := fakeSite(t)
	h := newSiteHandler(dir)
	for _, ae := range []string{"", "gzip"} {
		res, _ := get(t, h, "GET", "/mentorsim.wasm", "Accept-Encoding", ae)
		etag := res.Header.Get("ETag")
		if etag == "" {
			t.Fatalf("no ETag (Accept-Encoding %q)", ae)
		}
		res, body := get(t, h, "GET", "/mentorsim.wasm", "Accept-Encoding", ae, "If-None-Match", etag)
		if res.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("If-None-Match %s: status %d with %d bytes, want 304 and none", etag, res.StatusCode, len(body))
		}
	}
	plain, _ := get(t, h, "GET", "/mentorsim.wasm")
	gz, _ := get(t, h, "GET", "/mentorsim.wasm", "Accept-Encoding", "gzip")
	if plain.Header.Get("ETag") == gz.Header.Get("ETag") {
		t.Error("the gzipped and identity responses share an ETag")
	}
}

// A range of a gzipped response is a range of the gzipped bytes, with its
// own length.
func TestServeRangeOfGzip(t *testing.T) {
	dir, _ := fakeSite(t)
	h := newSiteHandler(dir)
	_, whole := get(t, h, "GET", "/mentorsim.wasm", "Accept-Encoding", "gzip")
	res, part := get(t, h, "GET", "/mentorsim.wasm", "Accept-Encoding", "gzip", "Range", "bytes=10-19")
	if res.StatusCode != http.StatusPartialContent || res.Header.Get("Content-Length") != "10" || !bytes.Equal(part, whole[10:20]) {
		t.Errorf("Range 10-19: status %d, Content-Length %q, %d bytes; want 206, 10 and those bytes of the gzip",
			res.StatusCode, res.Header.Get("Content-Length"), len(part))
	}
	res, _ = get(t, h, "GET", "/mentorsim.wasm", "Accept-Encoding", "gzip", "Range", "bytes=99999999-")
	if res.StatusCode != http.StatusRequestedRangeNotSatisfiable || res.Header.Get("Content-Encoding") != "" {
		t.Errorf("unsatisfiable range: status %d, Content-Encoding %q; want 416 and none", res.StatusCode, res.Header.Get("Content-Encoding"))
	}
}

func TestServeAddrMustBeLoopback(t *testing.T) {
	dir, _ := fakeSite(t)
	for _, addr := range []string{"0.0.0.0:8080", ":8080", "192.168.1.10:8080", "[::]:8080", "example.com:80", "8080", "127.0.0.1:http", "127.0.0.1:70000"} {
		code, stdout, stderr := cli(t, "serve", "-addr", addr, "-dir", dir)
		checkBadInput(t, code, stdout, stderr, "addr", strconv.Quote(addr))
	}
	code, stdout, stderr := cli(t, "serve", "-addr", "0.0.0.0:8080", "-dir", dir)
	checkBadInput(t, code, stdout, stderr, "loopback", "-public")

	for _, addr := range []string{"127.0.0.1:8080", "127.0.0.2:0", "[::1]:8080", "localhost:8080", "LOCALHOST:1"} {
		if err := checkServeAddr(addr, false); err != nil {
			t.Errorf("%s refused: %v", addr, err)
		}
	}
	for _, addr := range []string{"0.0.0.0:8080", ":8080", "192.168.1.10:80"} {
		if err := checkServeAddr(addr, true); err != nil {
			t.Errorf("%s with -public refused: %v", addr, err)
		}
	}
}

// Without a built site, serve stops at once with one line saying to run
// make serve.
func TestServeMissingSite(t *testing.T) {
	noWasm := t.TempDir()
	if err := os.WriteFile(filepath.Join(noWasm, "index.html"), []byte("<p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	noIndex := t.TempDir()
	if err := os.WriteFile(filepath.Join(noIndex, "mentorsim.wasm"), []byte("\x00asm"), 0o644); err != nil {
		t.Fatal(err)
	}
	aFile := filepath.Join(noWasm, "index.html")
	cases := []struct{ dir, missing string }{
		{filepath.Join(t.TempDir(), "web"), "does not exist"},
		{aFile, "not a directory"},
		{noWasm, "mentorsim.wasm"},
		{noIndex, "index.html"},
	}
	for _, c := range cases {
		code, stdout, stderr := cli(t, "serve", "-addr", "127.0.0.1:0", "-dir", c.dir)
		if code != 1 || stdout != "" {
			t.Errorf("-dir %s: exit status %d, stdout %q; want 1 and nothing", c.dir, code, stdout)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
			t.Errorf("-dir %s: want one line on stderr, got %q", c.dir, stderr)
		}
		for _, want := range []string{c.dir, c.missing, "make serve"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("-dir %s: message %q does not mention %q", c.dir, stderr, want)
			}
		}
	}
}

// A port in use is reported in one line that suggests -addr.
func TestServePortInUse(t *testing.T) {
	dir, _ := fakeSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	code, stdout, stderr := cli(t, "serve", "-addr", ln.Addr().String(), "-dir", dir)
	if code != 1 || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "-addr") {
		t.Errorf("port in use: exit status %d, stdout %q, stderr %q; want 1, nothing, one line suggesting -addr", code, stdout, stderr)
	}
}

// serve logs the URL to open, serves, and stops cleanly on SIGTERM.
func TestServeRunsAndStopsOnSignal(t *testing.T) {
	dir, files := fakeSite(t)
	out := &syncBuffer{}
	exit := make(chan int, 1)
	go func() { exit <- mainArgs([]string{"serve", "-addr", "127.0.0.1:0", "-dir", dir}, out, out) }()

	var url string
	for deadline := time.Now().Add(time.Minute); url == ""; { // generous: a busy machine
		if time.Now().After(deadline) {
			t.Fatalf("no URL logged; output %q", out.String())
		}
		if line, ok := strings.CutSuffix(out.String(), "\n"); ok {
			if strings.Count(line, "\n") != 0 {
				t.Fatalf("want one line at start, got %q", out.String())
			}
			for f := range strings.FieldsSeq(line) {
				if strings.HasPrefix(f, "http://127.0.0.1:") {
					url = f
				}
			}
			if url == "" {
				t.Fatalf("logged line %q has no loopback URL", line)
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	res, err := http.Get(url + "mentorsim.wasm") // the client asks for gzip and undoes it
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !bytes.Equal(body, files["mentorsim.wasm"]) || !res.Uncompressed {
		t.Errorf("GET %smentorsim.wasm: body equal %v, was gzipped %v; want both", url, bytes.Equal(body, files["mentorsim.wasm"]), res.Uncompressed)
	}

	stopServe(t, exit)
}

// serveSite returns once its context is done, and serves no more.
func TestServeSiteShutsDown(t *testing.T) {
	dir, _ := fakeSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveSite(ctx, ln, newSiteHandler(dir)) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serveSite: %v", err)
		}
	case <-time.After(time.Minute): // generous: a busy machine
		t.Fatal("serveSite did not return")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("still serving after shutdown")
	}
}

// A request in flight when serveSite's context ends gets its whole answer:
// the server stops taking connections, lets the request finish, then
// returns.
func TestServeSiteDrainsRequestsInFlight(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	entered, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "the whole answer")
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveSite(ctx, ln, h) }()
	type reply struct {
		body string
		err  error
	}
	got := make(chan reply, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- reply{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		got <- reply{string(b), err}
	}()
	<-entered
	cancel()
	// Shutting down: new connections are refused (poll: it takes a moment).
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) { // generous: a busy machine
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("serveSite still takes connections a minute after its context ended")
		}
	}
	select {
	case err := <-done:
		t.Fatalf("serveSite returned with a request in flight: %v", err)
	default:
	}
	close(release)
	if r := <-got; r.err != nil || r.body != "the whole answer" {
		t.Errorf("the request in flight got %q, %v; want the whole answer", r.body, r.err)
	}
	if err := <-done; err != nil {
		t.Errorf("serveSite: %v", err)
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Serving the (already compressed) app: the cost of a page load after the first.
func BenchmarkServeWasmGzip(b *testing.B) {
	dir, files := fakeSite(b)
	h := newSiteHandler(dir)
	get(b, h, "GET", "/mentorsim.wasm", "Accept-Encoding", "gzip")
	b.SetBytes(int64(len(files["mentorsim.wasm"])))
	for b.Loop() {
		req := httptest.NewRequest("GET", "/mentorsim.wasm", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}

// Compressing a file the first time it is asked for.
func BenchmarkServeWasmCompress(b *testing.B) {
	dir, files := fakeSite(b)
	b.SetBytes(int64(len(files["mentorsim.wasm"])))
	for b.Loop() {
		h := newSiteHandler(dir)
		req := httptest.NewRequest("GET", "/mentorsim.wasm", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}
