package main

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"
)

// The projector's page of the class link, and its QR code, served beside
// the site by `serve -public`.
const (
	qrPagePath = "/qr.html"
	qrPNGPath  = "/qr.png"
)

// A lanIP is an address of this machine on a network, and its interface.
type lanIP struct {
	iface string
	ip    net.IP
}

// lanIPs lists this machine's addresses that other machines can reach: on
// interfaces that are up, not loopback, not link-local.
func lanIPs() []lanIP {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var ips []lanIP
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				ips = append(ips, lanIP{ifc.Name, n.IP})
			}
		}
	}
	return ips
}

// classURLs are the URLs that reach a server.
type classURLs struct {
	local string   // for this machine's own browser, "" if loopback does not reach it
	lan   []string // for the other machines, IPv4 first; each followed by its interface
	link  string   // the class link: the first of lan, "" if none
}

// urlsFor lists the URLs that reach a listener's address: every LAN address
// (of ips) when it listens on all of them, else its own.
func urlsFor(addr net.Addr, ips []lanIP) classURLs {
	host, port, err := net.SplitHostPort(addr.String())
	ip := net.ParseIP(host)
	if err != nil || ip == nil {
		return classURLs{local: "http://" + addr.String() + "/"}
	}
	var u classURLs
	var reach []lanIP
	switch {
	case ip.IsUnspecified(): // every interface; Go listens on IPv4 and IPv6 both
		u.local = "http://" + net.JoinHostPort("127.0.0.1", port) + "/"
		reach = ips
	case ip.IsLoopback():
		u.local = "http://" + net.JoinHostPort(host, port) + "/"
	default:
		reach = []lanIP{{"", ip}}
	}
	reach = slices.DeleteFunc(slices.Clone(reach), func(l lanIP) bool {
		return l.ip.IsLoopback() || l.ip.IsLinkLocalUnicast() || l.ip.IsUnspecified() || l.ip.IsMulticast()
	})
	// IPv4 first: easier to type.
	v4 := slices.DeleteFunc(slices.Clone(reach), func(l lanIP) bool { return l.ip.To4() == nil })
	v6 := slices.DeleteFunc(reach, func(l lanIP) bool { return l.ip.To4() != nil })
	reach = append(v4, v6...)
	for _, l := range reach {
		u.lan = append(u.lan, "http://"+net.JoinHostPort(l.ip.String(), port)+"/"+ifaceNote(l.iface))
	}
	if len(reach) > 0 {
		u.link = "http://" + net.JoinHostPort(reach[0].ip.String(), port) + "/"
	}
	return u
}

func ifaceNote(iface string) string {
	if iface == "" {
		return ""
	}
	return "  (" + iface + ")"
}

// lessonLink opens the lesson at its first step with the teacher's seed,
// so every student who scans or types it sees the teacher's numbers.
func lessonLink(link string, seed uint64) string {
	return link + "?lesson=1&seed=" + strconv.FormatUint(seed, 10)
}

// printClass tells the teacher where the class can reach the server (dir is
// what it serves): every address, a warning, the class link and its QR code.
func printClass(w io.Writer, dir string, u classURLs, seed uint64, qrText string) {
	fmt.Fprintf(w, "mentorsim serve: serving %s to the network (Ctrl-C stops)\n", dir)
	if u.local != "" {
		fmt.Fprintf(w, "  this machine: %s\n", u.local)
	}
	if len(u.lan) == 0 {
		fmt.Fprintln(w, "  network:      none, so no other machine can reach this server; join the class's")
		fmt.Fprintln(w, "                network, listen on every interface (-addr 0.0.0.0:PORT) and start again")
		return
	}
	for i, l := range u.lan {
		label := "  network:      "
		if i > 0 {
			label = strings.Repeat(" ", len(label))
		}
		fmt.Fprintln(w, label+l)
	}
	fmt.Fprintln(w, "Warning: anyone on this network can now open the app at these addresses; stop the server (Ctrl-C) after class.")
	fmt.Fprintf(w, "Class link: %s   (the lesson from step 1, seed %d; the app alone: %s)\n", lessonLink(u.link, seed), seed, u.link)
	page := strings.TrimSuffix(cmp.Or(u.local, u.link), "/") + qrPagePath
	fmt.Fprintf(w, "QR code of the class link; for the projector, open %s\n", page)
	fmt.Fprint(w, qrText)
}

// classQR is the class link's QR code.
func classQR(link string) (*qrcode.QRCode, error) {
	return qrcode.New(link, qrcode.Medium)
}

// terminalQR draws the code with half blocks, two rows of modules a line,
// light modules lit: right on a terminal with a dark background.
func terminalQR(q *qrcode.QRCode) string { return q.ToSmallString(false) }

// classHandler serves the site, and the projector's page of the class link.
type classHandler struct {
	site       http.Handler
	page, png  []byte
	modifiedAt time.Time
}

func newClassHandler(site http.Handler, link, lesson string, q *qrcode.QRCode) (*classHandler, error) {
	png, err := q.PNG(-12) // 12 pixels a module; the page scales it
	if err != nil {
		return nil, err
	}
	var page bytes.Buffer
	if err := qrPage.Execute(&page, struct{ Link, Lesson string }{link, lesson}); err != nil {
		return nil, err
	}
	return &classHandler{site: site, page: page.Bytes(), png: png, modifiedAt: time.Now()}, nil
}

func (c *classHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var data []byte
	switch r.URL.Path {
	case qrPagePath:
		data = c.page
	case qrPNGPath:
		data = c.png
	default:
		c.site.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", contentType(r.URL.Path))
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	http.ServeContent(w, r, r.URL.Path, c.modifiedAt, bytes.NewReader(data))
}

// qrPage fills a projector's screen, black on white, with the QR code
// above the link in large type; both fit a 4:3 screen as well as 16:9.
var qrPage = template.Must(template.New("qr").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Join the class — mentorsim</title>
<link rel="icon" href="data:,">
<style>
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; align-items: center; justify-content: center;
  background: #fff; color: #000; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: center; }
img { height: min(62vh, 92vw); width: auto; image-rendering: pixelated; }
p { margin: .3em 2vw; font-size: min(3.4vh, 4vw); }
.link { font-size: min(7vh, 6vw); font-weight: 700; overflow-wrap: anywhere; }
</style>
</head>
<body>
<img src="qr.png" alt="QR code of {{.Lesson}}">
<div>
<p>Scan, or open:</p>
<p class="link">{{.Lesson}}</p>
<p>(the app alone: <strong>{{.Link}}</strong>)</p>
</div>
</body>
</html>
`))
