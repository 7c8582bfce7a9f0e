package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mentorsim/sim/param"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The files a built site must hold; `make web` puts them there.
const (
	siteIndex = "index.html"
	siteWasm  = "mentorsim.wasm"
)

// cmdServe serves the built web page (web/index.html, the WebAssembly app
// and wasm_exec.js) over HTTP until SIGINT or SIGTERM.
func cmdServe(args []string, stdout io.Writer) error {
	flags := newFlags("serve")
	addr := flags.String("addr", "127.0.0.1:8080", "host:port to listen on (a loopback address unless -public)")
	dir := flags.String("dir", "web", "the built site: index.html, mentorsim.wasm, wasm_exec.js")
	public := flags.Bool("public", false, "allow an -addr that is not a loopback address, and print the addresses a class can open and the class link's QR code (also on the page /qr.html)")
	seed := flags.String("seed", strconv.FormatUint(param.DefaultSeed, 10), "with -public: the seed the class link opens the lesson with, so every student sees the teacher's numbers")
	if err := parse(flags, args); err != nil {
		return err
	}
	if err := checkServeAddr(*addr, *public); err != nil {
		return err
	}
	classSeed, err := param.ParseSeed(*seed)
	if err != nil {
		return err
	}
	if err := checkSite(*dir); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("%v (is another server using it? choose another port with -addr)", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	site := newSiteHandler(*dir)
	go site.warm(siteWasm) // compress the big file before the browser asks for it
	var h http.Handler = site
	if *public {
		if h, err = announceClass(stdout, *dir, ln.Addr(), site, classSeed); err != nil {
			ln.Close()
			return err
		}
	} else {
		fmt.Fprintf(stdout, "mentorsim serve: open %s (serving %s; Ctrl-C stops)\n", urlsFor(ln.Addr(), nil).local, *dir) // a loopback address
	}
	return serveSite(ctx, ln, writeDeadlines(h, writeStall, responseLimit))
}

// announceClass prints where a class reaches the server on ln's address,
// and returns the site with the projector's page of the class link beside
// it (when there is a class link).
func announceClass(stdout io.Writer, dir string, addr net.Addr, site http.Handler, seed uint64) (http.Handler, error) {
	u := urlsFor(addr, lanIPs())
	if u.link == "" {
		printClass(stdout, dir, u, seed, "")
		return site, nil
	}
	lesson := lessonLink(u.link, seed)
	q, err := classQR(lesson)
	if err != nil {
		return nil, err
	}
	h, err := newClassHandler(site, u.link, lesson, q)
	if err != nil {
		return nil, err
	}
	printClass(stdout, dir, u, seed, terminalQR(q))
	return h, nil
}

// checkServeAddr accepts host:port with a numeric port and, unless public,
// a loopback host: "localhost" or a loopback IP (an empty host means every
// interface, so it is not loopback).
func checkServeAddr(addr string, public bool) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return bad("addr: %q is not allowed; want host:port, e.g. 127.0.0.1:8080", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return bad("addr: %q is not allowed; the port must be a number from 0 to 65535", addr)
	}
	if public || isLoopbackHost(host) {
		return nil
	}
	return bad("addr: %q is not allowed; want a loopback host (127.0.0.1, ::1 or localhost), or add -public to listen on other addresses", addr)
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkSite fails, in one line, unless dir holds a built site.
func checkSite(dir string) error {
	info, err := os.Stat(dir)
	switch {
	case err != nil && errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("site directory %s does not exist; run `make serve` in the repository, which builds the app into web/ and serves it", dir)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("site directory %s is not a directory; run `make serve` in the repository, which builds the app into web/ and serves it", dir)
	}
	for _, name := range []string{siteIndex, siteWasm} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("%s has no %s (the app is not built); run `make serve` in the repository, which builds it and serves it", dir, name)
		}
	}
	return nil
}

// The server's timeouts. A request's headers must arrive within
// readHeaderTimeout, and an idle keep-alive connection is closed after
// idleTimeout. Writing has no fixed timeout per response, since a class of
// 40 on one wifi may take minutes to fetch the app (16 MB, 4 MB gzipped: at
// 1 Mbit/s each, 30 s gzipped and 2 minutes not): instead a reader that
// takes nothing for writeStall is dropped, and no response may take longer
// than responseLimit (the gzipped app at 4 KB/s). So a client that stops
// reading holds its connection 30 s, not for ever.
const (
	readHeaderTimeout = 10 * time.Second
	idleTimeout       = 2 * time.Minute
	writeStall        = 30 * time.Second
	responseLimit     = 15 * time.Minute
)

// serveSite serves h on ln until ctx is done, then shuts down, letting
// requests in flight finish for a few seconds.
func serveSite(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		IdleTimeout:       idleTimeout,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// writeDeadlines gives each response of h until stall to make progress (a
// write of up to writeChunk bytes), and limit in all.
func writeDeadlines(h http.Handler, stall, limit time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dw := &deadlineWriter{ResponseWriter: w, rc: http.NewResponseController(w), stall: stall, end: time.Now().Add(limit)}
		dw.extend() // also for a response with no body, and replacing the last one's deadline
		h.ServeHTTP(dw, r)
	})
}

// writeChunk is how much one write may send before the deadline moves.
const writeChunk = 32 << 10

// A deadlineWriter moves the connection's write deadline on before every
// chunk it writes. It hides the ResponseWriter's ReadFrom, so that a file
// is copied in chunks rather than sent in one go.
type deadlineWriter struct {
	http.ResponseWriter
	rc    *http.ResponseController
	stall time.Duration
	end   time.Time
}

func (d *deadlineWriter) extend() {
	t := time.Now().Add(d.stall)
	if t.After(d.end) {
		t = d.end
	}
	_ = d.rc.SetWriteDeadline(t) // only fails where deadlines are not supported (tests' recorders)
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		d.extend()
		m, err := d.ResponseWriter.Write(p[:min(len(p), writeChunk)])
		n += m
		if err != nil {
			return n, err
		}
		p = p[m:]
	}
	return n, nil
}

// Unwrap lets http.ResponseController reach the connection.
func (d *deadlineWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }

// siteHandler serves the files under dir, and nothing outside it: paths
// with a ".." segment are refused, and files are opened with os.OpenInRoot,
// which refuses symlinks that lead out of dir. Compressible files are sent
// gzipped to clients that accept it, each compressed once per modification.
type siteHandler struct {
	dir string

	mu sync.Mutex
	gz map[string]*gzFile // by name within dir
}

// A gzFile is one version (modification time and size) of a file,
// compressed once.
type gzFile struct {
	mod  time.Time
	size int64

	once sync.Once
	data []byte // nil if it could not be compressed (or is not smaller)
}

func newSiteHandler(dir string) *siteHandler {
	return &siteHandler{dir: dir, gz: map[string]*gzFile{}}
}

// contentTypes are the types this site serves; others come from the mime
// package, else application/octet-stream.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".json": "application/json",
	".csv":  "text/csv; charset=utf-8",
	".md":   "text/plain; charset=utf-8", // shown as text by every browser
	".txt":  "text/plain; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
}

// compressible lists the extensions worth gzipping.
var compressible = map[string]bool{
	".html": true, ".js": true, ".mjs": true, ".css": true, ".wasm": true,
	".json": true, ".csv": true, ".md": true, ".txt": true, ".svg": true,
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

func (h *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := siteName(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	f, err := os.OpenInRoot(h.dir, name)
	if err != nil {
		http.NotFound(w, r) // missing, or a symlink leading out of dir
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r) // directories are not listed
		return
	}

	hdr := w.Header()
	hdr.Set("Content-Type", contentType(name))
	hdr.Set("Cache-Control", "no-cache") // revalidate, so a rebuilt app is picked up
	hdr.Set("X-Content-Type-Options", "nosniff")
	etag := fmt.Sprintf("%x-%x", info.Size(), info.ModTime().UnixNano())
	if !compressible[strings.ToLower(path.Ext(name))] {
		hdr.Set("ETag", `"`+etag+`"`)
		http.ServeContent(w, r, name, info.ModTime(), f)
		return
	}
	hdr.Set("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		if data := h.gzipped(name, f, info); data != nil {
			hdr.Set("Content-Encoding", "gzip")
			// The page's loading bar needs the size as the body arrives.
			hdr.Set("X-Uncompressed-Length", strconv.FormatInt(info.Size(), 10))
			hdr.Set("ETag", `"`+etag+`-gz"`)
			// ServeContent leaves Content-Length to us when the body is
			// encoded; it sets it itself for a range, and drops it for 304
			// and errors.
			hdr.Set("Content-Length", strconv.Itoa(len(data)))
			http.ServeContent(w, r, name, info.ModTime(), bytes.NewReader(data))
			return
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			http.Error(w, "read error", http.StatusInternalServerError)
			return
		}
	}
	hdr.Set("ETag", `"`+etag+`"`)
	http.ServeContent(w, r, name, info.ModTime(), f)
}

// siteName maps a request path to a file name within the site, refusing
// any ".." segment (the path is already percent-decoded, so "%2e%2e" and
// "..%2f" are caught too), backslashes, NULs and hidden files.
func siteName(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p[1:], "/") {
		if seg == ".." || strings.HasPrefix(seg, ".") && seg != "" {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = siteIndex
	}
	if !filepath.IsLocal(name) {
		return "", false
	}
	return name, true
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip
// (listed, and not with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
				continue
			}
			q := strings.ReplaceAll(strings.ToLower(params), " ", "")
			if q == "q=0" || strings.HasPrefix(q, "q=0.") && strings.Trim(q[4:], "0") == "" {
				return false
			}
			return true
		}
	}
	return false
}

// gzipped returns the compressed bytes of the open file f (name within the
// site, with info from f.Stat), compressing it only if this version has not
// been compressed before. It returns nil when compressing does not pay or
// the file changed while it was being read.
func (h *siteHandler) gzipped(name string, f io.Reader, info fs.FileInfo) []byte {
	h.mu.Lock()
	g := h.gz[name]
	if g == nil || !g.mod.Equal(info.ModTime()) || g.size != info.Size() {
		g = &gzFile{mod: info.ModTime(), size: info.Size()}
		h.gz[name] = g // the old version, if any, is dropped
	}
	h.mu.Unlock()
	g.once.Do(func() { g.data = compress(f, info.Size()) })
	return g.data
}

// compress gzips r, which should hold size bytes; nil if it does not, or if
// the result is not smaller.
func compress(r io.Reader, size int64) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	n, err := io.Copy(zw, r)
	if err != nil || n != size || zw.Close() != nil || int64(buf.Len()) >= size {
		return nil
	}
	return bytes.Clone(buf.Bytes()) // trim the buffer's spare capacity
}

// warm compresses a file ahead of its first request; errors are left for
// the request to meet.
func (h *siteHandler) warm(name string) {
	f, err := os.OpenInRoot(h.dir, name)
	if err != nil {
		return
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		h.gzipped(name, f, info)
	}
}
