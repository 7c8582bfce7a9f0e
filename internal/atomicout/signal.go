package atomicout

import (
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"time"
)

// signals receives SIGINT, SIGTERM and SIGHUP while this process has
// temporary files (and only then, so that commands and tests that handle
// signals themselves are left alone), but not those the process was started
// with ignored (under nohup, or a script's background job), which must not
// end it.
var (
	signals    = make(chan os.Signal, 1)
	signalOnce sync.Once
	handled    []os.Signal // stopSignals less those ignored at the first track
)

// track adds or removes a live temporary path; mu must be held.
func track(path string, alive bool) {
	signalOnce.Do(func() {
		for _, s := range stopSignals {
			if !signal.Ignored(s) { // read before any Notify, which clears it
				handled = append(handled, s)
			}
		}
		go removeOnSignal()
	})
	if alive {
		if len(live) == 0 && len(handled) > 0 {
			signal.Notify(signals, handled...)
		}
		live[path] = true
		return
	}
	if live[path] {
		delete(live, path)
		if len(live) == 0 {
			signal.Stop(signals)
		}
	}
}

// removeOnSignal removes the temporary files, then lets the signal end the
// process as it would have.
func removeOnSignal() {
	sig := <-signals
	mu.Lock() // held to the end: no rename starts after this
	for path := range live {
		os.RemoveAll(path)
	}
	signal.Stop(signals)
	if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
		time.Sleep(10 * time.Second) // the signal, now unhandled, is on its way
	}
	os.Exit(1)
}

// KillEnv names the test hook: MENTORSIM_TEST_KILL_AT=step:n kills the
// process with SIGKILL just before the n-th step of that kind (rename, remove,
// or any a caller passes to Step), counted from 1; step:n:stop stops it
// (SIGSTOP) there instead and, once continued, waits for the signal a test
// sends. Steps: temp (a temporary was made), rename, remove, and the
// sweep's journal (a task's line appended).
const KillEnv = "MENTORSIM_TEST_KILL_AT"

var (
	hookMu    sync.Mutex
	hookCount = map[string]int{}
)

// Step marks a point a test may kill the process at (see KillEnv).
func Step(kind string) { testHook(kind) }

func testHook(kind string) {
	at := os.Getenv(KillEnv)
	if at == "" {
		return
	}
	parts := strings.Split(at, ":")
	if len(parts) < 2 || parts[0] != kind {
		return
	}
	hookMu.Lock()
	hookCount[kind]++
	c := hookCount[kind]
	hookMu.Unlock()
	if strconv.Itoa(c) != parts[1] {
		return
	}
	if len(parts) == 3 && parts[2] == "stop" {
		stopSelf()
		select {} // until the signal the test sends
	}
	p, _ := os.FindProcess(os.Getpid())
	p.Kill()
	select {} // the kill is on its way
}
