//go:build !js

package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"mentorsim/class/bot"
	"mentorsim/class/server"
	"mentorsim/class/store"
	"mentorsim/sim/param"
)

// cmdClassBench plays N simulated students through the whole activity
// against a real server (in this process, over loopback TCP, with a
// database in a temporary directory) and reports request latency, errors
// and memory. Each student comes from an address of its own (127.0.x.y,
// so per-address limits apply as in a classroom) and keeps a live-update
// stream open, refetching its view on each event as the page does; the
// teacher's page polls twice a second.
func cmdClassBench(args []string, stdout io.Writer) error {
	flags := newFlags("class bench")
	n := intFlag(flags, "n", 50, "simulated students, 1 to 5000")
	seedText := flags.String("seed", "1", "seed of the students' skills and choices")
	think := flags.Duration("think", 2*time.Second, "a student's mean pause before each action (uniform on 0 to twice it); 0 sends everything at once")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *n < 1 || *n > 5000 {
		return bad("n: %d is not allowed; want 1 to 5000", *n)
	}
	if *think < 0 || *think > time.Minute {
		return bad("think: %v is not allowed; want 0 to 1m", *think)
	}
	seed, err := param.ParseSeed(*seedText)
	if err != nil {
		return err
	}
	r, err := benchClass(*n, seed, *think)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "students %d, think %v, complete %d, requests %d, errors %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms, wall %.1f s, peak RSS %d MB, cores %d\n",
		*n, *think, r.complete, r.requests, r.errors, ms(r.p50), ms(r.p99), ms(r.max), r.wall.Seconds(), r.rssMB, runtime.NumCPU())
	if r.firstErr != nil {
		fmt.Fprintf(stdout, "first error: %v\n", r.firstErr)
	}
	return nil
}

type benchResult struct {
	requests, errors int
	complete         int // students in the revealed results
	p50, p99, max    time.Duration
	wall             time.Duration
	rssMB            int
	firstErr         error
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// latencies collects every request's latency.
type latencies struct {
	mu    sync.Mutex
	ds    []time.Duration
	errs  int
	first error
}

func (l *latencies) observe(_ string, d time.Duration, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()

	l.ds = append(l.ds, d)
	if err != nil {
		l.errs++
		if l.first == nil {
			l.first = err
		}
	}
}

func benchClass(n int, seed uint64, think time.Duration) (benchResult, error) {
	dir, err := os.MkdirTemp("", "mentorsim-class-bench-")
	if err != nil {
		return benchResult{}, err
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(filepath.Join(dir, "bench.db"))
	if err != nil {
		return benchResult{}, err
	}
	defer st.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return benchResult{}, err
	}
	srv := server.New(server.Config{Store: st, Logf: func(string, ...any) {}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveSite(ctx, ln, srv) }()
	defer func() { srv.Close(); cancel(); <-done }()

	lat := &latencies{}
	base := "http://" + ln.Addr().String()
	clients := make([]*bot.Client, n+1) // [n] is the teacher's
	for i := range clients {
		clients[i] = &bot.Client{Base: base, HTTP: &http.Client{Transport: fromAddress(i), Timeout: 30 * time.Second}, Observe: lat.observe}
	}
	start := time.Now()
	complete, playErr := playClass(clients, n, seed, think)
	wall := time.Since(start)
	if len(lat.ds) == 0 {
		return benchResult{}, playErr
	}
	slices.Sort(lat.ds)
	q := func(p float64) time.Duration { return lat.ds[min(len(lat.ds)-1, int(p*float64(len(lat.ds))))] }
	return benchResult{requests: len(lat.ds), errors: lat.errs, p50: q(0.5), p99: q(0.99), max: lat.ds[len(lat.ds)-1],
		complete: complete, wall: wall, rssMB: peakRSSMB(), firstErr: cmp.Or(playErr, lat.first)}, nil
}

// fromAddress is a transport whose connections come from loopback
// address 127.0.x.y, a different one for each i.
func fromAddress(i int) *http.Transport {
	local := &net.TCPAddr{IP: net.IPv4(127, 0, byte(1+i/250), byte(2+i%250))}
	d := &net.Dialer{LocalAddr: local, Timeout: 10 * time.Second}
	return &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 4}
}

// listen keeps a student's live-update stream open until stop, fetching
// the student's view on each event, as the page does.
func listen(s *bot.Student, stop <-chan struct{}) {
	req, _ := http.NewRequest("GET", s.Base+"/api/s/"+s.Session+"/events", nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { <-stop; cancel() }()
	resp, err := s.HTTP.Transport.RoundTrip(req.WithContext(ctx))
	if err != nil {
		return
	}
	defer resp.Body.Close()
	buf := make([]byte, 512)
	for {
		k, err := resp.Body.Read(buf)
		if err != nil {
			return
		}
		if strings.Contains(string(buf[:k]), "event: change") {
			s.Me()
		}
	}
}

// playClass runs one session: N students join (student i through
// clients[i]), play round 1, assess themselves and answer the offer, play
// round 2 and read their results, while the teacher's page (clients[n])
// refreshes twice a second.
func playClass(clients []*bot.Client, n int, seed uint64, think time.Duration) (complete int, err error) {
	t, err := bot.NewSession(clients[n], "split")
	if err != nil {
		return 0, err
	}
	stopStreams := make(chan struct{})
	var streams sync.WaitGroup
	defer func() { close(stopStreams); streams.Wait() }()
	stopTeacher := make(chan struct{})
	var tw sync.WaitGroup
	tw.Go(func() {
		for {
			select {
			case <-stopTeacher:
				return
			case <-time.After(500 * time.Millisecond):
				t.View()
			}
		}
	})
	defer func() { close(stopTeacher); tw.Wait() }()
	students := make([]*bot.Student, n)
	step := func(f func(i int) error) error {
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { errs[i] = f(i) })
		}
		wg.Wait()
		return errors.Join(errs...)
	}
	steps := []struct {
		phase string
		f     func(i int) error
	}{
		{"", func(i int) (err error) {
			time.Sleep(time.Duration(rand.Int64N(int64(2*think) + 1)))
			students[i], err = bot.Join(clients[i], t.Session, "bot"+strconv.Itoa(i), float64(i%10)/10, seed+uint64(i))
			if err == nil {
				students[i].Think = think
				streams.Go(func() { listen(students[i], stopStreams) })
			}
			return err
		}},
		{"round1", func(i int) error { return students[i].Play(1) }},
		{"", func(i int) error {
			students[i].Pause()
			m, err := students[i].Me()
			if err == nil {
				_, _, err = students[i].Offer(m)
			}
			return err
		}},
		{"round2", func(i int) error { return students[i].Play(2) }},
		{"revealed", func(i int) error { students[i].Pause(); _, err := students[i].Me(); return err }},
	}
	for _, s := range steps {
		if s.phase != "" {
			if err := t.Phase(s.phase); err != nil {
				return 0, err
			}
		}
		if err := step(s.f); err != nil {
			first, _, _ := strings.Cut(err.Error(), "\n")
			return 0, fmt.Errorf("%d students failed; the first: %s", strings.Count(err.Error(), "\n")+1, first)
		}
	}
	v, err := t.View()
	if err != nil {
		return 0, err
	}
	var res struct{ N int }
	err = json.Unmarshal(v.Results, &res)
	return res.N, err
}

// peakRSSMB is the process's peak resident memory (Linux), or 0.
func peakRSSMB() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return kb / 1024
		}
	}
	return 0
}
