package server

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"mentorsim/class"
	"mentorsim/class/store"
)

// MaxNickname is the longest nickname, in characters.
const MaxNickname = 32

// studentReq is what a student's handler gets: the session, the student
// (with their answers) and the time.
type studentReq struct {
	sess class.Session
	st   class.Student
	now  time.Time
}

// student wraps a handler that needs the student the bearer token names.
func (s *Server) student(h func(http.ResponseWriter, *http.Request, *studentReq) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		sess, _, err := s.session(r)
		if err != nil {
			return err
		}
		tok := bearer(r)
		if tok == "" {
			return fail(http.StatusUnauthorized, "student token is missing; join the session first")
		}
		hash := hashToken(tok)
		var st class.Student
		if s.badTokens.exhausted(r, s.cfg.Now()) { // no database reads for this address
			if cached, ok := s.cfg.Store.CachedStudent(sess.ID, hash); ok {
				st = cached
			} else {
				err = store.ErrNotFound
			}
		} else {
			st, err = s.cfg.Store.StudentByToken(sess.ID, hash)
		}
		if errors.Is(err, store.ErrNotFound) {
			return s.badTokens.refuse(r, s.cfg.Now(), fail(http.StatusUnauthorized, "student token is not one of session %s's; join the session again", sess.ID))
		}
		if err != nil {
			return err
		}
		return h(w, r, &studentReq{sess, st, s.cfg.Now()})
	}
}

// join adds a student; the answer holds the token their browser keeps.
func (s *Server) join(w http.ResponseWriter, r *http.Request) error {
	sess, _, err := s.session(r)
	if err != nil {
		return err
	}
	var req struct {
		Nickname *string `json:"nickname"`
		Label    *string `json:"label"`
		// Token, if given, is the student's token, drawn at random by the
		// page, so that a join whose answer was lost (a Wi-Fi drop) can be
		// sent again and find the student it made, not make another.
		Token *string `json:"token"`
	}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	tok, hash := newToken()
	if req.Token != nil {
		if !wellFormedToken(*req.Token) {
			return fail(http.StatusBadRequest, "token: %q is not allowed; want %d characters of base64url (A-Z, a-z, 0-9, - and _) drawn at random", clip(*req.Token), tokenChars)
		}
		tok, hash = *req.Token, hashToken(*req.Token)
	}
	nick := ""
	if req.Nickname != nil {
		if nick, err = checkNickname(*req.Nickname); err != nil {
			return err
		}
	}
	label, err := checkLabel(&sess, req.Label)
	if err != nil {
		return err
	}
	if sess.Phase == class.Revealed {
		return fail(http.StatusConflict, "session %s has ended; joining is closed", sess.ID)
	}
	st, err := s.cfg.Store.Join(sess, nick, label, hash, s.cfg.Now())
	switch {
	case errors.Is(err, store.ErrTokenTaken) && req.Token != nil:
		return s.joinedAgain(w, sess.ID, tok, hash, label)
	case errors.Is(err, store.ErrLabelTaken):
		return fail(http.StatusConflict, "label %q is taken; pick your own", label)
	case err != nil:
		return err
	}
	s.changed(sess.ID, false)
	writeJSON(w, http.StatusCreated, map[string]string{"token": tok, "student": st.Pseudonym()})
	return nil
}

// joinedAgain answers a join whose token a student has already: the same
// join sent again (its answer was lost) finds the student it made; a token
// in use elsewhere, or a join that now names another label, is refused, and
// the page draws a new token.
func (s *Server) joinedAgain(w http.ResponseWriter, session, tok string, hash []byte, label string) error {
	st, err := s.cfg.Store.StudentByToken(session, hash)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fail(http.StatusConflict, "token is in use; the page draws another when you join again")
	case err != nil:
		return err
	case st.Label != label:
		return fail(http.StatusConflict, "this page joined already, as %q; join again to join as someone else", st.Label)
	}
	writeJSON(w, http.StatusOK, map[string]string{"token": tok, "student": st.Pseudonym()})
	return nil
}

// checkLabel checks a joining student's label against the session's
// roster: required and one of it when there is a roster, absent when not.
func checkLabel(sess *class.Session, label *string) (string, error) {
	labels := sess.Labels()
	switch {
	case len(labels) == 0 && label != nil && *label != "":
		return "", fail(http.StatusBadRequest, "label %q is not allowed; session %s has no roster", clip(*label), sess.ID)
	case len(labels) == 0:
		return "", nil
	case label == nil || !slices.Contains(labels, *label):
		got := ""
		if label != nil {
			got = *label
		}
		return "", fail(http.StatusBadRequest, "label %q is not allowed; want one of the session's roster (%d labels)", clip(got), len(labels))
	}
	return *label, nil
}

// labels lists the roster's labels not yet taken, for the join screen.
func (s *Server) labels(w http.ResponseWriter, r *http.Request) error {
	sess, _, err := s.session(r)
	if err != nil {
		return err
	}
	all, err := s.cfg.Store.Students(sess.ID)
	if err != nil {
		return err
	}
	taken := map[string]bool{}
	for _, st := range all {
		taken[st.Label] = true
	}
	free := []string{}
	for _, l := range sess.Labels() {
		if !taken[l] {
			free = append(free, l)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"roster": len(sess.Labels()) > 0, "labels": free})
	return nil
}

// checkNickname trims a nickname, strips invisible format characters
// (Unicode category Cf: bidi overrides and isolates, zero-width joiners and
// spaces, which could reverse or hide the projector's text) and the other
// invisible ones, and refuses one that is too long, too wide on screen or
// holds control characters or line breaks.
// Markup is allowed: the pages only ever show it as text, each isolated in
// a <bdi>.
func checkNickname(n string) (string, error) {
	n = strings.TrimSpace(strings.Map(func(c rune) rune {
		// Format characters and the other invisible ones (Hangul fillers,
		// say) would let a name look like another, or like nothing.
		if unicode.Is(unicode.Cf, c) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, c) {
			return -1
		}
		return c
	}, n))
	if utf8.RuneCountInString(n) > MaxNickname || displayWidth(n) > MaxNickname {
		return "", fail(http.StatusBadRequest, "nickname %q is not allowed; want at most %d characters (wide ones count twice)", clip(n), MaxNickname)
	}
	for _, c := range n {
		if unicode.IsControl(c) || unicode.In(c, unicode.Zl, unicode.Zp) {
			return "", fail(http.StatusBadRequest, "nickname %q is not allowed; want no control characters or line breaks", clip(n))
		}
	}
	return n, nil
}

// displayWidth is how many columns s takes on screen: wide and fullwidth
// characters (CJK, most emoji) two, combining marks none, the rest one.
func displayWidth(s string) int {
	w := 0
	for _, c := range s {
		switch {
		case unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Me, c):
		case width.LookupRune(c).Kind() == width.EastAsianWide || width.LookupRune(c).Kind() == width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return w
}

// phaseRound is the round being played in a phase (0 if none).
func phaseRound(phase string) int {
	switch phase {
	case class.Round1:
		return 1
	case class.Round2:
		return 2
	}
	return 0
}

// start starts the student's clock for the round the session is in.
func (s *Server) start(w http.ResponseWriter, r *http.Request, q *studentReq) error {
	var req struct {
		Round *int `json:"round"`
	}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if err := q.canPlay(req.Round); err != nil {
		return err
	}
	if q.st.Started[*req.Round-1] == nil {
		if err := s.cfg.Store.StartRound(q.sess.ID, q.st.Idx, *req.Round, q.now); err != nil {
			return err
		}
		q.st.Started[*req.Round-1] = &q.now
		s.changed(q.sess.ID, false)
	}
	return s.me(w, r, q)
}

// canPlay checks that the student may play round r now.
func (q *studentReq) canPlay(r *int) error {
	if r == nil || (*r != 1 && *r != 2) {
		return fail(http.StatusBadRequest, "round is missing or not allowed; want 1 or 2")
	}
	if phaseRound(q.sess.Phase) != *r {
		return fail(http.StatusConflict, "round %d is not open (the session is in phase %s)", *r, q.sess.Phase)
	}
	if *r == 2 && q.st.Started[0] == nil {
		return fail(http.StatusConflict, "round 2 is only for students who played round 1; you joined after it closed")
	}
	if *r == 2 && !q.st.Offered() {
		return fail(http.StatusConflict, "round 2 starts after your self-assessment and the offer; answer them first")
	}
	return nil
}

// answer records one call's pitch; a repeat returns the stored result.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, q *studentReq) error {
	var req struct {
		Round *int    `json:"round"`
		Call  *int    `json:"call"`
		Pitch *string `json:"pitch"`
	}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if req.Call == nil || *req.Call < 0 || *req.Call >= class.Calls {
		return fail(http.StatusBadRequest, "call is missing or not allowed; want 0 to %d", class.Calls-1)
	}
	if req.Pitch == nil {
		return fail(http.StatusBadRequest, "pitch is missing; want one of discount, demo, story")
	}
	p, err := class.PitchIndex(*req.Pitch)
	if err != nil {
		return fail(http.StatusBadRequest, "%v", err)
	}
	if err := q.canPlay(req.Round); err != nil {
		return err
	}
	rd := *req.Round
	if prev, ok := q.st.Answers[rd-1][*req.Call]; ok {
		return replyAnswer(w, prev, q, rd)
	}
	if q.st.Started[rd-1] == nil {
		return fail(http.StatusConflict, "round %d has not started for you; start it first", rd)
	}
	if !q.now.Before(q.st.Deadline(&q.sess, rd)) {
		return fail(http.StatusConflict, "your time for round %d is up", rd)
	}
	a, err := s.cfg.Store.Answer(q.sess.ID, q.st.Idx, rd, *req.Call, class.Answer{Pitch: p, Sale: class.Sells(q.sess.Seed, rd, *req.Call, p), At: q.now})
	if err != nil {
		return err
	}
	q.st.Answers[rd-1][*req.Call] = a
	s.changed(q.sess.ID, false)
	return replyAnswer(w, a, q, rd)
}

func replyAnswer(w http.ResponseWriter, a class.Answer, q *studentReq, rd int) error {
	writeJSON(w, http.StatusOK, map[string]any{"pitch": class.Pitches[a.Pitch], "sale": a.Sale, "score": q.st.Score(rd), "answered": len(q.st.Answers[rd-1])})
	return nil
}

// canOffer checks that the student may answer the self-assessment or the
// offer: round 1 over for them, round 2 not started, and their answers not
// locked. Answers lock when round 2 begins for a student who has given
// them (or, later, the moment they give them): from then on the coin flip
// is in force and /me shows it, so a change could game the randomisation.
func (q *studentReq) canOffer() error {
	pr := phaseRound(q.sess.Phase)
	if pr == 0 {
		return fail(http.StatusConflict, "answers are closed (the session is in phase %s)", q.sess.Phase)
	}
	if pr >= 2 && q.st.Offered() {
		return fail(http.StatusConflict, "your answers were locked when round 2 began; they can no longer change")
	}
	if q.st.Started[0] == nil || !q.st.RoundDone(&q.sess, 1, q.now) {
		return fail(http.StatusConflict, "finish round 1 first")
	}
	if q.st.Started[1] != nil {
		return fail(http.StatusConflict, "you have started round 2; your answers before it are closed")
	}
	return nil
}

// assess records the share of the class the student thinks they beat.
func (s *Server) assess(w http.ResponseWriter, r *http.Request, q *studentReq) error {
	var req struct {
		Share *int `json:"share"`
	}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if req.Share == nil || *req.Share < 0 || *req.Share > 100 {
		return fail(http.StatusBadRequest, "share is missing or not allowed; want a whole number from 0 to 100")
	}
	if err := q.canOffer(); err != nil {
		return err
	}
	if err := s.cfg.Store.SetSelfAssessment(q.sess.ID, q.st.Idx, *req.Share, q.now); err != nil {
		return err
	}
	q.st.SelfAssessment = req.Share
	s.changed(q.sess.ID, false)
	return s.me(w, r, q)
}

// choose records a voluntary-branch student's answer to the offer.
func (s *Server) choose(w http.ResponseWriter, r *http.Request, q *studentReq) error {
	var req struct {
		Optin *bool `json:"optin"`
	}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if req.Optin == nil {
		return fail(http.StatusBadRequest, "optin is missing; want true or false")
	}
	if q.st.Branch != "voluntary" {
		return fail(http.StatusConflict, "you were not asked: your coaching was decided for you")
	}
	if err := q.canOffer(); err != nil {
		return err
	}
	if q.st.SelfAssessment == nil {
		return fail(http.StatusConflict, "answer the self-assessment first")
	}
	if err := s.cfg.Store.SetChoice(q.sess.ID, q.st.Idx, *req.Optin, q.now); err != nil {
		return err
	}
	q.st.OptedIn = req.Optin
	s.changed(q.sess.ID, false)
	return s.me(w, r, q)
}
