package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound is returned for an unknown session or student.
var ErrNotFound = errors.New("not found")

// Store is an open database. Writes go through one connection, so SQLite
// never sees two writers; reads use a pool, which WAL lets run beside the
// writer.
type Store struct {
	w, r       *sql.DB
	stop, done chan struct{}
	cache      *cache
	setMu      sync.Mutex // one set at a time (see setSession)
	readOnly   bool       // opened by OpenReadOnly
}

// Open opens (creating if need be) the database file and migrates it.
func Open(path string) (*Store, error) {
	// synchronous=NORMAL in WAL mode: a committed transaction survives the
	// process being killed; only a power cut may lose the last ones.
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(NORMAL)", "busy_timeout(10000)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	dsn := "file:" + path + "?" + q.Encode()
	// The writer never checkpoints (its commits would then wait for the
	// disk); a goroutine does, passively, beside the writes.
	w, err := sql.Open("sqlite", dsn+"&_txlock=immediate&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", dsn)
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(4)
	s := &Store{w: w, r: r, stop: make(chan struct{}), done: make(chan struct{}), cache: newCache()}
	if err := s.migrate(); err != nil {
		close(s.done)
		s.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	go s.checkpoints(s.dataVersion()) // the baseline now: a change before the goroutine runs is one too
	return s, nil
}

// OpenReadOnly opens a class database that this process cannot write (a
// file or directory without write permission) for reading only (see
// readOnlyDSN). It must be at the current schema version. Every write
// through it fails; Close closes it.
func OpenReadOnly(path string) (*Store, error) {
	r, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return nil, err
	}
	s := &Store{w: r, r: r, stop: make(chan struct{}), done: make(chan struct{}), cache: newCache(), readOnly: true}
	close(s.done)
	v, err := s.Version()
	if err == nil && v != SchemaVersion {
		err = fmt.Errorf("its schema is version %d and this mentorsim reads version %d: open it once with mentorsim class where it can be written", v, SchemaVersion)
	}
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return s, nil
}

// readOnlyDSN opens a database this process cannot write. Where its
// write-ahead log holds anything (a server writing it, or one killed), it
// is read through the log, read-only, with the -wal and -shm files there;
// else as immutable, since SQLite could neither make those files nor
// leave none behind.
func readOnlyDSN(path string) string {
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return "file:" + path + "?mode=ro"
	}
	return "file:" + path + "?mode=ro&immutable=1"
}

// IsClassDatabase reports whether the file at path holds a class database
// (its schema_version, sessions and students tables). It opens the file
// read-only, so that asking changes nothing: Open would add the class's
// tables to any SQLite file.
func IsClassDatabase(path string, cannotWrite bool) (bool, error) {
	dsn := "file:" + path + "?mode=ro"
	if cannotWrite {
		dsn = readOnlyDSN(path)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return false, err
	}
	defer db.Close()
	var n int
	err = db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('schema_version', 'sessions', 'students')`).Scan(&n)
	return n == 3, err
}

// checkpoints copies the write-ahead log into the database every second,
// without blocking writers (PASSIVE), and watches for other processes'
// writes, until Close.
func (s *Store) checkpoints(version int64) {
	defer close(s.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.r.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
			version = s.watch(version)
		}
	}
}

// watch forgets the sessions held in the cache that are gone from the
// file, if it has changed since SQLite's data_version was last; it
// returns data_version now. Read on the writer's one connection,
// data_version changes only with commits of other connections, and the
// readers' pool does not write: so a change is another process's write,
// which the class's commands make only by `mentorsim class delete`. The
// sessions still there stay held: a server whose address has tried too
// many wrong codes serves only those (see Server.session).
func (s *Store) watch(last int64) int64 {
	v := s.dataVersion()
	if v == last {
		return v
	}
	for _, id := range s.cache.sessionIDs() {
		var n int
		if err := s.r.QueryRow(`SELECT count(*) FROM sessions WHERE id = ?`, id).Scan(&n); err != nil || n == 0 {
			s.cache.dropSession(id)
		}
	}
	return v
}

// dataVersion is PRAGMA data_version on the writer's connection (-1 if it
// cannot be read, which watch takes as a change).
func (s *Store) dataVersion() int64 {
	var v int64
	if err := s.w.QueryRow(`PRAGMA data_version`).Scan(&v); err != nil {
		return -1
	}
	return v
}

// Close checkpoints the log into the database and closes it.
func (s *Store) Close() error {
	close(s.stop)
	<-s.done
	if s.readOnly {
		return s.r.Close()
	}
	_, err := s.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return errors.Join(err, s.w.Close(), s.r.Close())
}

// migrations[v] takes the schema from version v to v+1.
var migrations = []string{
	`CREATE TABLE sessions (
		id TEXT PRIMARY KEY,
		seed INTEGER NOT NULL,
		framing TEXT NOT NULL,
		phase TEXT NOT NULL,
		round_seconds INTEGER NOT NULL,
		teacher_hash BLOB NOT NULL,
		created INTEGER NOT NULL
	);
	CREATE TABLE students (
		session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
		idx INTEGER NOT NULL,
		token_hash BLOB NOT NULL UNIQUE,
		nickname TEXT NOT NULL,
		joined INTEGER NOT NULL,
		joined_phase TEXT NOT NULL,
		slot INTEGER NOT NULL,
		branch TEXT NOT NULL,
		mandatory_coached INTEGER NOT NULL,
		coached_if_optin INTEGER NOT NULL,
		public_if_split INTEGER NOT NULL,
		self_assessment INTEGER,
		opted_in INTEGER,
		started1 INTEGER,
		started2 INTEGER,
		PRIMARY KEY (session, idx)
	);
	CREATE TABLE answers (
		session TEXT NOT NULL,
		idx INTEGER NOT NULL,
		round INTEGER NOT NULL,
		call INTEGER NOT NULL,
		pitch INTEGER NOT NULL,
		sale INTEGER NOT NULL,
		at INTEGER NOT NULL,
		PRIMARY KEY (session, idx, round, call),
		FOREIGN KEY (session, idx) REFERENCES students(session, idx) ON DELETE CASCADE
	);`,
	// When each answer before round 2 was given (unix ms), for the export.
	`ALTER TABLE students ADD COLUMN assessed_at INTEGER;
	ALTER TABLE students ADD COLUMN chose_at INTEGER;`,
	// Rooms (a lasting link to the room's newest session), rosters of
	// participant labels, and the teacher's per-student controls.
	`ALTER TABLE sessions ADD COLUMN room TEXT NOT NULL DEFAULT '';
	ALTER TABLE sessions ADD COLUMN roster TEXT NOT NULL DEFAULT '';
	CREATE INDEX sessions_by_room ON sessions(room, created);
	ALTER TABLE students ADD COLUMN label TEXT NOT NULL DEFAULT '';
	ALTER TABLE students ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE students ADD COLUMN ended1 INTEGER;
	ALTER TABLE students ADD COLUMN ended2 INTEGER;`,
}

// SchemaVersion is the version Open migrates to.
var SchemaVersion = len(migrations)

func (s *Store) migrate() error {
	return s.tx(func(tx *sql.Tx) error {
		if _, err := tx.Exec(`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
			return err
		}
		v := 0
		err := tx.QueryRow(`SELECT version FROM schema_version`).Scan(&v)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.Exec(`INSERT INTO schema_version VALUES (0)`); err != nil {
				return err
			}
		case err != nil:
			return err
		}
		if v > len(migrations) {
			return fmt.Errorf("schema version %d is newer than this program's %d", v, len(migrations))
		}
		if v == len(migrations) {
			return nil // nothing to write: a running server sees no change
		}
		for ; v < len(migrations); v++ {
			if _, err := tx.Exec(migrations[v]); err != nil {
				return fmt.Errorf("migrating to schema version %d: %w", v+1, err)
			}
		}
		_, err = tx.Exec(`UPDATE schema_version SET version = ?`, v)
		return err
	})
}

// Version returns the schema version recorded in the file.
func (s *Store) Version() (int, error) {
	v := 0
	err := s.r.QueryRow(`SELECT version FROM schema_version`).Scan(&v)
	return v, err
}

func (s *Store) tx(f func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(context.Background(), nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := time.UnixMilli(v.Int64)
	return &t
}
