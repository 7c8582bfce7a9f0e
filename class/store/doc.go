// Package store keeps the class experiment in one SQLite file (pure Go,
// modernc.org/sqlite) in WAL mode: sessions, students, their assignments
// and every answer, written as it arrives. The schema is versioned and
// migrated when the file is opened.
package store
