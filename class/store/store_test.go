package store

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"mentorsim/class"
)

func TestReopenKeepsEverything(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.UnixMilli(1_700_000_000_123)
	sess := class.Session{ID: "ABCDEF", Seed: 1 << 47, Framing: "split", Phase: class.Round1, RoundSeconds: 120, Created: now}
	if err := s.CreateSession(sess, []byte("hash")); err != nil {
		t.Fatal(err)
	}
	st, err := s.Join(sess, "Ann", "", []byte("tok"), now)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.StartRound(sess.ID, st.Idx, 1, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Answer(sess.ID, st.Idx, 1, 3, class.Answer{Pitch: 2, Sale: true, At: now}); err != nil {
		t.Fatal(err)
	}
	// A second answer to the same call is ignored.
	if a, err := s.Answer(sess.ID, st.Idx, 1, 3, class.Answer{Pitch: 0, At: now}); err != nil || a.Pitch != 2 || !a.Sale {
		t.Errorf("second answer: %+v, %v; want the first (pitch 2, a sale)", a, err)
	}
	if err := s.SetSelfAssessment(sess.ID, st.Idx, 35, now); err != nil {
		t.Fatal(err)
	}
	if err := s.SetChoice(sess.ID, st.Idx, true, now); err != nil {
		t.Fatal(err)
	}
	cached, err := s.StudentByToken(sess.ID, []byte("tok"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.Version(); err != nil || v != SchemaVersion {
		t.Errorf("schema version %d, %v; want %d", v, err, SchemaVersion)
	}
	got, hash, err := s.Session("ABCDEF")
	if err != nil || got != sess || string(hash) != "hash" {
		t.Errorf("session %+v %q %v; want %+v", got, hash, err, sess)
	}
	back, err := s.StudentByToken("ABCDEF", []byte("tok"))
	if err != nil {
		t.Fatal(err)
	}
	if back.Nickname != "Ann" || back.Assignment != st.Assignment || back.Started[0] == nil || !back.Started[0].Equal(now) ||
		len(back.Answers[0]) != 1 || back.Answers[0][3].Pitch != 2 {
		t.Errorf("student read back as %+v", back)
	}
	// What the cache served is what the file holds.
	if !reflect.DeepEqual(back, cached) {
		t.Errorf("the cache served\n%+v\nthe file holds\n%+v", cached, back)
	}
	if _, err := s.StudentByToken("ABCDEF", []byte("other")); err != ErrNotFound {
		t.Errorf("unknown token: %v; want ErrNotFound", err)
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(`UPDATE schema_version SET version = 99`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("opening a file from a newer program: %v; want an error saying so", err)
	}
}

// A session deleted by another process (`mentorsim class delete` beside a
// running server) is soon gone from the server's cache too; the server's
// own writes keep its cache.
func TestAnotherProcessesDeleteIsSeen(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "c.db")
	server, sess, ann := openWithStudent(t, path)
	defer server.Close()
	now := testNow
	v := server.dataVersion()
	if server.watch(v) != v {
		t.Error("the server's own writes changed data_version on its writer")
	}
	if _, ok := server.CachedStudent(sess.ID, []byte("tok")); !ok {
		t.Fatal("the student is not cached")
	}
	kept := class.Session{ID: "KEPTKE", Framing: "split", Phase: class.Round1, RoundSeconds: 120, Created: now}
	if err := server.CreateSession(kept, []byte("hash2")); err != nil {
		t.Fatal(err)
	}
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.DeleteSession(sess.ID); err != nil {
		t.Fatal(err)
	}
	other.Close()
	// Until the server notices, its writes for the deleted session fail as
	// not found (not as a foreign key's failure, which the pages saw as 500).
	if _, err := server.Answer(sess.ID, ann.Idx, 1, 0, class.Answer{At: now}); err != ErrNotFound {
		t.Errorf("an answer in the deleted session: %v; want ErrNotFound", err)
	}
	if err := server.StartRound(sess.ID, ann.Idx, 1, now); err != ErrNotFound {
		t.Errorf("a round started in the deleted session: %v; want ErrNotFound", err)
	}
	if _, err := server.Join(sess, "Bo", "", []byte("tok2"), now); err != ErrNotFound {
		t.Errorf("a join to the deleted session: %v; want ErrNotFound", err)
	}
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(50 * time.Millisecond) {
		_, _, err := server.Session(sess.ID)
		if err == ErrNotFound {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server still serves the deleted session: %v", err)
		}
	}
	if _, ok := server.CachedStudent(sess.ID, []byte("tok")); ok {
		t.Error("the deleted session's student is still cached")
	}
	if _, _, ok := server.CachedSession(kept.ID); !ok { // a limited address is served it from memory
		t.Error("the session another process left alone is no longer cached")
	}
}

// A database read through OpenReadOnly gives what Open gives, takes no
// write, and leaves no file beside it (no -wal or -shm).
func TestReadOnlyLeavesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	s, sess, _ := openWithStudent(t, path)
	s.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ok, err := IsClassDatabase(path, true)
	if !ok || err != nil {
		t.Fatalf("IsClassDatabase: %v, %v", ok, err)
	}
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := ro.Session(sess.ID)
	students, serr := ro.Students(sess.ID)
	if err != nil || serr != nil || got.ID != sess.ID || len(students) != 1 || students[0].Nickname != "Ann" {
		t.Errorf("read back %+v, %d students: %v, %v", got, len(students), err, serr)
	}
	if err := ro.DeleteSession(sess.ID); err == nil {
		t.Error("a read-only store deleted a session")
	}
	if err := ro.Close(); err != nil {
		t.Error(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("beside the database: %v; want nothing", entries)
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(before, after) {
		t.Errorf("the database changed (%v)", err)
	}
}

// After a restart the cache fills from reads; a read that raced a write
// must not leave the record as it was before the write (it did in about
// one trial in twenty: the write found nothing to edit, then the read put
// back what it had read before the write).
func TestCacheFillsDoNotUndoWrites(t *testing.T) {
	t.Parallel()
	s, sess, st := openWithStudent(t, filepath.Join(t.TempDir(), "c.db"))
	defer s.Close()
	now := testNow
	stale := 0
	for trial := range 300 {
		s.cache.clear() // as after a restart
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() { s.StudentByToken(sess.ID, []byte("tok")) })
		}
		wg.Go(func() {
			if err := s.SetSelfAssessment(sess.ID, st.Idx, trial%100, now); err != nil {
				t.Error(err)
			}
		})
		wg.Wait()
		if got, ok := s.CachedStudent(sess.ID, []byte("tok")); ok && (got.SelfAssessment == nil || *got.SelfAssessment != trial%100) {
			stale++
		}
	}
	if stale > 0 {
		t.Errorf("%d of 300 trials left the cached self-assessment as it was before the write", stale)
	}
	stale = 0
	for trial := range 300 { // the same for a session's phase
		s.cache.clear()
		phase := []string{class.Round1, class.Round2}[trial%2]
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() { s.Session(sess.ID) })
		}
		wg.Go(func() {
			if err := s.SetPhase(sess.ID, phase); err != nil {
				t.Error(err)
			}
		})
		wg.Wait()
		if e, ok := s.cache.session(sess.ID); ok && e.sess.Phase != phase {
			stale++
		}
	}
	if stale > 0 {
		t.Errorf("%d of 300 trials left the cached phase as it was before the write", stale)
	}
}

// A database read while a server writes it (its log holds the newest
// answers) is read through the log, not as immutable, which would miss
// them.
func TestReadOnlyReadsTheLog(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "c.db")
	server, sess, _ := openWithStudent(t, path)
	defer server.Close()
	for i := range 4 {
		if _, err := server.Join(sess, "Bo", "", []byte{byte(i)}, testNow); err != nil {
			t.Fatal(err)
		}
	}
	if dsn := readOnlyDSN(path); strings.Contains(dsn, "immutable") {
		t.Errorf("with a log beside it, the database is opened as %s", dsn)
	}
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if all, err := ro.Students(sess.ID); err != nil || len(all) != 5 {
		t.Errorf("read %d students, %v; want 5", len(all), err)
	}
}

// Two writes setting one field at once leave the cache as the file: the
// cache's edits come in the order of the writes (they could cross).
func TestConcurrentSetsKeepTheCacheAsTheFile(t *testing.T) {
	t.Parallel()
	s, sess, st := openWithStudent(t, filepath.Join(t.TempDir(), "c.db"))
	defer s.Close()
	differ := 0
	for range 5000 {
		var wg sync.WaitGroup
		for _, v := range []bool{true, false} {
			wg.Go(func() {
				if err := s.SetExcluded(sess.ID, st.Idx, v); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		cached, _ := s.CachedStudent(sess.ID, []byte("tok"))
		all, err := s.Students(sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cached.Excluded != all[0].Excluded {
			differ++
		}
	}
	if differ > 0 {
		t.Errorf("in %d of 5000 trials the cache and the file disagree on whether the student is removed", differ)
	}
}

// testNow is when the store tests' students join.
var testNow = time.UnixMilli(1_700_000_000_000)

// openWithStudent opens a new database at path holding session ABCDEF
// and one student, Ann, whose token is "tok"; the caller closes it.
func openWithStudent(t *testing.T, path string) (*Store, class.Session, class.Student) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	sess := class.Session{ID: "ABCDEF", Framing: "split", Phase: class.Round1, RoundSeconds: 120, Created: testNow}
	if err := s.CreateSession(sess, []byte("hash")); err != nil {
		t.Fatal(err)
	}
	st, err := s.Join(sess, "Ann", "", []byte("tok"), testNow)
	if err != nil {
		t.Fatal(err)
	}
	return s, sess, st
}

// clear forgets everything the cache holds, as a restart does.
func (c *cache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.sessions)
	clear(c.students)
	clear(c.tokens)
	c.gen++
}
