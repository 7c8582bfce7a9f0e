package server

import (
	"math"
	"net/http"

	"mentorsim/class"
)

// roundView is one round as the student sees it.
type roundView struct {
	Started     bool               `json:"started"`
	Done        bool               `json:"done"`
	RemainingMS int64              `json:"remaining_ms"`
	Score       int                `json:"score"`
	Answers     map[int]answerView `json:"answers"`
	Items       []class.Item       `json:"items,omitempty"`
}

type answerView struct {
	Pitch string `json:"pitch"`
	Sale  bool   `json:"sale"`
}

// meView is everything a student may see of the session: their own record.
type meView struct {
	Session        string       `json:"session"`
	Phase          string       `json:"phase"`
	Student        string       `json:"student"`
	Nickname       string       `json:"nickname"`
	Label          string       `json:"label,omitempty"`
	Status         string       `json:"status"`
	JoinedPhase    string       `json:"joined_phase"` // the phase the student joined in
	RoundSeconds   int          `json:"round_seconds"`
	Rounds         [2]roundView `json:"rounds"`
	SelfAssessment *int         `json:"self_assessment"`
	Branch         string       `json:"branch,omitempty"` // once round 1 is over for them
	Asked          bool         `json:"asked"`            // voluntary branch: the question is theirs
	Public         bool         `json:"public"`           // their choice will be shown on the projector
	OptedIn        *bool        `json:"opted_in"`
	Coaching       string       `json:"coaching,omitempty"` // in round 2: "card", "none" or "no_coach"
	Card           string       `json:"card,omitempty"`
	Result         *resultView  `json:"result,omitempty"`
}

// resultView is the student's own result, after the reveal.
type resultView struct {
	Round1   int       `json:"round1"`
	Round2   int       `json:"round2"`
	Beaten1  class.Num `json:"beaten1"` // % of the class beaten in round 1
	Beaten2  class.Num `json:"beaten2"`
	N        int       `json:"n"`
	Arm      string    `json:"arm"`
	Complete bool      `json:"complete"`          // among the class's results
	Removed  bool      `json:"removed,omitempty"` // left out by the teacher (so not complete, whatever was played)
}

// me answers with the student's view.
func (s *Server) me(w http.ResponseWriter, r *http.Request, q *studentReq) error {
	st, sess := &q.st, &q.sess
	v := meView{Session: sess.ID, Phase: sess.Phase, Student: st.Pseudonym(), Nickname: st.Nickname, Label: st.Label,
		Status: st.Status(sess, q.now), JoinedPhase: st.JoinedPhase, RoundSeconds: sess.RoundSeconds, SelfAssessment: st.SelfAssessment, OptedIn: st.OptedIn}
	pr := phaseRound(sess.Phase)
	for i := range v.Rounds {
		rd := i + 1
		rv := roundView{Started: st.Started[i] != nil, Done: st.RoundDone(sess, rd, q.now), Score: st.Score(rd), Answers: map[int]answerView{}}
		if rv.Started && !rv.Done {
			rv.RemainingMS = max(0, st.Deadline(sess, rd).Sub(q.now).Milliseconds())
		}
		for c, a := range st.Answers[i] {
			rv.Answers[c] = answerView{class.Pitches[a.Pitch], a.Sale}
		}
		if pr == rd && rv.Started && !rv.Done {
			rv.Items = class.Items(sess.Seed, rd)
		}
		v.Rounds[i] = rv
	}
	if st.Played(sess, 1, q.now) {
		v.Branch = st.Branch
		v.Asked = st.Branch == "voluntary"
		v.Public = v.Asked && st.Framing(sess) == "public"
	}
	if pr >= 2 && st.Offered() || sess.Phase == class.Revealed {
		v.Coaching = coaching(st)
		if st.Coached() {
			v.Card = class.Card
		}
	}
	if sess.Phase == class.Revealed {
		res, err := s.result(q)
		if err != nil {
			return err
		}
		v.Result = res
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func coaching(st *class.Student) string {
	switch {
	case !st.Offered():
		return ""
	case st.Coached():
		return "card"
	case st.Arm() == "optin_denied":
		return "no_coach"
	}
	return "none"
}

// result is the student's scores and ranks among the complete students.
func (s *Server) result(q *studentReq) (*resultView, error) {
	snap, err := s.snapshot(q.sess)
	if err != nil {
		return nil, err
	}
	res := &resultView{Round1: q.st.Score(1), Round2: q.st.Score(2), N: len(snap.done), Arm: q.st.Arm(),
		Beaten1: class.Num(math.NaN()), Beaten2: class.Num(math.NaN()), Removed: q.st.Excluded}
	for _, d := range snap.done {
		if d.Idx == q.st.Idx {
			res.Complete = true
			res.Beaten1 = class.Num(snap.ranks[0].Share(d.Score(1)))
			res.Beaten2 = class.Num(snap.ranks[1].Share(d.Score(2)))
		}
	}
	return res, nil
}
