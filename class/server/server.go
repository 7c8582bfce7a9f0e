package server

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"mentorsim/class"
	"mentorsim/class/store"
)

//go:embed web
var webFiles embed.FS

// Config sets up a Server. Zero rates and durations take the defaults.
type Config struct {
	Store        *store.Store
	RoundSeconds int    // each student's time for a round (default 120)
	BaseURL      string // the join link's scheme and host, e.g. http://192.168.1.5:8080; empty: the request's host
	// Seed, if not 0, is the first session's seed, and the next get
	// Seed+1, ... (for rehearsals and tests); else each is random.
	Seed uint64
	// Rate limits: requests per second and burst, per student or teacher
	// token and, for requests without one, per client address.
	TokenRate, TokenBurst float64
	IPRate, IPBurst       float64
	// Joins are limited per address apart, with a burst of a whole class,
	// so that a class behind one NAT address can join at once.
	JoinRate, JoinBurst float64
	// Wrong tokens per address: rate and burst (see failures).
	BadTokenRate, BadTokenBurst float64
	// Live-update streams in all and per session (default 2000 and 600);
	// beyond them the pages poll.
	MaxStreams, MaxSessionStreams int
	// BodyTimeout is how long a client has to send a request's body
	// (default 10 s): one that sends headers and half a body is cut off,
	// not kept open.
	BodyTimeout time.Duration
	Now         func() time.Time
	Logf        func(format string, args ...any)
}

// Server serves one database's sessions.
type Server struct {
	cfg       Config
	hosts     map[string]bool // the Host names requests may carry besides loopback (hostAllowed)
	closeOnce sync.Once       // Close may be called more than once
	mux       *http.ServeMux
	hub       *hub
	byToken   *limiter
	byIP      *limiter
	joins     *limiter
	badTokens failures
	stop      chan struct{}
	seeds     atomic.Uint64 // sessions created with a fixed Seed

	mu     sync.Mutex               // guards snaps, sims and vers
	snapMu sync.Mutex               // one computation of results at a time, so a crowd waits for one
	snaps  map[string]*snapshot     // by session: cached results
	sims   map[string]*class.SimRun // by opt-in rule and seed: simulated studies
	vers   map[string]int           // by session: changes since start
}

// snapshot is a session's students and results at one version.
type snapshot struct {
	version int
	at      time.Time
	sess    class.Session
	done    []*class.Student
	all     []class.Student
	res     class.Results
	ranks   [2]class.Standings // the complete students' scores in each round
}

// New makes a server.
func New(cfg Config) *Server {
	def := func(x *float64, v float64) {
		if *x == 0 {
			*x = v
		}
	}
	def(&cfg.TokenRate, 10)
	def(&cfg.TokenBurst, 40)
	def(&cfg.IPRate, 20)
	def(&cfg.IPBurst, 80)
	def(&cfg.JoinRate, 10)
	def(&cfg.JoinBurst, 600)
	def(&cfg.BadTokenRate, 0.5)
	def(&cfg.BadTokenBurst, 20)
	if cfg.MaxStreams == 0 {
		cfg.MaxStreams = 2000
	}
	if cfg.MaxSessionStreams == 0 {
		cfg.MaxSessionStreams = 600
	}
	if cfg.BodyTimeout == 0 {
		cfg.BodyTimeout = 10 * time.Second
	}
	if cfg.RoundSeconds == 0 {
		cfg.RoundSeconds = 120
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logf == nil {
		cfg.Logf = log.Printf
	}
	s := &Server{cfg: cfg, hosts: ownHosts(cfg.BaseURL), mux: http.NewServeMux(), hub: newHub(), stop: make(chan struct{}),
		byToken: newLimiter(cfg.TokenRate, cfg.TokenBurst), byIP: newLimiter(cfg.IPRate, cfg.IPBurst),
		joins: newLimiter(cfg.JoinRate, cfg.JoinBurst), badTokens: failures{newLimiter(cfg.BadTokenRate, cfg.BadTokenBurst)},
		snaps: map[string]*snapshot{}, sims: map[string]*class.SimRun{}, vers: map[string]int{}}
	s.routes()
	return s
}

// Close ends the event streams, so that the HTTP server can shut down.
func (s *Server) Close() { s.closeOnce.Do(func() { close(s.stop) }) }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		w.Header().Set("Connection", "close") // and no waiting for a body it would not read
		writeError(w, fail(http.StatusMisdirectedRequest, "host %q is not this server's; want one of its own addresses, localhost, or the -url given", r.Host))
		return
	}
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) routes() {
	static, _ := fs.Sub(webFiles, "web")
	page := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "no-cache")
			http.ServeFileFS(w, r, static, name)
		}
	}
	s.mux.HandleFunc("GET /{$}", page("home.html"))
	s.mux.HandleFunc("GET /t/{id}", page("teacher.html"))
	s.mux.HandleFunc("GET /j/{$}", page("student.html"))
	s.mux.HandleFunc("GET /j/{id}", page("student.html"))
	s.mux.HandleFunc("GET /r/{room}", s.api(s.room, byJoin)) // a class's worth at once, as for joins
	s.mux.HandleFunc("GET /api/s/{id}/labels", s.api(s.labels, byIP))
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", noListing(http.FileServerFS(static))))
	s.mux.HandleFunc("/", s.notFound)

	s.mux.HandleFunc("POST /api/sessions", s.api(s.createSession, byIP|write))
	s.mux.HandleFunc("GET /api/s/{id}/qr.png", s.api(s.qr, byIP))
	s.mux.HandleFunc("GET /api/s/{id}/events", s.events)

	s.mux.HandleFunc("POST /api/s/{id}/join", s.api(s.join, byJoin|write))
	s.mux.HandleFunc("GET /api/s/{id}/me", s.api(s.student(s.me), byToken))
	s.mux.HandleFunc("POST /api/s/{id}/start", s.api(s.student(s.start), byToken|write))
	s.mux.HandleFunc("POST /api/s/{id}/answer", s.api(s.student(s.answer), byToken|write))
	s.mux.HandleFunc("POST /api/s/{id}/assess", s.api(s.student(s.assess), byToken|write))
	s.mux.HandleFunc("POST /api/s/{id}/choose", s.api(s.student(s.choose), byToken|write))

	s.mux.HandleFunc("GET /api/s/{id}/teacher", s.api(s.teacher(s.teacherView), byToken))
	s.mux.HandleFunc("POST /api/s/{id}/phase", s.api(s.teacher(s.setPhase), byToken|write))
	s.mux.HandleFunc("POST /api/s/{id}/framing", s.api(s.teacher(s.setFraming), byToken|write))
	s.mux.HandleFunc("GET /api/s/{id}/export.csv", s.api(s.teacher(s.exportCSV), byToken))
	s.mux.HandleFunc("POST /api/s/{id}/delete", s.api(s.teacher(s.deleteSession), byToken|write))
	s.mux.HandleFunc("POST /api/s/{id}/student", s.api(s.teacher(s.studentControl), byToken|write))
}

// notFound answers what no route takes: 405 with Allow where the path is
// a route's under another method (the catch-all would otherwise take it
// before the mux's own 405), else 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		other := r.Clone(r.Context())
		other.Method = m
		if _, pattern := s.mux.Handler(other); m != r.Method && pattern != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, fail(http.StatusMethodNotAllowed, "%s %s is not allowed; want %s", r.Method, r.URL.Path, strings.Join(allow, " or ")))
		return
	}
	writeError(w, fail(http.StatusNotFound, "%s %s is not a page or API of this server", r.Method, r.URL.Path))
}

// guard is how a route is rate-limited and guarded.
type guard int

// The guards, combined with |.
const (
	byIP    guard = 1 << iota // limited per client address
	byToken                   // limited per token, where one is presented
	write                     // state-changing: same-origin check
	byJoin                    // joins: per address, a class's worth at once
)

// noListing serves files and answers 404 for directories, so that no
// directory's contents are listed.
func noListing(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			writeError(w, fail(http.StatusNotFound, "%s is a directory, which this server does not list; want a file's path", r.RequestURI)) // RequestURI: before StripPrefix
			return
		}
		h.ServeHTTP(w, r)
	})
}

// api wraps a handler that returns an error with the rate limit, the
// same-origin check and the error reply.
func (s *Server) api(h func(http.ResponseWriter, *http.Request) error, flags guard) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := s.guard(r, flags); err != nil {
			writeError(w, err)
			return
		}
		if flags&write != 0 { // the wall clock: a deadline on the connection, not the server's clock
			http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.cfg.BodyTimeout))
		}
		if err := h(w, r); err != nil {
			var ae *apiError
			if !errors.As(err, &ae) {
				s.cfg.Logf("mentorsim class: %s %s: %v", r.Method, r.URL.Path, err)
			}
			writeError(w, err)
		}
	}
}

func (s *Server) guard(r *http.Request, flags guard) error {
	now := s.cfg.Now()
	key, lim := "ip:"+clientIP(r), s.byIP
	if tok := bearer(r); flags&byToken != 0 && tok != "" {
		key, lim = "tok:"+tok, s.byToken
	} else if flags&byJoin != 0 {
		lim = s.joins
	}
	if !lim.allow(key, now) {
		return fail(http.StatusTooManyRequests, "too many requests from this client; wait a moment and try again")
	}
	if flags&write != 0 {
		return sameOrigin(r)
	}
	return nil
}

// session loads the path's session, refusing an ill-formed or unknown id.
func (s *Server) session(r *http.Request) (class.Session, []byte, error) {
	id := strings.ToUpper(r.PathValue("id"))
	if !validCode(id) {
		return class.Session{}, nil, fail(http.StatusBadRequest, "session %q is not allowed; want a code of %d letters and digits", clip(r.PathValue("id")), codeLen)
	}
	// An unknown code counts against the address as a wrong token does, so
	// that codes cannot be tried without end; once the address has tried
	// too many, only sessions held in memory are looked up.
	now := s.cfg.Now()
	var sess class.Session
	var hash []byte
	var err error
	if s.badTokens.exhausted(r, now) {
		var ok bool
		if sess, hash, ok = s.cfg.Store.CachedSession(id); !ok {
			err = store.ErrNotFound
		}
	} else {
		sess, hash, err = s.cfg.Store.Session(id)
	}
	if errors.Is(err, store.ErrNotFound) {
		return sess, nil, s.badTokens.refuse(r, now, fail(http.StatusNotFound, "session %q is unknown (ended or mistyped?)", id))
	}
	return sess, hash, err
}

// changed records a change to a session and tells its pages.
func (s *Server) changed(session string, phase bool) {
	s.mu.Lock()
	s.vers[session]++
	s.mu.Unlock()
	s.hub.notify(session, phase)
}

// snapshot returns the session's students and results, computed at most
// once per change and per second (deadlines pass without changes).
func (s *Server) snapshot(sess class.Session) (*snapshot, error) {
	fresh := func() (*snapshot, int) {
		s.mu.Lock()
		defer s.mu.Unlock()
		v, snap := s.vers[sess.ID], s.snaps[sess.ID]
		if snap != nil && snap.version == v && snap.sess == sess && s.cfg.Now().Sub(snap.at) < time.Second {
			return snap, v
		}
		return nil, v
	}
	if snap, _ := fresh(); snap != nil {
		return snap, nil
	}
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	snap, v := fresh()
	if snap != nil {
		return snap, nil
	}
	now := s.cfg.Now()
	all, err := s.cfg.Store.Students(sess.ID)
	if err != nil {
		return nil, err
	}
	snap = &snapshot{version: v, at: now, sess: sess, all: all, res: class.Compute(&sess, all, now)}
	if f := snap.res.Fit; f != nil {
		snap.res.Sim = s.simulate(*f, sess.Seed)
	}
	snap.done = class.Done(&sess, all, now)
	snap.ranks = [2]class.Standings{class.NewStandings(snap.done, 1), class.NewStandings(snap.done, 2)}
	s.mu.Lock()
	s.snaps[sess.ID] = snap
	s.mu.Unlock()
	return snap, nil
}

// simulate runs the study with the class's opt-in rule, once per rule
// (called with snapMu held).
func (s *Server) simulate(f class.Fit, seed uint64) *class.SimRun {
	key := fmt.Sprint(class.RuleParams(f), seed)
	if run := s.sims[key]; run != nil {
		return run
	}
	run := class.Simulate(f, seed)
	if len(s.sims) > 1000 {
		clear(s.sims)
	}
	s.sims[key] = &run
	return &run
}

func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	cut := 40
	for cut > 0 && !utf8.RuneStart(s[cut]) { // not inside a character
		cut--
	}
	return s[:cut] + "…"
}
