package store

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"mentorsim/class"
)

// cache holds sessions and students as last written or read, so that a
// request reads no SQL: every write of this process goes through the
// Store, which updates the cache after the database, and a write by
// another process (`mentorsim class delete` beside a running server)
// drops the sessions it removed (Store.watch). Records are copied in and
// out, so callers cannot change them.
//
// A record read from the database enters by a fill, which must not put
// back what a write has changed since the read: a write that finds its
// record not held (so cannot edit it), and every drop, bumps gen, and a
// fill given the gen from before its read is then refused.
type cache struct {
	mu       sync.Mutex
	sessions map[string]sessionEntry
	students map[string]*class.Student // by session + "\x00" + token hash
	tokens   map[string]string         // by session + "\x00" + idx: the key above
	gen      uint64                    // writes that missed, and drops, so far
}

type sessionEntry struct {
	sess class.Session
	hash []byte
}

func newCache() *cache {
	return &cache{sessions: map[string]sessionEntry{}, students: map[string]*class.Student{}, tokens: map[string]string{}}
}

func studentKey(session string, hash []byte) string { return session + "\x00" + string(hash) }

func idxKey(session string, idx int) string { return session + "\x00#" + strconv.Itoa(idx) }

func (c *cache) session(id string) (sessionEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.sessions[id]
	return e, ok
}

func (c *cache) putSession(e sessionEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sessions[e.sess.ID] = e
}

// generation is gen now: take it before a database read that will fill.
func (c *cache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// fillSession holds a session read from the database after generation
// returned gen, unless a write or drop has come since or it is held.
func (c *cache) fillSession(e sessionEntry, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, held := c.sessions[e.sess.ID]; c.gen == gen && !held {
		c.sessions[e.sess.ID] = e
	}
}

// editSession changes a cached session, if it is cached.
func (c *cache) editSession(id string, f func(*class.Session)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.sessions[id]; ok {
		f(&e.sess)
		c.sessions[id] = e
	} else {
		c.gen++
	}
}

// sessionIDs are the sessions held.
func (c *cache) sessionIDs() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Collect(maps.Keys(c.sessions))
}

// dropSession forgets a session and its students.
func (c *cache) dropSession(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.sessions, id)
	c.gen++
	prefix := id + "\x00"
	maps.DeleteFunc(c.students, func(k string, _ *class.Student) bool { return strings.HasPrefix(k, prefix) })
	maps.DeleteFunc(c.tokens, func(k string, _ string) bool { return strings.HasPrefix(k, prefix) })
}

func (c *cache) student(session string, hash []byte) (class.Student, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.students[studentKey(session, hash)]
	if !ok {
		return class.Student{}, false
	}
	return clone(st), true
}

func (c *cache) putStudent(session string, hash []byte, st class.Student) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hold(session, hash, st)
}

// fillStudent holds a student read from the database after generation
// returned gen, unless a write or drop has come since or they are held.
func (c *cache) fillStudent(session string, hash []byte, st class.Student, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen && c.students[studentKey(session, hash)] == nil {
		c.hold(session, hash, st)
	}
}

// hold keeps a copy of st; c.mu is held.
func (c *cache) hold(session string, hash []byte, st class.Student) {
	cp := clone(&st)
	k := studentKey(session, hash)
	c.students[k] = &cp
	c.tokens[idxKey(session, st.Idx)] = k
}

// editStudent changes a cached student, if they are cached.
func (c *cache) editStudent(session string, idx int, f func(*class.Student)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.students[c.tokens[idxKey(session, idx)]]; st != nil {
		f(st)
	} else {
		c.gen++
	}
}

// clone copies a student deeply.
func clone(s *class.Student) class.Student {
	c := *s
	if s.SelfAssessment != nil {
		v := *s.SelfAssessment
		c.SelfAssessment = &v
	}
	if s.OptedIn != nil {
		v := *s.OptedIn
		c.OptedIn = &v
	}
	for r := range c.Started {
		if s.Started[r] != nil {
			v := *s.Started[r]
			c.Started[r] = &v
		}
		c.Answers[r] = maps.Clone(s.Answers[r])
		if c.Answers[r] == nil {
			c.Answers[r] = map[int]class.Answer{}
		}
	}
	return c
}
