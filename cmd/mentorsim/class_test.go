//go:build !js

package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mentorsim/class"
	"mentorsim/class/store"
)

// classDB makes a database with two sessions of n students each, all of
// whom played round 1.
func classDB(t *testing.T, n int) (db string, ids []string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "class.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Unix(1_700_000_000, 0)
	for k, id := range []string{"AAAAAA", "BBBBBB"} {
		sess := class.Session{ID: id, Seed: uint64(k + 1), Framing: "split", Phase: class.Round1, RoundSeconds: 120, Created: now}
		if err := st.CreateSession(sess, []byte("h"+id)); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			s, err := st.Join(sess, "nick"+id, "", []byte(id+string(rune('a'+i))), now)
			if err != nil {
				t.Fatal(err)
			}
			st.StartRound(id, s.Idx, 1, now)
			for c := range class.Calls {
				if _, err := st.Answer(id, s.Idx, 1, c, class.Answer{Pitch: c % 3, Sale: c < i, At: now}); err != nil {
					t.Fatal(err)
				}
			}
		}
		ids = append(ids, id)
	}
	return db, ids
}

func TestClassExport(t *testing.T) {
	db, ids := classDB(t, 3)
	out := filepath.Join(t.TempDir(), "one")
	// A code in lower case is read as the pages read it.
	if code, stdout, stderr := cli(t, "class", "export", "-db", db, "-session", strings.ToLower(ids[0]), "-out", out); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	rows := readCSV(t, filepath.Join(out, "students.csv"))
	if len(rows) != 4 || strings.Join(rows[0], ",") != strings.Join(class.CSVHeader, ",") {
		t.Fatalf("students.csv: %d rows, header %v", len(rows), rows[0])
	}
	col := index(rows[0])
	for i, r := range rows[1:] {
		if r[col["round1_score"]] != string(rune('0'+i)) || r[col["round1_calls"]] != "12" || r[col["student"]] != "S00"+string(rune('1'+i)) {
			t.Errorf("row %d: %v", i, r)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "students.csv")); strings.Contains(string(b), "nick") {
		t.Error("the export holds nicknames; want pseudonyms only")
	}
	// all pools the sessions.
	all := filepath.Join(t.TempDir(), "all")
	if code, _, stderr := cli(t, "class", "export", "-db", db, "-session", "all", "-out", all); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if rows := readCSV(t, filepath.Join(all, "students.csv")); len(rows) != 7 {
		t.Errorf("-session all: %d rows; want 6 students and a header", len(rows))
	}
	if rows := readCSV(t, filepath.Join(all, "sessions.csv")); len(rows) != 3 || rows[1][1] != "1" || rows[2][1] != "2" {
		t.Errorf("sessions.csv: %v; want both sessions with their seeds", rows)
	}
	// An existing directory is not written into, and nothing is left behind.
	code, stdout, stderr := cli(t, "class", "export", "-db", db, "-session", ids[0], "-out", out)
	checkBadInput(t, code, stdout, stderr, "out", "exists")
	code, stdout, stderr = cli(t, "class", "export", "-db", db, "-session", "ZZZZZZ", "-out", filepath.Join(t.TempDir(), "z"))
	checkBadInput(t, code, stdout, stderr, "session", "ZZZZZZ")
	code, stdout, stderr = cli(t, "class", "export", "-db", filepath.Join(t.TempDir(), "none.db"), "-session", "all", "-out", filepath.Join(t.TempDir(), "z"))
	checkBadInput(t, code, stdout, stderr, "db", "none.db")
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("the output's directory holds %d entries after a refused export; want just the first export", len(entries))
	}
}

func TestClassDelete(t *testing.T) {
	db, ids := classDB(t, 2)
	if code, _, stderr := cli(t, "class", "delete", "-db", db, "-session", ids[0]); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, stdout, stderr := cli(t, "class", "export", "-db", db, "-session", ids[0], "-out", filepath.Join(t.TempDir(), "x"))
	checkBadInput(t, code, stdout, stderr, "session", ids[0])
	code, stdout, stderr = cli(t, "class", "delete", "-db", db, "-session", ids[0])
	checkBadInput(t, code, stdout, stderr, "session", ids[0])
	all := filepath.Join(t.TempDir(), "all")
	if code, _, _ := cli(t, "class", "export", "-db", db, "-session", "all", "-out", all); code != 0 {
		t.Fatal("export of the remaining session failed")
	}
	if rows := readCSV(t, filepath.Join(all, "students.csv")); len(rows) != 3 {
		t.Errorf("after deleting one of two sessions: %d rows; want the other's 2 students and a header", len(rows))
	}
}

func TestClassBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"class", "-round-seconds", "5"}, []string{"round-seconds", "5", "10 to 600"}},
		{[]string{"class", "-addr", "0.0.0.0:8080"}, []string{"addr", "-public"}},
		{[]string{"class", "-db", ""}, []string{"db"}},
		{[]string{"class", "bench", "-n", "0"}, []string{"n", "1 to 5000"}},
		{[]string{"class", "export", "-session", "all"}, []string{"session and out"}},
		{[]string{"class", "-url", "notaurl"}, []string{"url", `"notaurl"`, "http://"}},
		{[]string{"class", "-url", "javascript:alert(1)"}, []string{"url", "javascript"}},
		{[]string{"class", "-url", "http://exa mple.com"}, []string{"url"}},
		{[]string{"class", "-url", "http://10.0.0.5:8080/j/?x=1"}, []string{"url"}},
		{[]string{"class", "-url", "https://"}, []string{"url"}},
		{[]string{"class", "-url", "http://10.0.0.5:99999"}, []string{"url", "99999"}},
	} {
		code, stdout, stderr := cli(t, c.args...)
		checkBadInput(t, code, stdout, stderr, c.want...)
	}
}

// The load generator plays a small class through to the results.
func TestClassBench(t *testing.T) {
	code, stdout, stderr := cli(t, "class", "bench", "-n", "12", "-think", "0")
	if code != 0 || !strings.Contains(stdout, "complete 12,") || !strings.Contains(stdout, "errors 0,") {
		t.Errorf("bench: exit %d\n%s%s", code, stdout, stderr)
	}
}

// export and delete refuse a file that is not a class database, and leave
// it as it was (opening it as one would add the class's tables to it).
func TestClassExportRefusesOtherDatabases(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (x)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(other)
	empty := writeTemp(t, "empty.db", "")
	for _, path := range []string{other, empty} {
		for _, args := range [][]string{{"export", "-session", "all", "-out", filepath.Join(dir, "x")}, {"delete", "-session", "ABCDEF"}} {
			code, stdout, stderr := cli(t, append([]string{"class"}, append(args, "-db", path)...)...)
			checkBadInput(t, code, stdout, stderr, "db", "not a mentorsim class database")
		}
	}
	if after, _ := os.ReadFile(other); !bytes.Equal(before, after) {
		t.Error("a refused export changed the other database")
	}
	if b, _ := os.ReadFile(empty); len(b) != 0 {
		t.Error("a refused export wrote into an empty file")
	}
}

// must fails the test at the first error of errs.
func must(t *testing.T, errs ...error) {
	t.Helper()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
