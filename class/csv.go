package class

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVHeader names the columns of the students' export: one row per
// student, identified by session and pseudonym (no nickname, no token).
var CSVHeader = []string{
	"session", "student", "label", "seed", "framing_setting", "joined", "joined_phase", "status", "excluded",
	"slot", "branch", "mandatory_coached", "coached_if_optin", "public_if_split", "framing",
	"round1_started", "round1_ended_by_teacher", "round1_calls", "round1_score", "round1_pitches", "round1_sales",
	"self_assessment", "self_assessment_at", "share_beaten_round1", "opted_in", "opted_in_at", "arm", "coached",
	"round2_started", "round2_ended_by_teacher", "round2_calls", "round2_score", "round2_pitches", "round2_sales",
	"complete",
}

// WriteCSV writes the header and one row per student of each session;
// share_beaten_round1 is among the session's complete students, as the
// projector computes it, and empty for one the teacher removed (who is not
// among them).
func WriteCSV(w io.Writer, sessions []Session, students [][]Student, now time.Time) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for i := range sessions {
		sess := &sessions[i]
		standings := NewStandings(Done(sess, students[i], now), 1)
		for j := range students[i] {
			if err := cw.Write(csvRow(sess, &students[i][j], standings, now)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvRow(sess *Session, s *Student, standings Standings, now time.Time) []string {
	complete := s.Complete(sess, now)
	beaten := ""
	if complete && !s.Excluded {
		beaten = strconv.FormatFloat(standings.Share(s.Score(1)), 'f', -1, 64)
	}
	sa, optin := "", ""
	if s.SelfAssessment != nil {
		sa = strconv.Itoa(*s.SelfAssessment)
	}
	if s.OptedIn != nil {
		optin = strconv.FormatBool(*s.OptedIn)
	}
	coached := ""
	if s.Offered() {
		coached = strconv.FormatBool(s.Coached())
	}
	row := []string{
		sess.ID, s.Pseudonym(), s.Label, strconv.FormatUint(sess.Seed, 10), sess.Framing, stamp(&s.Joined), s.JoinedPhase, s.Status(sess, now), strconv.FormatBool(s.Excluded),
		strconv.Itoa(s.Slot), s.Branch, strconv.FormatBool(s.MandatoryCoached), strconv.FormatBool(s.CoachedIfOptin), strconv.FormatBool(s.PublicIfSplit), s.Framing(sess),
	}
	row = append(row, roundCols(s, 1)...)
	row = append(row, sa, stamp(s.AssessedAt), beaten, optin, stamp(s.ChoseAt), s.Arm(), coached)
	row = append(row, roundCols(s, 2)...)
	return append(row, strconv.FormatBool(complete))
}

// roundCols are a round's start, calls answered, score, and per call the
// pitch's initial (D, M for demo, S) and the result (1, 0), "-" if unanswered.
func roundCols(s *Student, r int) []string {
	var pitches, sales strings.Builder
	for c := range Calls {
		a, ok := s.Answers[r-1][c]
		pitch, sale := byte('-'), byte('-')
		if ok {
			pitch, sale = "DMS"[a.Pitch], '0'
		}
		if ok && a.Sale {
			sale = '1'
		}
		pitches.WriteByte(pitch)
		sales.WriteByte(sale)
	}
	return []string{stamp(s.Started[r-1]), stamp(s.Ended[r-1]), strconv.Itoa(len(s.Answers[r-1])), strconv.Itoa(s.Score(r)), pitches.String(), sales.String()}
}

func stamp(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// CheckFraming accepts one of Framings.
func CheckFraming(f string) error {
	for _, g := range Framings {
		if g == f {
			return nil
		}
	}
	return fmt.Errorf("framing %q is unknown; want one of private, public, split", f)
}

// WriteSessionsCSV writes one row per session: its code, seed (from which
// the items and every assignment can be reproduced, see Assign), framing,
// phase, round length, creation time and numbers of students.
func WriteSessionsCSV(w io.Writer, sessions []Session, students [][]Student, now time.Time) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"session", "seed", "framing", "phase", "round_seconds", "created", "students", "complete"})
	for i := range sessions {
		s := &sessions[i]
		complete := len(Done(s, students[i], now))
		cw.Write([]string{s.ID, strconv.FormatUint(s.Seed, 10), s.Framing, s.Phase, strconv.Itoa(s.RoundSeconds),
			stamp(&s.Created), strconv.Itoa(len(students[i])), strconv.Itoa(complete)})
	}
	cw.Flush()
	return cw.Error()
}
