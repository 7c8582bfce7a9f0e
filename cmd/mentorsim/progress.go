package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows a progress bar with rate and time left on a terminal;
// elsewhere (a batch job's log, nohup) a line every LogEvery once the work
// has run that long, so that a log shows a long run is alive and how far
// it got, and a short one prints nothing. Add may be called from any
// goroutine.
type progress struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
	log *progressLog
}

// progressLog is the lines a progress writes where there is no terminal.
type progressLog struct {
	w       io.Writer
	what    string
	n, done int
	start   time.Time
	last    time.Time // of the last line, or the start
	now     func() time.Time
	every   time.Duration
}

// LogEvery is how often progress writes a line where there is no terminal.
const LogEvery = 30 * time.Second

func newProgress(n int, what string) *progress {
	if !term.IsTerminal(int(os.Stderr.Fd())) {
		return &progress{log: newProgressLog(os.Stderr, n, what, time.Now, LogEvery)}
	}
	return &progress{bar: progressbar.NewOptions(n,
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString(what),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

func newProgressLog(w io.Writer, n int, what string, now func() time.Time, every time.Duration) *progressLog {
	t := now()
	return &progressLog{w: w, what: what, n: n, start: t, last: t, now: now, every: every}
}

// Add counts one unit of work done.
func (p *progress) Add() {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.bar != nil:
		p.bar.Add(1)
	case p.log != nil:
		p.log.add()
	}
}

// add counts a unit and writes a line if LogEvery has passed since the
// last: done of n, the share, the time so far and the time left at the
// rate so far.
func (l *progressLog) add() {
	l.done++
	t := l.now()
	if t.Sub(l.last) < l.every || l.done >= l.n {
		return
	}
	l.last = t
	spent := t.Sub(l.start)
	left := time.Duration(float64(spent) * float64(l.n-l.done) / float64(l.done))
	fmt.Fprintf(l.w, "mentorsim: %d of %d %s (%.0f%%) in %s; about %s left\n",
		l.done, l.n, l.what, 100*float64(l.done)/float64(l.n), spent.Round(time.Second), left.Round(time.Second))
}

// Finish clears the bar.
func (p *progress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
