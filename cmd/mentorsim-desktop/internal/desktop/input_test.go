//go:build linux

package desktop_test

import (
	"context"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"

	"mentorsim/cmd/mentorsim-desktop/internal/desktop"
)

// X11 keysyms of the keys the test presses.
const (
	xkNext  = 0xff56 // PageDown
	xkPrior = 0xff55 // PageUp
	xkLeft  = 0xff51 // ArrowLeft
	xkRight = 0xff53 // ArrowRight
	xkC     = 0x63
)

// xkeys sends key presses through the XTEST extension, as a keyboard or
// a presentation clicker would.
type xkeys struct {
	t    *testing.T
	conn *xgb.Conn
	root xproto.Window
	code map[xproto.Keysym]byte
}

func newXKeys(t *testing.T) *xkeys {
	t.Helper()
	t.Setenv("XAUTHORITY", xauthority)
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connecting to %s: %v", display, err)
	}
	t.Cleanup(conn.Close)
	if err := xtest.Init(conn); err != nil {
		t.Fatalf("XTEST: %v", err)
	}
	setup := xproto.Setup(conn)
	k := &xkeys{t: t, conn: conn, root: setup.DefaultScreen(conn).Root, code: map[xproto.Keysym]byte{}}
	first, n := setup.MinKeycode, byte(setup.MaxKeycode-setup.MinKeycode+1)
	m, err := xproto.GetKeyboardMapping(conn, first, n).Reply()
	if err != nil {
		t.Fatalf("keyboard mapping: %v", err)
	}
	per := int(m.KeysymsPerKeycode)
	for i := 0; i < int(n); i++ {
		for _, sym := range m.Keysyms[i*per : (i+1)*per] {
			if _, ok := k.code[sym]; !ok && sym != 0 {
				k.code[sym] = byte(first) + byte(i)
			}
		}
	}
	return k
}

// point moves the pointer to (x, y) on the screen: without a window
// manager the keyboard's focus follows it.
func (k *xkeys) point(x, y int16) {
	k.t.Helper()
	if err := xtest.FakeInputChecked(k.conn, xproto.MotionNotify, 0, 0, k.root, x, y, 0).Check(); err != nil {
		k.t.Fatalf("moving the pointer: %v", err)
	}
}

// tap presses and releases a key at once: both reach the server back to
// back, within one of the app's ticks.
func (k *xkeys) tap(sym xproto.Keysym) {
	k.t.Helper()
	code, ok := k.code[sym]
	if !ok {
		k.t.Fatalf("no keycode for keysym %#x", sym)
	}
	xtest.FakeInput(k.conn, xproto.KeyPress, code, 0, k.root, 0, 0, 0)
	if err := xtest.FakeInputChecked(k.conn, xproto.KeyRelease, code, 0, k.root, 0, 0, 0).Check(); err != nil {
		k.t.Fatalf("pressing %#x: %v", sym, err)
	}
}

// lockedBuffer is the app's standard output, read while it writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *lockedBuffer) links() []string {
	var links []string
	for _, line := range strings.Split(l.String(), "\n") {
		if strings.HasPrefix(line, "link: ") {
			links = append(links, line)
		}
	}
	return links
}

// ticksSinceLink counts the app's ticks (desktop.TicksEnv) since the
// last link it printed, or since it started.
func (l *lockedBuffer) ticksSinceLink() int {
	lines := strings.Split(l.String(), "\n")
	n := 0
	for i := len(lines) - 1; i >= 0 && !strings.HasPrefix(lines[i], "link: "); i-- {
		if strings.HasPrefix(lines[i], "tick ") {
			n++
		}
	}
	return n
}

// TestInstantKeysAct: on the desktop, PageDown and PageUp pressed and
// released at once (as a presentation clicker sends them) each move the
// lesson one step. The app prints its link on c, which says the step.
// Presses are spaced by the app's frames, which it prints (desktop.TicksEnv),
// as a person's are: two presses of one key in consecutive frames read as
// one held press (ui's pollInput), and on a busy machine a frame may take
// longer than a person between presses.
func TestInstantKeysAct(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute) // generous: a busy machine
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "-lesson-step", "1", "-seed", "11")
	cmd.Dir = t.TempDir()
	cmd.Env = append(cmd.Environ(), "DISPLAY="+display, "XAUTHORITY="+xauthority, desktop.TicksEnv+"=1")
	out, errOut := &lockedBuffer{}, &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	defer func() { cancel(); <-exited }()
	keys := newXKeys(t)
	keys.point(200, 200)
	// waitTicks waits until the app has run n ticks since its last link
	// (or its start), or printed a new link after links of them.
	waitTicks := func(n, links int) {
		t.Helper()
		for out.ticksSinceLink() < n && len(out.links()) == links {
			select {
			case <-exited:
				t.Fatalf("the app exited; its stderr:\n%s", errOut.String())
			case <-ctx.Done():
				t.Fatalf("the app ran no %d ticks in 10 minutes; its output:\n%s", n, out.String())
			case <-time.After(5 * time.Millisecond):
			}
		}
	}
	// link presses c and returns the link the app prints, which it prints
	// in the tick that reads the press. Until the window takes keys, a
	// press is lost, and link presses again after ten ticks without one.
	link := func(ready bool) string {
		t.Helper()
		for try := 0; ; try++ {
			n := len(out.links())
			keys.tap(xkC)
			waitTicks(out.ticksSinceLink()+10, n)
			if links := out.links(); len(links) > n {
				return links[len(links)-1]
			}
			if ready || try == 100 {
				t.Fatalf("c printed no link in 10 ticks (try %d); the links so far: %q", try+1, out.links())
			}
		}
	}
	waitTicks(1, 0)
	if l := link(false); !strings.Contains(l, "lesson=1") {
		t.Fatalf("at the start: %s; want lesson=1", l)
	}
	for _, step := range []struct {
		sym  xproto.Keysym
		want string
	}{{xkNext, "lesson=2"}, {xkNext, "lesson=3"}, {xkNext, "lesson=3"}, {xkNext, "lesson=4"}, {xkPrior, "lesson=3"},
		{xkRight, "lesson=4"}, {xkLeft, "lesson=3"}} { // the third shows step 3's answer (a link leaves it out); a clicker's arrows move too
		// Two ticks after the link: the tick that read c and the next
		// have passed, so this press is not read as the last one held.
		waitTicks(2, len(out.links()))
		keys.tap(step.sym)
		if l := link(true); !strings.Contains(l, step.want) {
			t.Fatalf("after an instant %#x: %s; want %s", step.sym, l, step.want)
		}
	}
}
