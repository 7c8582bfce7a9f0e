//go:build !js

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mentorsim/sim/param"
)

// The shared link of the reproducibility tests, and the same run on the
// command line.
const sharedQuery = "preset=insecure&seed=7&mentor_gain=3&hires=400"

var sharedCLI = []string{"run", "-scenario", "insecure", "-seed", "7", "-set", "mentor_gain=3", "-hires", "400", "-json"}

func TestPageLoadsAndDraws(t *testing.T) {
	p := open(t, "")
	p.dismissIntro()
	p.waitFrames(10)
	shot := p.screenshot()
	path := filepath.Join(t.TempDir(), "browser.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	bounds, drawn, colours, err := colourStats(shot)
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	t.Logf("canvas %dx%d: %.1f%% of pixels differ from the background, %d colours (%s)",
		bounds.Dx(), bounds.Dy(), 100*drawn, colours, path)
	if bounds.Dx() != viewportW || bounds.Dy() != viewportH {
		t.Errorf("the canvas is %dx%d; want the viewport, %dx%d", bounds.Dx(), bounds.Dy(), viewportW, viewportH)
	}
	if drawn <= 0.01 || colours <= 10 {
		t.Errorf("the canvas looks blank: %.2f%% of pixels differ from the background (want > 1%%), %d colours (want > 10); see %s",
			100*drawn, colours, path)
	}
	if dir := os.Getenv("MENTORSIM_SCREENSHOT_DIR"); dir != "" {
		saveDocsScreenshot(t, p, dir)
	}
}

// saveDocsScreenshot shows the study part-way through with ability
// revealed, for the README (make screenshots).
func saveDocsScreenshot(t *testing.T, p *page, dir string) {
	p.do("mentorsim.setPlaying(true)")
	p.waitDay(150)
	p.do("mentorsim.setPlaying(false)")
	p.pressKey("a", "KeyA", 65, "a") // reveal ability
	p.waitFrames(5)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "browser.png"), p.screenshot(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPlayAdvancesDay(t *testing.T) {
	p := open(t, "")
	p.dismissIntro()
	p.waitFrames(2)
	before := p.state()
	if before.Running {
		t.Fatalf("the app starts playing; want it paused")
	}
	p.pressKey(" ", "Space", 32, " ") // the app's play/pause shortcut
	start := time.Now()
	time.Sleep(time.Second)
	after := p.state()
	// A busy machine draws few frames, and the app may advance less than a
	// day a second then: wait for the first day, up to the tests' timeout
	// (which only keeps a broken page from hanging the test).
	for after.Day <= before.Day && time.Since(start) < testTimeout {
		time.Sleep(100 * time.Millisecond)
		after = p.state()
	}
	if after.Day <= before.Day {
		t.Fatalf("after space and %v, day %d (running %v); want more than day %d",
			time.Since(start).Round(time.Second), after.Day, after.Running, before.Day)
	}
	if !after.Running {
		t.Errorf("after space, running is false; want true")
	}
	t.Logf("space started play: day %d → %d in %v", before.Day, after.Day, time.Since(start).Round(10*time.Millisecond))
}

// finish runs the study to the end on the page and returns summary().
func finish(p *page) string {
	p.t.Helper()
	eval[bool](p, "window.mentorsim.runToEnd().then(() => true)")
	if s := p.state(); !s.Done || s.Day != s.Days {
		p.t.Fatalf("after runToEnd(): day %d of %d, done %v", s.Day, s.Days, s.Done)
	}
	return eval[string](p, "window.mentorsim.summary()")
}

func TestSharedURLReproducesRun(t *testing.T) {
	first := open(t, sharedQuery)
	s := first.state()
	if s.Preset != "insecure" || s.Seed != 7 || s.Params.MentorGain != 3 || s.Params.Hires != 400 {
		t.Errorf("state() = preset %q, seed %d, mentor_gain %v, hires %v; want insecure, 7, 3, 400",
			s.Preset, s.Seed, s.Params.MentorGain, s.Params.Hires)
	}
	if s.Notice != "" {
		t.Errorf("a good link shows a notice: %q", s.Notice)
	}
	// The address bar holds the link that reproduces the run.
	if search := eval[string](first, "location.search"); search != "?"+s.Query {
		t.Errorf("location.search = %q; want ?%s", search, s.Query)
	}
	a, csvA := finish(first), eval[string](first, "window.mentorsim.repsCSV()")
	first.close() // so that two pages do not share the machine

	second := open(t, sharedQuery) // in a new browser context
	b, csvB := finish(second), eval[string](second, "window.mentorsim.repsCSV()")
	if a != b {
		t.Fatalf("the same link gave different summaries:\n%s\n---\n%s", a, b)
	}
	if csvA != csvB {
		t.Errorf("the same link gave different reps.csv")
	}
	if lines := strings.Count(csvA, "\n"); lines != 401 {
		t.Errorf("reps.csv has %d lines; want a header and 400 reps", lines)
	}
}

func TestSummaryMatchesCLI(t *testing.T) {
	p := open(t, sharedQuery)
	page := finish(p)
	cmd := exec.CommandContext(p.ctx, env.cli, sharedCLI...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cli, err := cmd.Output()
	if err != nil {
		t.Fatalf("mentorsim %s: %v\n%s", strings.Join(sharedCLI, " "), err, stderr.String())
	}
	if page != string(cli) {
		t.Fatalf("the page's summary() differs from `mentorsim %s`:\npage:\n%s\ncli:\n%s",
			strings.Join(sharedCLI, " "), page, cli)
	}
}

func TestBadQueryShowsMessage(t *testing.T) {
	p := open(t, "mentor_gain=99&bogus=1")
	p.waitFrames(2)
	s := p.state()
	def, err := param.Preset("study")
	if err != nil {
		t.Fatal(err)
	}
	if s.Preset != "advice" || s.Params.MentorGain != def.MentorGain {
		t.Errorf("state() = preset %q, mentor_gain %v; want study's %v", s.Preset, s.Params.MentorGain, def.MentorGain)
	}
	for _, name := range []string{"mentor_gain", "bogus"} {
		if !strings.Contains(s.Notice, name) {
			t.Errorf("the notice does not name %s: %q", name, s.Notice)
		}
	}
	t.Logf("notice: %q", s.Notice)
}

// TestFrameRate measures, while the study plays, how often the browser
// paints (requestAnimationFrame) and the app draws, at the study's size and
// at the app's largest, and prints it: a measurement, not a pass/fail
// threshold, since a busy machine draws fewer frames (the Go-side draw
// time is ui's BenchmarkDraw). It fails only if the study is not playing.
func TestFrameRate(t *testing.T) {
	for _, hires := range []int{603, 20000} {
		p := open(t, "hires="+strconv.Itoa(hires))
		p.dismissIntro()
		p.waitFrames(2)
		first := eval[float64](p, "window.mentorsimFirstFrame")
		t.Logf("%d hires: navigation %v, ready %v, first frame at %.0f ms (page clock)",
			hires, p.loaded.Round(time.Millisecond), p.ready.Round(time.Millisecond), first)
		p.do("window.mentorsim.setPlaying(true)")
		time.Sleep(500 * time.Millisecond) // warm up
		before := p.state()
		m := eval[struct {
			Frames int     `json:"frames"`
			MS     float64 `json:"ms"`
		}](p, `new Promise(done => {
			let n = 0, t0;
			const tick = now => {
				if (t0 === undefined) t0 = now; else n++;
				if (now - t0 >= 2000) done({frames: n, ms: now - t0}); else requestAnimationFrame(tick);
			};
			requestAnimationFrame(tick);
		})`)
		after := p.state()
		if !after.Running {
			t.Errorf("%d hires: not playing during the measurement (day %d of %d)", hires, after.Day, after.Days)
		}
		secs := m.MS / 1000
		raf := float64(m.Frames) / secs
		frames, updates := float64(after.Frames-before.Frames), float64(after.Updates-before.Updates)
		t.Logf("%d hires playing: %.1f animation frames/s, app drew %.1f frames/s (Ebitengine: %.1f fps, %.1f tps), %.1f days/s;"+
			" per frame the app's Draw took %.1f ms and Update %.1f ms",
			hires, raf, frames/secs, after.FPS, after.TPS, float64(after.Day-before.Day)/secs,
			(after.DrawMS-before.DrawMS)/max(frames, 1), (after.UpdateMS-before.UpdateMS)/max(updates, 1))
		p.close()
	}
}

// TestExportDownloads presses the export shortcut and checks the two
// downloads: the same bytes as summary() and repsCSV().
func TestExportDownloads(t *testing.T) {
	p := open(t, sharedQuery)
	dir := t.TempDir()
	p.allowDownloads(dir)
	p.dismissIntro()
	eval[bool](p, "window.mentorsim.runToEnd().then(() => true)")
	want := map[string]string{
		"summary.json": eval[string](p, "window.mentorsim.summary()"),
		"reps.csv":     eval[string](p, "window.mentorsim.repsCSV()"),
	}
	p.pressKey("x", "KeyX", 88, "x")
	if n := p.state().Notice; n != "downloaded summary.json and reps.csv" { // read before it fades
		t.Errorf("after export the notice is %q", n)
	}
	deadline := time.Now().Add(testTimeout)
	for name, body := range want {
		got, err := waitFile(filepath.Join(dir, name), body, deadline)
		if err != nil {
			t.Fatalf("export: %v (notice %q)", err, p.state().Notice)
		}
		if string(got) != body {
			t.Errorf("the downloaded %s differs from the page API's (%d bytes, want %d)", name, len(got), len(body))
		}
	}
}

// TestCopyLink presses the copy-link shortcut and reads the clipboard.
func TestCopyLink(t *testing.T) {
	p := open(t, sharedQuery)
	p.grant("clipboard-read", "clipboard-write")
	p.dismissIntro()
	p.pressKey("c", "KeyC", 67, "c")
	s := p.state()
	if s.Notice != "link copied" {
		t.Errorf("after copy link the notice is %q", s.Notice)
	}
	want := env.site + "?" + s.Query
	var got string
	for deadline := time.Now().Add(time.Minute); got != want && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		got = eval[string](p, "navigator.clipboard.readText()")
	}
	if got != want {
		t.Errorf("the clipboard holds %q; want %q (notice %q)", got, want, p.state().Notice)
	}
	// The confirmation fades (ui.ConfirmFor), leaving the buttons under it.
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](`JSON.parse(window.mentorsim.state()).notice === ""`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(time.Minute))); err != nil {
		t.Errorf("the notice %q stays: %v", p.state().Notice, err)
	}
}

// waitFile waits for a download to hold want, and reads it; at the
// deadline it returns what the file holds, or why it cannot be read.
func waitFile(path, want string, deadline time.Time) ([]byte, error) {
	for {
		b, err := os.ReadFile(path)
		if err == nil && string(b) == want || time.Now().After(deadline) {
			return b, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}
