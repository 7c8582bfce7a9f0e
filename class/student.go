package class

import (
	"fmt"
	"strings"
	"time"
)

// The session's phases, in order. The teacher moves the session forward.
const (
	Lobby    = "lobby"    // students join
	Round1   = "round1"   // round 1, the self-assessment and the offer
	Round2   = "round2"   // round 2 (round 1 is closed)
	Revealed = "revealed" // results shown to students; nothing more accepted
)

// Phases lists the phases in order.
var Phases = []string{Lobby, Round1, Round2, Revealed}

// PhaseIndex returns the phase's position in Phases, or an error naming
// what is allowed.
func PhaseIndex(p string) (int, error) {
	for i, q := range Phases {
		if q == p {
			return i, nil
		}
	}
	return 0, fmt.Errorf("phase %q is unknown; want one of lobby, round1, round2, revealed", p)
}

// Framings the teacher can choose; split draws one of the first two for
// each student.
var Framings = []string{"private", "public", "split"}

// Session is one class's run of the activity.
type Session struct {
	ID           string // the short join code
	Seed         uint64 // the seed of the items and the randomisation
	Framing      string
	Phase        string
	RoundSeconds int // each student's time for a round
	Created      time.Time
	// Room, if not empty, is the lasting room whose link (/r/ROOM) leads
	// to its newest session.
	Room string
	// Roster, if not empty, is the participant labels students pick from
	// when they join, one a line.
	Roster string
}

// Labels are the roster's participant labels, in order.
func (s *Session) Labels() []string {
	if s.Roster == "" {
		return nil
	}
	return strings.Split(s.Roster, "\n")
}

// Answer is one call's pitch and its result.
type Answer struct {
	Pitch int // index in Pitches
	Sale  bool
	At    time.Time
}

// Student is one student's record: who they are to the teacher, their
// assignment and everything they did.
type Student struct {
	Idx         int // join order within the session, from 0
	Nickname    string
	Joined      time.Time
	JoinedPhase string
	Assignment
	SelfAssessment *int  // share of the class they think they beat, 0–100
	OptedIn        *bool // voluntary branch: asked for the card
	// AssessedAt and ChoseAt are when the self-assessment and the answer to
	// the offer were last given.
	AssessedAt, ChoseAt *time.Time
	Label               string // the roster label the student picked, if any
	// Excluded is the teacher's removal of the student from the analysis.
	Excluded bool
	// Ended is when the teacher ended the student's round for them.
	Ended   [2]*time.Time
	Started [2]*time.Time
	Answers [2]map[int]Answer // by call
}

// Pseudonym is the student's id in exports: the join order, not the name.
func (s *Student) Pseudonym() string { return fmt.Sprintf("S%03d", s.Idx+1) }

// Framing is the framing the student's offer had.
func (s *Student) Framing(sess *Session) string {
	if sess.Framing != "split" {
		return sess.Framing
	}
	if s.PublicIfSplit {
		return "public"
	}
	return "private"
}

// Score is the number of sales in round r (1 or 2).
func (s *Student) Score(r int) int {
	n := 0
	for _, a := range s.Answers[r-1] {
		if a.Sale {
			n++
		}
	}
	return n
}

// Deadline is when the student's round r closes (RoundSeconds after they
// started it), or the zero time if they have not started it.
func (s *Student) Deadline(sess *Session, r int) time.Time {
	if s.Started[r-1] == nil {
		return time.Time{}
	}
	d := s.Started[r-1].Add(time.Duration(sess.RoundSeconds) * time.Second)
	if e := s.Ended[r-1]; e != nil && e.Before(d) {
		return *e // the teacher ended it early
	}
	return d
}

// RoundDone reports whether round r is over for the student: every call
// answered, or their time is up, or (round 1) the session has moved on.
func (s *Student) RoundDone(sess *Session, r int, now time.Time) bool {
	if len(s.Answers[r-1]) == Calls {
		return true
	}
	if s.Started[r-1] != nil && !now.Before(s.Deadline(sess, r)) {
		return true
	}
	pi, _ := PhaseIndex(sess.Phase)
	return pi > r // the teacher closed the round
}

// Offered reports whether the student has answered the offer: the
// self-assessment and, in the voluntary branch, the choice.
func (s *Student) Offered() bool {
	return s.SelfAssessment != nil && (s.Branch == "mandatory" || s.OptedIn != nil)
}

// Coached reports whether the student gets the coaching card for round 2.
func (s *Student) Coached() bool {
	if s.Branch == "mandatory" {
		return s.MandatoryCoached
	}
	return s.OptedIn != nil && *s.OptedIn && s.CoachedIfOptin
}

// Arm is the student's arm in the study's terms, once it is known.
func (s *Student) Arm() string {
	switch {
	case s.Branch == "mandatory" && s.MandatoryCoached:
		return "mandatory_coached"
	case s.Branch == "mandatory":
		return "mandatory_control"
	case s.OptedIn == nil:
		return ""
	case !*s.OptedIn:
		return "optout"
	case s.CoachedIfOptin:
		return "optin_coached"
	default:
		return "optin_denied"
	}
}

// Played reports whether the student played round r: started it, and it
// is over.
func (s *Student) Played(sess *Session, r int, now time.Time) bool {
	return s.Started[r-1] != nil && s.RoundDone(sess, r, now)
}

// Complete reports whether the student's data enter the results: both
// rounds played and the offer answered.
func (s *Student) Complete(sess *Session, now time.Time) bool {
	return s.Offered() && s.Played(sess, 1, now) && s.Played(sess, 2, now)
}

// Done is the students of all whose data enter the results: complete,
// and not removed by the teacher.
func Done(sess *Session, all []Student, now time.Time) []*Student {
	var done []*Student
	for i := range all {
		if all[i].Complete(sess, now) && !all[i].Excluded {
			done = append(done, &all[i])
		}
	}
	return done
}

// Status is a word for the teacher's roster.
func (s *Student) Status(sess *Session, now time.Time) string {
	pi, _ := PhaseIndex(sess.Phase)
	switch {
	case s.Excluded:
		return "removed from the analysis"
	case s.Complete(sess, now):
		return "done"
	case s.Started[0] == nil && pi >= 2:
		return "late" // did not play round 1: joined after it closed, or never started it
	case pi == 3:
		return "incomplete"
	case s.Started[1] != nil:
		return "round 2" + s.idle(1, now)
	case s.Offered():
		return "waiting for round 2"
	case s.Played(sess, 1, now):
		return "offer"
	case s.Started[0] != nil:
		return "round 1" + s.idle(0, now)
	default:
		return "joined"
	}
}

// Idle is how long a student may go without answering a call before the
// roster marks them as having perhaps left.
const Idle = 45 * time.Second

// idle marks a student who has not answered in round r+1 for Idle.
func (s *Student) idle(r int, now time.Time) string {
	last := *s.Started[r]
	for _, a := range s.Answers[r] {
		if a.At.After(last) {
			last = a.At
		}
	}
	if now.Sub(last) > Idle {
		return " (idle: left?)"
	}
	return ""
}
