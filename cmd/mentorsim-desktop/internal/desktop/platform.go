package desktop

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"mentorsim/internal/atomicout"
)

// TicksEnv names a test hook: with it set (to anything), the app prints
// "tick N" after its N-th update, so that a test pressing keys can space
// them by frames, not by time (two presses of a key in consecutive frames
// read as one held press however slow the frames).
const TicksEnv = "MENTORSIM_TEST_TICKS"

// Platform is the desktop's ui.Platform: links go to standard output and
// exports to new directories under Dir.
type Platform struct {
	Stdout io.Writer
	Dir    string // where exports go ("." is the current directory)

	mu    sync.Mutex
	query string // the current run's, from the last Share
}

// NewPlatform exports into the current directory and prints to stdout.
func NewPlatform(stdout io.Writer) *Platform { return &Platform{Stdout: stdout, Dir: "."} }

// Share remembers the query: Export names its directory by the seed in it.
func (p *Platform) Share(query string) {
	p.mu.Lock()
	p.query = query
	p.mu.Unlock()
}

// CopyLink prints the link's query and the equivalent command line.
func (p *Platform) CopyLink(query string) (string, bool) {
	q := strings.TrimPrefix(query, "?")
	fmt.Fprintf(p.Stdout, "link: ?%s\n  or: %s\n", q, CommandLine(q))
	return "link printed to the terminal: ?" + q, true
}

// CommandLine is the mentorsim-desktop command line that opens the run a
// query string describes, keys in the query's order.
func CommandLine(query string) string {
	args := []string{"mentorsim-desktop"}
	for _, kv := range strings.Split(strings.TrimPrefix(query, "?"), "&") {
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		if k == "" {
			continue
		}
		switch k {
		case "preset":
			k = "scenario"
		case "lesson":
			k = "lesson-step" // of the compiled-in lesson
		case "large":
			if v == "1" || v == "true" {
				args = append(args, "-large")
			}
			continue
		}
		args = append(args, "-"+k, shellQuote(v))
	}
	return strings.Join(args, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Export writes summary.json and reps.csv into a new directory
// mentorsim-export-SEED-N under Dir, N the first number from 1 whose
// directory does not exist. Each file is written under a temporary name
// and renamed; on failure the directory is removed.
func (p *Platform) Export(summaryJSON, repsCSV []byte) (string, bool) {
	dir, err := p.export(summaryJSON, repsCSV)
	if err != nil {
		return "export failed: " + err.Error(), false
	}
	return "wrote " + dir, true
}

func (p *Platform) export(summaryJSON, repsCSV []byte) (string, error) {
	base, err := filepath.Abs(p.Dir)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(base); err != nil { // exports go into an existing directory
		return "", err
	}
	seed := p.seed()
	files := []atomicout.File{
		{Name: "summary.json", Write: func(w io.Writer) error { _, err := w.Write(summaryJSON); return err }},
		{Name: "reps.csv", Write: func(w io.Writer) error { _, err := w.Write(repsCSV); return err }},
	}
	for n := 1; n <= 100000; n++ {
		dir := filepath.Join(base, fmt.Sprintf("mentorsim-export-%s-%d", seed, n))
		if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
			continue // taken
		}
		// Whole or not at all; never into a directory that appeared meanwhile.
		return dir, atomicout.WriteDir(dir, files, func(string) bool { return false })
	}
	return "", errors.New("mentorsim-export-" + seed + "-1 to -100000 all exist")
}

// seed is the seed in the last shared query, for naming exports.
func (p *Platform) seed() string {
	p.mu.Lock()
	q := p.query
	p.mu.Unlock()
	values, _ := url.ParseQuery(strings.TrimPrefix(q, "?"))
	if s := values.Get("seed"); s != "" && strings.Trim(s, "0123456789") == "" {
		return s
	}
	return "unknown"
}

// WriteFile writes data to path whole or not at all, never through a link
// (package atomicout, as every output of mentorsim).
func WriteFile(path string, data []byte) error {
	return atomicout.WriteFile(path, func(w io.Writer) error { _, err := w.Write(data); return err })
}
