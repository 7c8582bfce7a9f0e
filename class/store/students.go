package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"mentorsim/class"
)

// ErrLabelTaken is Join's answer when another student has the label.
var ErrLabelTaken = errors.New("label taken")

// ErrTokenTaken is Join's answer when a student (in any session) already
// has the token.
var ErrTokenTaken = errors.New("token taken")

// Join adds a student to a session, draws their assignment (class.Assign)
// from the session's seed and join order, and returns the record. A label
// (from the session's roster) can be taken once.
func (s *Store) Join(sess class.Session, nickname, label string, tokenHash []byte, now time.Time) (class.Student, error) {
	st := class.Student{Nickname: nickname, Label: label, Joined: now, JoinedPhase: sess.Phase}
	err := s.tx(func(tx *sql.Tx) error {
		var used int
		if err := tx.QueryRow(`SELECT count(*) FROM students WHERE token_hash = ?`, tokenHash).Scan(&used); err != nil {
			return err
		}
		if used > 0 {
			return ErrTokenTaken
		}
		if label != "" {
			var taken int
			if err := tx.QueryRow(`SELECT count(*) FROM students WHERE session = ? AND label = ?`, sess.ID, label).Scan(&taken); err != nil {
				return err
			}
			if taken > 0 {
				return ErrLabelTaken
			}
		}
		var n, vol int
		if err := tx.QueryRow(`SELECT count(*), count(CASE WHEN branch = 'voluntary' THEN 1 END) FROM students WHERE session = ?`, sess.ID).Scan(&n, &vol); err != nil {
			return err
		}
		st.Idx, st.Assignment = n, class.Assign(sess.Seed, n, vol)
		a := st.Assignment
		_, err := tx.Exec(`INSERT INTO students (session, idx, token_hash, nickname, joined, joined_phase, slot, branch, mandatory_coached, coached_if_optin, public_if_split, label)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sess.ID, n, tokenHash, nickname, ms(now), sess.Phase, a.Slot, a.Branch, a.MandatoryCoached, a.CoachedIfOptin, a.PublicIfSplit, label)
		return err
	})
	err = gone(err) // the session deleted by another process since it was read
	if err == nil {
		st.Joined = time.UnixMilli(ms(now))
		st.Answers = [2]map[int]class.Answer{{}, {}}
		s.cache.putStudent(sess.ID, tokenHash, st)
	}
	return st, err
}

const studentCols = `idx, nickname, joined, joined_phase, slot, branch, mandatory_coached, coached_if_optin, public_if_split, self_assessment, opted_in, started1, started2, assessed_at, chose_at, label, excluded, ended1, ended2`

func scanStudent(row interface{ Scan(...any) error }) (class.Student, error) {
	var st class.Student
	var joined int64
	var sa, optin, s1, s2, aAt, cAt, e1, e2 sql.NullInt64
	err := row.Scan(&st.Idx, &st.Nickname, &joined, &st.JoinedPhase, &st.Slot, &st.Branch,
		&st.MandatoryCoached, &st.CoachedIfOptin, &st.PublicIfSplit, &sa, &optin, &s1, &s2, &aAt, &cAt, &st.Label, &st.Excluded, &e1, &e2)
	st.AssessedAt, st.ChoseAt = fromMS(aAt), fromMS(cAt)
	st.Ended = [2]*time.Time{fromMS(e1), fromMS(e2)}
	st.Joined = time.UnixMilli(joined)
	if sa.Valid {
		v := int(sa.Int64)
		st.SelfAssessment = &v
	}
	if optin.Valid {
		v := optin.Int64 == 1
		st.OptedIn = &v
	}
	st.Started = [2]*time.Time{fromMS(s1), fromMS(s2)}
	st.Answers = [2]map[int]class.Answer{{}, {}}
	return st, err
}

// CachedStudent is StudentByToken from memory only: false if the student
// is not held there, for when a database read is to be avoided.
func (s *Store) CachedStudent(session string, tokenHash []byte) (class.Student, bool) {
	return s.cache.student(session, tokenHash)
}

// StudentByToken finds a session's student by the hash of their token,
// with their answers.
func (s *Store) StudentByToken(session string, tokenHash []byte) (class.Student, error) {
	if st, ok := s.cache.student(session, tokenHash); ok {
		return st, nil
	}
	gen := s.cache.generation() // before the read: see cache
	st, err := scanStudent(s.r.QueryRow(`SELECT `+studentCols+` FROM students WHERE session = ? AND token_hash = ?`, session, tokenHash))
	if errors.Is(err, sql.ErrNoRows) {
		return st, ErrNotFound
	}
	if err != nil {
		return st, err
	}
	if err := s.loadAnswers(session, map[int]*class.Student{st.Idx: &st}, `AND idx = ?`, st.Idx); err != nil {
		return st, err
	}
	s.cache.fillStudent(session, tokenHash, st, gen)
	return st, nil
}

// Students returns a session's students, in join order, with their answers.
func (s *Store) Students(session string) ([]class.Student, error) {
	rows, err := s.r.Query(`SELECT `+studentCols+` FROM students WHERE session = ? ORDER BY idx`, session)
	if err != nil {
		return nil, err
	}
	var out []class.Student
	for rows.Next() {
		st, err := scanStudent(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	byIdx := make(map[int]*class.Student, len(out))
	for i := range out {
		byIdx[out[i].Idx] = &out[i]
	}
	return out, s.loadAnswers(session, byIdx, ``)
}

func (s *Store) loadAnswers(session string, byIdx map[int]*class.Student, where string, args ...any) error {
	rows, err := s.r.Query(`SELECT idx, round, call, pitch, sale, at FROM answers WHERE session = ? `+where, append([]any{session}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var idx, r, c int
		var a class.Answer
		var at int64
		if err := rows.Scan(&idx, &r, &c, &a.Pitch, &a.Sale, &at); err != nil {
			return err
		}
		a.At = time.UnixMilli(at)
		if st := byIdx[idx]; st != nil && (r == 1 || r == 2) {
			st.Answers[r-1][c] = a
		}
	}
	return rows.Err()
}

// StartRound records when a student started round r, the first time only.
func (s *Store) StartRound(session string, idx, r int, now time.Time) error {
	col := map[int]string{1: "started1", 2: "started2"}[r]
	var started int64
	err := gone(s.w.QueryRow(`UPDATE students SET `+col+` = coalesce(`+col+`, ?) WHERE session = ? AND idx = ? RETURNING `+col, ms(now), session, idx).Scan(&started))
	if err == nil {
		t := time.UnixMilli(started)
		s.cache.editStudent(session, idx, func(st *class.Student) { st.Started[r-1] = &t })
	}
	return err
}

// Answer stores a call's pitch and result unless the call already has
// one, and returns the stored answer: repeating a submission changes
// nothing.
func (s *Store) Answer(session string, idx, r, call int, a class.Answer) (class.Answer, error) {
	var out class.Answer
	err := s.tx(func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT OR IGNORE INTO answers (session, idx, round, call, pitch, sale, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			session, idx, r, call, a.Pitch, a.Sale, ms(a.At)); err != nil {
			return err
		}
		var at int64
		err := tx.QueryRow(`SELECT pitch, sale, at FROM answers WHERE session = ? AND idx = ? AND round = ? AND call = ?`, session, idx, r, call).
			Scan(&out.Pitch, &out.Sale, &at)
		out.At = time.UnixMilli(at)
		return err
	})
	err = gone(err)
	if err == nil {
		s.cache.editStudent(session, idx, func(st *class.Student) { st.Answers[r-1][call] = out })
	}
	return out, err
}

// SetSelfAssessment records the share of the class a student thinks they beat.
func (s *Store) SetSelfAssessment(session string, idx, share int, now time.Time) error {
	at := time.UnixMilli(ms(now))
	return s.setStudent(session, idx, func(st *class.Student) { st.SelfAssessment, st.AssessedAt = &share, &at },
		`UPDATE students SET self_assessment = ?, assessed_at = ? WHERE session = ? AND idx = ?`, share, ms(now), session, idx)
}

// SetExcluded records the teacher's removal of a student from the
// analysis (or its undoing).
func (s *Store) SetExcluded(session string, idx int, excluded bool) error {
	return s.setStudent(session, idx, func(st *class.Student) { st.Excluded = excluded },
		`UPDATE students SET excluded = ? WHERE session = ? AND idx = ?`, excluded, session, idx)
}

// ReleaseLabel frees a student's roster label, so that it can be picked
// again (a student who lost their link joins anew); the record keeps its
// answers, without the label.
func (s *Store) ReleaseLabel(session string, idx int) error {
	return s.setStudent(session, idx, func(st *class.Student) { st.Label = "" },
		`UPDATE students SET label = '' WHERE session = ? AND idx = ?`, session, idx)
}

// EndRound records that the teacher ended a student's round r for them
// (a student who is stuck or gone), the first time only.
func (s *Store) EndRound(session string, idx, r int, now time.Time) error {
	col := map[int]string{1: "ended1", 2: "ended2"}[r]
	if col == "" {
		return fmt.Errorf("round %d is not 1 or 2", r)
	}
	err := s.update(`UPDATE students SET `+col+` = coalesce(`+col+`, ?) WHERE session = ? AND idx = ?`, ms(now), session, idx)
	if err == nil {
		at := time.UnixMilli(ms(now))
		s.cache.editStudent(session, idx, func(st *class.Student) {
			if st.Ended[r-1] == nil {
				st.Ended[r-1] = &at
			}
		})
	}
	return err
}

// SetChoice records a voluntary-branch student's answer to the offer.
func (s *Store) SetChoice(session string, idx int, optin bool, now time.Time) error {
	at := time.UnixMilli(ms(now))
	return s.setStudent(session, idx, func(st *class.Student) { st.OptedIn, st.ChoseAt = &optin, &at },
		`UPDATE students SET opted_in = ?, chose_at = ? WHERE session = ? AND idx = ?`, optin, ms(now), session, idx)
}

// gone is ErrNotFound for the errors of a write to a student who is not
// in the database (no row to update, or an answer whose student is not
// there: a session deleted by another process, say), else err.
func gone(err error) error {
	var se *sqlite.Error
	if errors.Is(err, sql.ErrNoRows) || (errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY) {
		return ErrNotFound
	}
	return err
}
