package server

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// hub tells the pages when a session changes, by server-sent events that
// carry no data: a page that hears one fetches what it may see. Students
// hear only of phase changes (so 500 of them do not refetch on every
// answer); the teacher hears of every change.
type hub struct {
	mu    sync.Mutex               // guards subs and total
	subs  map[string]map[*sub]bool // by session
	total int                      // streams admitted and not yet left
}

type sub struct {
	all bool          // every change, not just phase changes
	ch  chan struct{} // capacity 1: pending notifications coalesce
}

func newHub() *hub { return &hub{subs: map[string]map[*sub]bool{}} }

// notify wakes the session's subscribers: all of them if phase is true,
// else those who asked for every change.
func (h *hub) notify(session string, phase bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs[session] {
		if phase || s.all {
			select {
			case s.ch <- struct{}{}:
			default:
			}
		}
	}
}

// admit reserves a stream for session, or refuses (503) if the server
// already serves max streams, or the session maxSession: the page then
// falls back to polling, so a crowd of streams cannot hold the server's
// memory.
func (h *hub) admit(session string, max, maxSession int) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.total >= max || len(h.subs[session]) >= maxSession {
		return fail(http.StatusServiceUnavailable, "too many live-update streams; the page polls instead")
	}
	h.total++
	return nil
}

// leave gives back a stream admit reserved.
func (h *hub) leave() {
	h.mu.Lock()
	h.total--
	h.mu.Unlock()
}

func (h *hub) add(session string, all bool) *sub {
	s := &sub{all: all, ch: make(chan struct{}, 1)}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs[session] == nil {
		h.subs[session] = map[*sub]bool{}
	}
	h.subs[session][s] = true
	return s
}

func (h *hub) remove(session string, s *sub) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs[session], s)
	if len(h.subs[session]) == 0 {
		delete(h.subs, session)
	}
}

// serve streams "change" events until the client goes away or the server
// stops, with a comment every 25 seconds so proxies keep the line open.
// Teacher streams are paced to at most one event per pace.
func (h *hub) serve(w http.ResponseWriter, r *http.Request, session string, all bool, stop <-chan struct{}, pace time.Duration) {
	fl, ok := w.(http.Flusher)
	if !ok {
		writeError(w, fail(http.StatusInternalServerError, "streaming is not supported"))
		return
	}
	s := h.add(session, all)
	defer h.remove(session, s)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	fmt.Fprint(w, "retry: 2000\n\nevent: change\ndata: hello\n\n")
	fl.Flush()
	keep := time.NewTicker(25 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-stop:
			return
		case <-keep.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case <-s.ch:
			fmt.Fprint(w, "event: change\ndata: x\n\n")
			if all {
				time.Sleep(pace)
			}
		}
		fl.Flush()
	}
}
