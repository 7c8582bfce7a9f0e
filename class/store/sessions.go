package store

import (
	"database/sql"
	"errors"
	"time"

	"mentorsim/class"
)

// CreateSession stores a new session with the hash of its teacher token.
func (s *Store) CreateSession(sess class.Session, teacherHash []byte) error {
	_, err := s.w.Exec(`INSERT INTO sessions (id, seed, framing, phase, round_seconds, teacher_hash, created, room, roster) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sess.ID, int64(sess.Seed), sess.Framing, sess.Phase, sess.RoundSeconds, teacherHash, ms(sess.Created), sess.Room, sess.Roster)
	if err == nil {
		sess.Created = time.UnixMilli(ms(sess.Created)) // as it reads back
		s.cache.putSession(sessionEntry{sess, teacherHash})
	}
	return err
}

// CachedSession is Session from memory only: false if the session is not
// held there, for when a database read is to be avoided.
func (s *Store) CachedSession(id string) (class.Session, []byte, bool) {
	e, ok := s.cache.session(id)
	return e.sess, e.hash, ok
}

// Session returns a session and the hash of its teacher token.
func (s *Store) Session(id string) (class.Session, []byte, error) {
	if e, ok := s.cache.session(id); ok {
		return e.sess, e.hash, nil
	}
	gen := s.cache.generation() // before the read: see cache
	var sess class.Session
	var seed, created int64
	var hash []byte
	err := s.r.QueryRow(`SELECT id, seed, framing, phase, round_seconds, teacher_hash, created, room, roster FROM sessions WHERE id = ?`, id).
		Scan(&sess.ID, &seed, &sess.Framing, &sess.Phase, &sess.RoundSeconds, &hash, &created, &sess.Room, &sess.Roster)
	if errors.Is(err, sql.ErrNoRows) {
		return sess, nil, ErrNotFound
	}
	sess.Seed, sess.Created = uint64(seed), time.UnixMilli(created)
	if err == nil {
		s.cache.fillSession(sessionEntry{sess, hash}, gen)
	}
	return sess, hash, err
}

// RoomSession is the newest session of a room.
func (s *Store) RoomSession(room string) (string, error) {
	var id string
	err := s.r.QueryRow(`SELECT id FROM sessions WHERE room = ? ORDER BY created DESC, rowid DESC LIMIT 1`, room).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return id, err
}

// SessionIDs lists every session, oldest first.
func (s *Store) SessionIDs() ([]string, error) {
	rows, err := s.r.Query(`SELECT id FROM sessions ORDER BY created, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// SetPhase moves a session to a phase.
func (s *Store) SetPhase(id, phase string) error {
	return s.setSession(id, func(x *class.Session) { x.Phase = phase }, `UPDATE sessions SET phase = ? WHERE id = ?`, phase, id)
}

// SetFraming sets a session's framing.
func (s *Store) SetFraming(id, framing string) error {
	return s.setSession(id, func(x *class.Session) { x.Framing = framing }, `UPDATE sessions SET framing = ? WHERE id = ?`, framing, id)
}

// DeleteSession deletes a session and everything in it.
func (s *Store) DeleteSession(id string) error {
	err := s.update(`DELETE FROM sessions WHERE id = ?`, id)
	s.cache.dropSession(id)
	return err
}

// setSession and setStudent run update on a session's or a student's
// row and then, if it changed the row, edit the cached record to match:
// one at a time, so that two setting the same field edit the cache in the
// order they wrote the file.
func (s *Store) setSession(id string, edit func(*class.Session), q string, args ...any) error {
	s.setMu.Lock()
	defer s.setMu.Unlock()
	err := s.update(q, args...)
	if err == nil {
		s.cache.editSession(id, edit)
	}
	return err
}

func (s *Store) setStudent(session string, idx int, edit func(*class.Student), q string, args ...any) error {
	s.setMu.Lock()
	defer s.setMu.Unlock()
	err := s.update(q, args...)
	if err == nil {
		s.cache.editStudent(session, idx, edit)
	}
	return err
}

// update runs a statement that must change one row.
func (s *Store) update(q string, args ...any) error {
	res, err := s.w.Exec(q, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}
