package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"html"
	"image"
	"image/color"
	"image/png"
	"io"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	zxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

func TestServeClassURLs(t *testing.T) {
	ips := []lanIP{
		{"lo", net.ParseIP("127.0.0.1")},
		{"wlan0", net.ParseIP("fe80::1")}, // link-local: needs a zone, not for students
		{"wlan0", net.ParseIP("2001:db8::5")},
		{"wlan0", net.ParseIP("192.168.1.23")},
		{"eth1", net.ParseIP("169.254.3.4")},
		{"eth1", net.ParseIP("10.0.0.7")},
	}
	tcp := func(ip string, port int) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: port} }
	cases := []struct {
		addr        net.Addr
		local, link string
		lan         []string
	}{
		{tcp("0.0.0.0", 8080), "http://127.0.0.1:8080/", "http://192.168.1.23:8080/", []string{
			"http://192.168.1.23:8080/  (wlan0)", "http://10.0.0.7:8080/  (eth1)", "http://[2001:db8::5]:8080/  (wlan0)"}},
		{tcp("::", 80), "http://127.0.0.1:80/", "http://192.168.1.23:80/", []string{
			"http://192.168.1.23:80/  (wlan0)", "http://10.0.0.7:80/  (eth1)", "http://[2001:db8::5]:80/  (wlan0)"}},
		{tcp("192.168.1.23", 8080), "", "http://192.168.1.23:8080/", []string{"http://192.168.1.23:8080/"}},
		{tcp("127.0.0.1", 8080), "http://127.0.0.1:8080/", "", nil},
		{tcp("::1", 8080), "http://[::1]:8080/", "", nil},
	}
	for _, c := range cases {
		u := urlsFor(c.addr, ips)
		if u.local != c.local || u.link != c.link || !slices.Equal(u.lan, c.lan) {
			t.Errorf("%v: local %q link %q lan %q; want %q %q %q", c.addr, u.local, u.link, u.lan, c.local, c.link, c.lan)
		}
	}
	if u := urlsFor(tcp("0.0.0.0", 8080), nil); u.link != "" || len(u.lan) != 0 || u.local == "" {
		t.Errorf("no network: %+v; want only the loopback URL", u)
	}
}

// With no address another machine can reach (-public on loopback, or no
// network), serve says so and neither warns nor shows a QR code.
func TestServeClassUnreachable(t *testing.T) {
	var out bytes.Buffer
	printClass(&out, "web", urlsFor(&net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 8080}, lanIPs()), 1, "")
	text := out.String()
	if !strings.Contains(text, "this machine: http://127.0.0.1:8080/\n") || !strings.Contains(text, "no other machine can reach this server") ||
		strings.Contains(text, "Warning") || strings.Contains(text, "QR") {
		t.Errorf("-public on loopback prints:\n%s", text)
	}
}

// decodeQR reads the QR code in an image.
func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("no QR code found: %v", err)
	}
	return res.GetText()
}

// terminalImage turns a QR code drawn with half blocks (light modules lit,
// two rows a line) back into an image, 4 pixels a module.
func terminalImage(t *testing.T, lines []string) image.Image {
	t.Helper()
	var rows [][]bool // true: dark
	for _, line := range lines {
		var top, bottom []bool
		for _, r := range line {
			if !strings.ContainsRune(" ▄▀█", r) {
				t.Fatalf("unexpected %q in the terminal's QR code", r)
			}
			top = append(top, r == ' ' || r == '▄')
			bottom = append(bottom, r == ' ' || r == '▀')
		}
		rows = append(rows, top, bottom)
	}
	if len(rows) == 0 {
		t.Fatal("no QR code in the terminal")
	}
	size := len(rows[0])
	rows = rows[:min(len(rows), size)] // an odd last line draws half a line
	img := image.NewGray(image.Rect(0, 0, 4*size, 4*len(rows)))
	for y, row := range rows {
		for x, dark := range row {
			c := color.Gray{255}
			if dark {
				c = color.Gray{0}
			}
			for dy := range 4 {
				for dx := range 4 {
					img.SetGray(4*x+dx, 4*y+dy, c)
				}
			}
		}
	}
	return img
}

// serve -public -seed 7 lists every address a class can open, warns, and
// shows the class link's QR code in the terminal and on the projector's
// page; both decode to the link, which opens the lesson at step 1 with
// seed 7 (one tap to join, with the teacher's numbers).
func TestServePublicAnnouncesClass(t *testing.T) {
	dir, _ := fakeSite(t)
	out := &syncBuffer{}
	exit := make(chan int, 1)
	go func() {
		exit <- mainArgs([]string{"serve", "-public", "-seed", "7", "-addr", "0.0.0.0:0", "-dir", dir}, out, out)
	}()
	defer stopServe(t, exit)

	// The output is complete before the server serves its first request.
	local := regexp.MustCompile(`this machine: (http://127\.0\.0\.1:(\d+)/)\n`)
	var base, port string
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) { // generous: a busy machine
		if m := local.FindStringSubmatch(out.String()); m != nil {
			if res, err := http.Get(m[1]); err == nil {
				res.Body.Close()
				base, port = m[1], m[2]
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no loopback URL served; output %q", out.String())
		}
	}
	text := out.String()
	var want []string
	for _, l := range lanIPs() {
		if !l.ip.IsLinkLocalUnicast() {
			want = append(want, "http://"+net.JoinHostPort(l.ip.String(), port)+"/  ("+l.iface+")\n")
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the output does not list %q:\n%s", w, text)
		}
	}
	if len(want) == 0 {
		if !strings.Contains(text, "no other machine can reach this server") {
			t.Errorf("no LAN address here, and the output does not say so:\n%s", text)
		}
		t.Logf("this machine has no network address, so there is no class link to check:\n%s", text)
		return
	}
	if n := strings.Count(text, "\nWarning: anyone on this network can now open the app"); n != 1 {
		t.Errorf("want the warning once, got it %d times:\n%s", n, text)
	}
	link := regexp.MustCompile(`Class link: (\S+)`).FindStringSubmatch(text)
	if link == nil || !strings.HasSuffix(link[1], "/?lesson=1&seed=7") || !strings.Contains(text, base+"qr.html") {
		t.Fatalf("no class link to the lesson with seed 7, or no projector page, in the output:\n%s", text)
	}
	opensLessonWithSeed(t, link[1], 7)
	_, qrText, _ := strings.Cut(text, base+"qr.html\n")
	if got := decodeQR(t, terminalImage(t, strings.Split(strings.TrimSuffix(qrText, "\n"), "\n"))); got != link[1] {
		t.Errorf("the terminal's QR code reads %q, want the class link %q", got, link[1])
	}

	page := httpGet(t, base+"qr.html")
	for _, w := range []string{`src="qr.png"`, ">" + html.EscapeString(link[1]) + "<"} {
		if !strings.Contains(string(page), w) {
			t.Errorf("qr.html lacks %s:\n%s", w, page)
		}
	}
	img, err := png.Decode(bytes.NewReader(httpGet(t, base+"qr.png")))
	if err != nil {
		t.Fatalf("qr.png: %v", err)
	}
	if got := decodeQR(t, img); got != link[1] {
		t.Errorf("qr.png reads %q, want the class link %q", got, link[1])
	}
}

// opensLessonWithSeed checks that the app, given the link, opens the
// lesson at step 1 with the seed.
func opensLessonWithSeed(t *testing.T, link string, seed uint64) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.Open("?"+u.RawQuery, lesson.Default(), 1)
	if err != nil || s.Step != 1 || s.Scenario.Seed != seed {
		t.Errorf("the app opens %s at lesson step %d with seed %d (%v); want step 1, seed %d", link, s.Step, s.Scenario.Seed, err, seed)
	}
}

func httpGet(t *testing.T, url string) []byte {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, %v", url, res.StatusCode, err)
	}
	return body
}

// stopServe stops a serve command started by the test with SIGTERM.
func stopServe(t *testing.T, exit <-chan int) {
	t.Helper()
	p, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exit:
		if code != 0 {
			t.Errorf("exit status %d after SIGTERM, want 0", code)
		}
	case <-time.After(time.Minute): // generous: a busy machine
		t.Fatal("serve did not stop within a minute of SIGTERM")
	}
}

// Without -public there is no class link, so no projector's page.
func TestServeLoopbackHasNoQRPage(t *testing.T) {
	dir, _ := fakeSite(t)
	for _, p := range []string{"/qr.html", "/qr.png"} {
		if res, _ := get(t, newSiteHandler(dir), "GET", p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", p, res.StatusCode)
		}
	}
}

// bigSite holds one incompressible file, far larger than the sockets'
// buffers, so that the server blocks when its reader stops reading.
func bigSite(t *testing.T) (dir string, size int) {
	dir = t.TempDir()
	data := make([]byte, 32<<20)
	rand.Read(data)
	if err := os.WriteFile(filepath.Join(dir, "big.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, len(data)
}

// startServer serves h wrapped in writeDeadlines(stall, limit); handled
// is closed when h returns from its first request.
func startServer(t *testing.T, h http.Handler, stall, limit time.Duration) (addr string, handled <-chan struct{}) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	first := make(chan struct{})
	signal := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(first)
		h.ServeHTTP(w, r)
	})
	go func() { done <- serveSite(ctx, ln, writeDeadlines(signal, stall, limit)) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String(), first
}

// A reader that stops reading is dropped after the stall time, or once the
// response has taken its limit, whichever comes first.
func TestServeDropsStalledReader(t *testing.T) {
	dir, size := bigSite(t)
	for _, c := range []struct{ stall, limit time.Duration }{{100 * time.Millisecond, time.Hour}, {time.Hour, 300 * time.Millisecond}} {
		addr, handled := startServer(t, newSiteHandler(dir), c.stall, c.limit)
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := io.WriteString(conn, "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		select {
		case <-handled:
		case <-time.After(30 * time.Second):
			t.Fatalf("stall %v, limit %v: still writing to a reader that stopped 30 s ago", c.stall, c.limit)
		}
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, res.Body)
		if res.ContentLength != int64(size) || n >= int64(size) {
			t.Errorf("stall %v, limit %v: the reader got %d of %d bytes; want the response cut short", c.stall, c.limit, n, res.ContentLength)
		}
	}
}

// A reader that keeps reading gets the whole file, even though that takes
// three times the stall time (32 pauses of a tenth of it). The stall time
// is 2 s, so that a reader starved on a busy machine for most of a second
// is not dropped.
func TestServeSlowReaderCompletes(t *testing.T) {
	dir, size := bigSite(t)
	stall := 2 * time.Second
	addr, _ := startServer(t, newSiteHandler(dir), stall, time.Hour)
	res, err := http.Get("http://" + addr + "/big.bin")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	buf := make([]byte, 1<<20)
	n := 0
	for {
		m, err := io.ReadFull(res.Body, buf)
		n += m
		if err != nil {
			break
		}
		time.Sleep(stall / 10) // a pause, far shorter than the stall time
	}
	if n != size {
		t.Fatalf("got %d of %d bytes", n, size)
	}
}
