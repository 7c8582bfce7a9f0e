//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"mentorsim/class"
	"mentorsim/class/server"
	"mentorsim/class/store"
	"mentorsim/internal/atomicout"
	"mentorsim/sim/param"
)

// classSubcommands are `mentorsim class`'s own commands (their usage is
// after "mentorsim "); with none, it serves. Set in init, as commands is.
var classSubcommands map[string]command

func init() {
	classSubcommands = map[string]command{
		"export": {"", "class export -session CODE|all -out DIR [-db FILE]",
			"Writes a session's students (students.csv) and the session (sessions.csv), or every session's with -session all, to a new directory.", cmdClassExport},
		"delete": {"", "class delete -session CODE [-db FILE]", "Deletes a session and everything in it from the database.", cmdClassDelete},
		"bench": {"", "class bench [-n N] [-seed N] [-think D]",
			"Plays N simulated students through the whole activity against a real server in this process (loopback, a temporary database) and reports request latency, errors and memory.", cmdClassBench},
	}
}

// classCommand is the class subcommand of that name.
func classCommand(name string) (command, bool) {
	c, ok := classSubcommands[name]
	return c, ok
}

// cmdClass serves the class experiment, or runs one of its subcommands.
func cmdClass(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		if sub, ok := classSubcommands[args[0]]; ok {
			return sub.run(args[1:], stdout)
		}
	}
	flags := newFlags("class")
	addr := flags.String("addr", "127.0.0.1:8080", "host:port to listen on (loopback unless -public)")
	db := flags.String("db", "mentorsim-class.db", "the SQLite database file (created if missing)")
	public := flags.Bool("public", false, "listen on every network interface (port of -addr), so students' devices can join")
	rounds := intFlag(flags, "round-seconds", 120, "each student's time for a round, 10 to 600 seconds")
	seedText := flags.String("seed", "0", "the first session's seed (the next get seed+1, ...), for a rehearsal or a test; 0 draws each at random")
	base := flags.String("url", "", "the join link's scheme and host (default: this machine's first network address with -public, else the page's own)")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *rounds < 10 || *rounds > 600 {
		return bad("round-seconds: %d is not allowed; want 10 to 600", *rounds)
	}
	if err := checkBaseURL(*base); err != nil {
		return err
	}
	*base = strings.TrimSuffix(*base, "/")
	seed, err := param.ParseSeed(*seedText)
	if err != nil {
		return err
	}
	listen, err := classAddr(*addr, *public)
	if err != nil {
		return err
	}
	st, err := openStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("%v (is another server using it? choose another port with -addr)", err)
	}
	u := urlsFor(ln.Addr(), lanIPs())
	if *base == "" && *public {
		*base = strings.TrimSuffix(u.link, "/") // the first network address, if any
	}
	abs, _ := filepath.Abs(*db)
	version, err := st.Version()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "mentorsim class: database %s (schema version %d)\n", abs, version)
	fmt.Fprintf(stdout, "Teacher: open %s on this computer to start a session (Ctrl-C stops).\n", u.local)
	if *public {
		printPublic(stdout, u)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := server.New(server.Config{Store: st, RoundSeconds: *rounds, BaseURL: *base, Seed: seed})
	go func() { <-ctx.Done(); srv.Close() }() // end the event streams, so shutdown is quick
	return serveSite(ctx, ln, srv)
}

// checkBaseURL refuses a -url that is not a scheme and host the students'
// devices can open: it becomes the join link and its QR code.
func checkBaseURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" || !validPort(u.Port()) ||
		u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return bad("url: %q is not allowed; want http:// or https:// and a host, with an optional port and nothing after it, e.g. http://192.168.1.5:8080", s)
	}
	return nil
}

// validPort reports whether p is empty (the scheme's port) or a port
// number from 1 to 65535.
func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return p == "" || (err == nil && n >= 1 && n <= 65535)
}

// classAddr is the address to listen on: -addr, checked as serve checks
// it, or with -public every interface on -addr's port.
func classAddr(addr string, public bool) (string, error) {
	if err := checkServeAddr(addr, public); err != nil {
		return "", err
	}
	if !public {
		return addr, nil
	}
	_, port, _ := net.SplitHostPort(addr)
	return net.JoinHostPort("", port), nil
}

// printPublic warns that every network interface is open and lists where
// students join (u's network addresses), with the first one's QR code.
func printPublic(w io.Writer, u classURLs) {
	fmt.Fprintln(w, "WARNING: listening on every network interface: anyone who can reach this computer can open the pages")
	fmt.Fprintln(w, "and join a session (only this computer can start one or see the teacher's page without its link). Students join at:")
	if u.link == "" {
		fmt.Fprintln(w, "  (no network address found)")
		return
	}
	for _, l := range u.lan {
		url, iface, ok := strings.Cut(l, "  ")
		if ok {
			iface = "  " + iface
		}
		fmt.Fprintf(w, "  %sj/%s\n", url, iface)
	}
	if q, err := classQR(u.link + "j/"); err == nil {
		fmt.Fprint(w, terminalQR(q))
	}
}

func openStore(path string) (*store.Store, error) {
	if path == "" {
		return nil, bad("db: an empty file name is not allowed; want a file, e.g. mentorsim-class.db")
	}
	if err := checkDB(path); err != nil {
		return nil, err
	}
	return openChecked(path)
}

// openChecked opens a database path that checkDB has passed.
func openChecked(path string) (*store.Store, error) {
	st, err := store.Open(path)
	if err != nil {
		return nil, bad("db: %q cannot be opened as the class database (%v); want a mentorsim class database, or a new file's name", path, err)
	}
	return st, nil
}

// checkDB refuses a database mentorsim would write through to another
// file: a link, a file that is not regular or has another hard link, at
// the path or at its -wal, -shm and -journal files (SQLite writes them
// beside it).
func checkDB(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := atomicout.CheckWritable(p); err != nil {
			return bad("db: %v", err)
		}
	}
	return nil
}

// openExisting opens a class database that must exist already: export
// and delete never create one, nor add the class's tables to another file.
// To read only (export), a database this process cannot write is opened
// read-only, so that nothing is left beside it.
func openExisting(path string, readOnly bool) (*store.Store, error) {
	if _, err := os.Lstat(path); err != nil {
		return nil, bad("db: %q cannot be read: %v", path, errors.Unwrap(err))
	}
	if err := checkDB(path); err != nil { // before reading it: never through a link
		return nil, err
	}
	readOnly = readOnly && !canWrite(path)
	ok, err := store.IsClassDatabase(path, readOnly)
	if err != nil {
		return nil, bad("db: %q cannot be read to check that it is a class database (%v); want the -db file mentorsim class wrote", path, err)
	}
	if !ok {
		return nil, bad("db: %q is not a mentorsim class database (it has no class tables); want the -db file mentorsim class wrote", path)
	}
	if !readOnly {
		return openChecked(path)
	}
	st, err := store.OpenReadOnly(path)
	if err != nil {
		return nil, bad("db: %q cannot be read (%v)", path, err)
	}
	return st, nil
}

// canWrite reports whether this process can write the database at path
// and create SQLite's files beside it (probing the directory with a
// temporary file, which it removes).
func canWrite(path string) bool {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	f.Close()
	tmp, err := atomicout.Temp(filepath.Dir(path))
	if err != nil {
		return false
	}
	atomicout.Discard(tmp)
	return true
}

// cmdClassExport writes sessions' students (students.csv) and the sessions
// themselves (sessions.csv) to a new directory.
func cmdClassExport(args []string, stdout io.Writer) error {
	flags := newFlags("class export")
	db := flags.String("db", "mentorsim-class.db", "the SQLite database file")
	id := flags.String("session", "", "the session's code, or all to pool every session")
	out := flags.String("out", "", "the directory to create")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *id == "" || *out == "" {
		return bad("session and out are required: -session CODE|all -out DIR")
	}
	if *id != "all" {
		*id = strings.ToUpper(*id) // codes are read in any case, as the pages read them
	}
	if _, err := os.Lstat(*out); err == nil {
		return bad("out: %q exists; want a directory that does not exist yet", *out)
	}
	st, err := openExisting(*db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	ids := []string{*id}
	if *id == "all" {
		if ids, err = st.SessionIDs(); err != nil {
			return err
		}
	}
	sessions, students, err := loadSessions(st, ids)
	if err != nil {
		return err
	}
	if err := writeExport(*out, sessions, students, time.Now()); err != nil {
		return err
	}
	n := 0
	for _, s := range students {
		n += len(s)
	}
	fmt.Fprintf(stdout, "mentorsim class export: %d sessions, %d students in %s\n", len(sessions), n, *out)
	return nil
}

func loadSessions(st *store.Store, ids []string) ([]class.Session, [][]class.Student, error) {
	var sessions []class.Session
	var students [][]class.Student
	for _, id := range ids {
		sess, _, err := st.Session(id)
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil, bad("session: %q is not in the database; want a session's code or all", id)
		}
		if err != nil {
			return nil, nil, err
		}
		all, err := st.Students(id)
		if err != nil {
			return nil, nil, err
		}
		sessions, students = append(sessions, sess), append(students, all)
	}
	return sessions, students, nil
}

// writeExport writes the directory whole or not at all, never through a
// link (internal/atomicout, the writer of every mentorsim output).
func writeExport(out string, sessions []class.Session, students [][]class.Student, now time.Time) error {
	return outErr(atomicout.WriteDir(out, []atomicout.File{
		{Name: "students.csv", Write: func(w io.Writer) error { return class.WriteCSV(w, sessions, students, now) }},
		{Name: "sessions.csv", Write: func(w io.Writer) error { return class.WriteSessionsCSV(w, sessions, students, now) }},
	}, func(string) bool { return false }))
}

// cmdClassDelete deletes a session and everything in it.
func cmdClassDelete(args []string, stdout io.Writer) error {
	flags := newFlags("class delete")
	db := flags.String("db", "mentorsim-class.db", "the SQLite database file")
	id := flags.String("session", "", "the session's code")
	if err := parse(flags, args); err != nil {
		return err
	}
	*id = strings.ToUpper(*id) // codes are read in any case, as the pages read them
	if *id == "" {
		return bad("session is required: -session CODE")
	}
	st, err := openExisting(*db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.DeleteSession(*id); errors.Is(err, store.ErrNotFound) {
		return bad("session: %q is not in the database", *id)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "mentorsim class delete: session %s deleted\n", *id)
	return nil
}
