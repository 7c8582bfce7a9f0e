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
)

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
func (p *Platform) CopyLink(query string) string {
	q := strings.TrimPrefix(query, "?")
	fmt.Fprintf(p.Stdout, "link: ?%s\n  or: %s\n", q, CommandLine(q))
	return "link printed to the terminal: ?" + q
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
func (p *Platform) Export(summaryJSON, repsCSV []byte) string {
	dir, err := p.export(summaryJSON, repsCSV)
	if err != nil {
		return "export failed: " + err.Error()
	}
	return "wrote " + dir
}

func (p *Platform) export(summaryJSON, repsCSV []byte) (string, error) {
	base, err := filepath.Abs(p.Dir)
	if err != nil {
		return "", err
	}
	seed := p.seed()
	var dir string
	for n := 1; ; n++ {
		dir = filepath.Join(base, fmt.Sprintf("mentorsim-export-%s-%d", seed, n))
		err = os.Mkdir(dir, 0o755)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || n >= 100000 {
			return "", err
		}
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"summary.json", summaryJSON}, {"reps.csv", repsCSV}} {
		if err := WriteFile(filepath.Join(dir, f.name), f.data); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	return dir, nil
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

// WriteFile writes data to a temporary file beside path and renames it
// into place, so path is never seen half-written.
func WriteFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
