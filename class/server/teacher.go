package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"html"
	mrand "math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/skip2/go-qrcode"

	"mentorsim/class"
	"mentorsim/class/store"
)

// Session codes: short, upper case, without look-alikes (0/O, 1/I/L).
const (
	codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
	codeLen      = 6
)

func validCode(id string) bool {
	if len(id) != codeLen {
		return false
	}
	for _, c := range id {
		if !strings.ContainsRune(codeAlphabet, c) {
			return false
		}
	}
	return true
}

func newCode() string {
	b := make([]byte, codeLen)
	rand.Read(b)
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}

// createSession starts a session. Only the machine the server runs on may
// create one, so students on the network cannot.
func (s *Server) createSession(w http.ResponseWriter, r *http.Request) error {
	if !isLoopback(r) {
		return fail(http.StatusForbidden, "sessions can only be created from the computer running the server")
	}
	var req struct {
		Framing *string  `json:"framing"`
		Room    *string  `json:"room"`
		Roster  []string `json:"roster"`
	}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	room, roster, err := checkRoomAndRoster(req.Room, req.Roster)
	if err != nil {
		return err
	}
	framing := "split"
	if req.Framing != nil {
		if err := class.CheckFraming(*req.Framing); err != nil {
			return fail(http.StatusBadRequest, "%v", err)
		}
		framing = *req.Framing
	}
	var seed [8]byte
	rand.Read(seed[:])
	// 48 bits: the seed stays exact in the pages' JavaScript numbers.
	sess := class.Session{Seed: binary.LittleEndian.Uint64(seed[:]) >> 16, Framing: framing, Phase: class.Lobby,
		RoundSeconds: s.cfg.RoundSeconds, Created: s.cfg.Now(), Room: room, Roster: roster}
	if s.cfg.Seed != 0 {
		sess.Seed = s.cfg.Seed + s.seeds.Add(1) - 1
	}
	tok, hash := newToken()
	for range 5 { // a clash of codes is rare; try a few
		sess.ID = newCode()
		if err = s.cfg.Store.CreateSession(sess, hash); err == nil {
			break
		}
	}
	if err != nil {
		return err
	}
	out := map[string]string{
		"session": sess.ID, "teacher_token": tok, "teacher_url": "/t/" + sess.ID + "#k=" + tok, "join_url": s.joinURL(r, sess.ID)}
	if room != "" {
		out["room_url"] = s.baseURL(r) + "/r/" + room
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// MaxRoster is the most labels a roster may hold; MaxLabel a label's
// length.
const (
	MaxRoster = 1000
	MaxLabel  = 32
)

// checkRoomAndRoster accepts an optional room name (letters, digits, - and
// _, at most 32) and an optional roster of distinct labels, each text of at
// most MaxLabel characters (checked as a nickname is), returned one a line.
func checkRoomAndRoster(room *string, roster []string) (string, string, error) {
	name := ""
	if room != nil {
		name = strings.ToLower(strings.TrimSpace(*room))
		if len(name) > 32 || strings.ContainsFunc(name, func(c rune) bool {
			return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')
		}) {
			return "", "", fail(http.StatusBadRequest, "room %q is not allowed; want at most 32 letters, digits, - or _", clip(*room))
		}
	}
	if len(roster) > MaxRoster {
		return "", "", fail(http.StatusBadRequest, "roster of %d labels is not allowed; want at most %d", len(roster), MaxRoster)
	}
	seen := map[string]bool{}
	labels := make([]string, 0, len(roster))
	for _, raw := range roster {
		l, err := checkNickname(raw)
		if err != nil || l == "" || utf8.RuneCountInString(l) > MaxLabel || seen[l] {
			return "", "", fail(http.StatusBadRequest, "roster label %q is not allowed; want distinct, non-empty text of at most %d characters, without control characters", clip(raw), MaxLabel)
		}
		seen[l] = true
		labels = append(labels, l)
	}
	return name, strings.Join(labels, "\n"), nil
}

// room leads a room's lasting link to its newest session's join page.
func (s *Server) room(w http.ResponseWriter, r *http.Request) error {
	name := strings.ToLower(r.PathValue("room"))
	id, err := s.cfg.Store.RoomSession(name)
	if errors.Is(err, store.ErrNotFound) {
		// A student's browser opened the room's link early: a page, not
		// JSON, that looks again every 8 to 15 s (spread, so that a class
		// behind one address stays within its allowance) until the class
		// starts.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="%d">`+
			`<link rel="stylesheet" href="/static/style.css"><title>Waiting for the class</title><main class="card"><h1>Room %s</h1><p>No session has started here yet. This page looks again every few seconds; your teacher starts the session.</p></main>`,
			8+mrand.IntN(8), html.EscapeString(clip(name)))
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/j/"+id, http.StatusFound)
	return nil
}

// studentControl is the teacher's per-student control: remove a student
// from the analysis (or put them back), end their current round for them
// (a student who is stuck or gone), both recorded in the export, or free
// their roster label for a student who lost their link to join anew.
func (s *Server) studentControl(w http.ResponseWriter, r *http.Request, q *teacherReq) error {
	var req struct {
		Student  string `json:"student"`
		Exclude  *bool  `json:"exclude"`
		EndRound *int   `json:"end_round"`
		Release  bool   `json:"release_label"`
	}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	all, err := s.cfg.Store.Students(q.sess.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(all, func(st class.Student) bool { return st.Pseudonym() == req.Student })
	if i < 0 {
		return fail(http.StatusNotFound, "student %q is not in session %s; want an id like S001 from the roster", clip(req.Student), q.sess.ID)
	}
	st := &all[i]
	switch {
	case b2i(req.Exclude != nil)+b2i(req.EndRound != nil)+b2i(req.Release) != 1:
		return fail(http.StatusBadRequest, `want one of "exclude": true or false, "end_round": 1 or 2, or "release_label": true`)
	case req.Release && st.Label == "":
		return fail(http.StatusConflict, "student %s has no roster label to free", req.Student)
	case req.Release:
		err = s.cfg.Store.ReleaseLabel(q.sess.ID, st.Idx)
	case req.Exclude != nil:
		err = s.cfg.Store.SetExcluded(q.sess.ID, st.Idx, *req.Exclude)
	case *req.EndRound != 1 && *req.EndRound != 2:
		return fail(http.StatusBadRequest, `end_round: %d is not allowed; want 1 or 2`, *req.EndRound)
	case st.Started[*req.EndRound-1] == nil || st.RoundDone(&q.sess, *req.EndRound, q.now):
		// Ending a round not under way would end it before it starts.
		return fail(http.StatusConflict, "student %s is not playing round %d; want a student whose round is under way", req.Student, *req.EndRound)
	default:
		err = s.cfg.Store.EndRound(q.sess.ID, st.Idx, *req.EndRound, q.now)
	}
	if err != nil {
		return err
	}
	s.changed(q.sess.ID, false)
	writeJSON(w, http.StatusOK, map[string]string{"student": req.Student})
	return nil
}

// b2i counts a condition that holds as 1.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *Server) joinURL(r *http.Request, id string) string { return s.baseURL(r) + "/j/" + id }

// baseURL is the scheme and host of the links the server gives out.
func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return s.cfg.BaseURL
	}
	return "http://" + r.Host
}

// teacherReq is what a teacher's handler gets.
type teacherReq struct {
	sess class.Session
	now  time.Time
}

// teacher wraps a handler that only the session's teacher token may call.
func (s *Server) teacher(h func(http.ResponseWriter, *http.Request, *teacherReq) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		sess, hash, err := s.session(r)
		if err != nil {
			return err
		}
		tok := bearer(r)
		if tok == "" {
			return fail(http.StatusUnauthorized, "teacher token is missing; open the teacher link you were given")
		}
		if subtle.ConstantTimeCompare(hashToken(tok), hash) != 1 {
			return s.badTokens.refuse(r, s.cfg.Now(), fail(http.StatusForbidden, "teacher token is wrong for session %s", sess.ID))
		}
		return h(w, r, &teacherReq{sess, s.cfg.Now()})
	}
}

// rosterRow is one student on the teacher's page.
type rosterRow struct {
	Student  string `json:"student"`
	Nickname string `json:"nickname"`
	Label    string `json:"label,omitempty"` // the roster label the student picked
	Excluded bool   `json:"excluded"`        // removed from the analysis by the teacher
	Status   string `json:"status"`
	Round1   int    `json:"round1"`
	Round2   int    `json:"round2"`
	Public   bool   `json:"public"`
	OptedIn  *bool  `json:"opted_in,omitempty"` // shown only for public framing, after the reveal
}

func (s *Server) teacherView(w http.ResponseWriter, r *http.Request, q *teacherReq) error {
	snap, err := s.snapshot(q.sess)
	if err != nil {
		return err
	}
	roster := make([]rosterRow, 0, len(snap.all))
	for i := range snap.all {
		st := &snap.all[i]
		row := rosterRow{Student: st.Pseudonym(), Nickname: st.Nickname, Label: st.Label, Excluded: st.Excluded, Status: st.Status(&q.sess, q.now),
			Round1: st.Score(1), Round2: st.Score(2), Public: st.Branch == "voluntary" && st.Framing(&q.sess) == "public"}
		if row.Public && q.sess.Phase == class.Revealed {
			row.OptedIn = st.OptedIn
		}
		roster = append(roster, row)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"session": map[string]any{"id": q.sess.ID, "phase": q.sess.Phase, "framing": q.sess.Framing,
			"seed": q.sess.Seed, "round_seconds": q.sess.RoundSeconds, "created": q.sess.Created.UTC()},
		"join_url": s.joinURL(r, q.sess.ID),
		"roster":   roster,
		"results":  snap.res,
	})
	return nil
}

// setPhase moves the session one phase on; asking for the phase it is
// already in changes nothing.
func (s *Server) setPhase(w http.ResponseWriter, r *http.Request, q *teacherReq) error {
	var req struct {
		Phase *string `json:"phase"`
	}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if req.Phase == nil {
		return fail(http.StatusBadRequest, "phase is missing; want one of lobby, round1, round2, revealed")
	}
	to, err := class.PhaseIndex(*req.Phase)
	if err != nil {
		return fail(http.StatusBadRequest, "%v", err)
	}
	from, _ := class.PhaseIndex(q.sess.Phase)
	if to != from {
		if to != from+1 {
			if from+1 == len(class.Phases) {
				return fail(http.StatusConflict, "phase %s cannot follow %s, the last phase", *req.Phase, q.sess.Phase)
			}
			return fail(http.StatusConflict, "phase %s cannot follow %s; the next phase is %s", *req.Phase, q.sess.Phase, class.Phases[from+1])
		}
		if err := s.cfg.Store.SetPhase(q.sess.ID, *req.Phase); err != nil {
			return err
		}
		s.changed(q.sess.ID, true)
	}
	writeJSON(w, http.StatusOK, map[string]string{"phase": *req.Phase})
	return nil
}

// setFraming chooses the framing of the offer, before round 1 starts.
func (s *Server) setFraming(w http.ResponseWriter, r *http.Request, q *teacherReq) error {
	var req struct {
		Framing *string `json:"framing"`
	}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if req.Framing == nil {
		return fail(http.StatusBadRequest, "framing is missing; want one of private, public, split")
	}
	if err := class.CheckFraming(*req.Framing); err != nil {
		return fail(http.StatusBadRequest, "%v", err)
	}
	if q.sess.Phase != class.Lobby {
		return fail(http.StatusConflict, "the framing can only be chosen before round 1 starts")
	}
	if err := s.cfg.Store.SetFraming(q.sess.ID, *req.Framing); err != nil {
		return err
	}
	s.changed(q.sess.ID, true)
	writeJSON(w, http.StatusOK, map[string]string{"framing": *req.Framing})
	return nil
}

// exportCSV sends the session's students as CSV (as `mentorsim class
// export` writes them).
func (s *Server) exportCSV(w http.ResponseWriter, r *http.Request, q *teacherReq) error {
	all, err := s.cfg.Store.Students(q.sess.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="mentorsim-class-`+q.sess.ID+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	return class.WriteCSV(w, []class.Session{q.sess}, [][]class.Student{all}, q.now)
}

// deleteSession deletes the session and everything in it.
func (s *Server) deleteSession(w http.ResponseWriter, r *http.Request, q *teacherReq) error {
	var req struct{}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if err := s.cfg.Store.DeleteSession(q.sess.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	s.changed(q.sess.ID, true)
	writeJSON(w, http.StatusOK, map[string]string{"deleted": q.sess.ID})
	return nil
}

// qr sends the join link as a QR code.
func (s *Server) qr(w http.ResponseWriter, r *http.Request) error {
	sess, _, err := s.session(r)
	if err != nil {
		return err
	}
	png, err := qrcode.Encode(s.joinURL(r, sess.ID), qrcode.Medium, 320)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-cache")
	_, err = w.Write(png)
	return err
}

// events streams the session's change notices (no data: see hub).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if err := s.guard(r, byIP); err != nil {
		writeError(w, err)
		return
	}
	sess, _, err := s.session(r)
	if err != nil {
		writeError(w, err)
		return
	}
	if err := s.hub.admit(sess.ID, s.cfg.MaxStreams, s.cfg.MaxSessionStreams); err != nil {
		writeError(w, err)
		return
	}
	defer s.hub.leave()
	s.hub.serve(w, r, sess.ID, r.URL.Query().Get("all") == "1", s.stop, 300*time.Millisecond)
}
