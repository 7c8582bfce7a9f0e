package atomicout

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// live is every temporary path this process has made and not yet renamed
// into place or removed; mu is held around each rename so that the signal
// handler never removes a path half-way through one.
var (
	mu   sync.Mutex
	live = map[string]bool{}
)

// temp is a temporary file or directory, open (and locked) while it lives.
type temp struct {
	path string
	f    *os.File
}

// newTemp makes a temporary file or directory in dir.
func newTemp(dir string, isDir bool) (*temp, error) {
	for range 100 {
		var b [8]byte
		rand.Read(b[:])
		path := filepath.Join(dir, Prefix+hex.EncodeToString(b[:]))
		var f *os.File
		var err error
		if isDir {
			if err = os.Mkdir(path, 0o755); err == nil {
				f, err = os.OpenFile(path, os.O_RDONLY|noFollow, 0)
			}
		} else {
			f, err = OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
		}
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		mu.Lock()
		track(path, true)
		mu.Unlock()
		if err := lock(f); err != nil {
			f.Close()
			return nil, err
		}
		testHook("temp")
		return &temp{path, f}, nil
	}
	return nil, errors.New("atomicout: no free temporary name in " + dir)
}

// discard removes the temporary (if it is still there) and closes it.
func (t *temp) discard() {
	mu.Lock()
	if live[t.path] {
		os.RemoveAll(t.path)
		track(t.path, false)
	}
	mu.Unlock()
	t.f.Close()
}

// renameTo renames the temporary file over path.
func (t *temp) renameTo(path string) error {
	mu.Lock()
	defer mu.Unlock()
	testHook("rename")
	if err := os.Rename(t.path, path); err != nil {
		return err
	}
	track(t.path, false)
	return SyncDir(filepath.Dir(path))
}

// swapInto puts the temporary directory at path: renamed there if nothing
// is, else exchanged with what is, which is then removed with the
// temporary name.
func (t *temp) swapInto(path string) error {
	mu.Lock()
	defer mu.Unlock()
	testHook("rename")
	_, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := renameNoReplace(t.path, path); err != nil {
			return err
		}
		track(t.path, false)
		return nil
	case err != nil:
		return err
	}
	if err := exchange(t.path, path); err != nil {
		return err
	}
	if err := SyncDir(filepath.Dir(path)); err != nil {
		return err
	}
	testHook("remove")
	err = os.RemoveAll(t.path)
	track(t.path, false)
	return err
}

// Clean removes the temporary files and directories in dir that no live
// process holds: the leftovers of a run that was killed.
func Clean(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), Prefix) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		mu.Lock()
		mine := live[path]
		mu.Unlock()
		if mine {
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 { // never made by us: remove the link only
			os.Remove(path)
			continue
		}
		f, err := os.OpenFile(path, os.O_RDONLY|noFollow, 0)
		if err != nil {
			continue
		}
		if tryLock(f) {
			os.RemoveAll(path)
		}
		f.Close()
	}
	return nil
}

// Temp names a temporary file in dir for a caller that renames it into
// place with Rename, and creates it; it is removed on a signal or by Clean
// once this process is gone.
func Temp(dir string) (*os.File, error) {
	t, err := newTemp(dir, false)
	if err != nil {
		return nil, err
	}
	return t.f, nil
}

// Rename moves the temporary file f (from Temp) to path, and closes it.
func Rename(f *os.File, path string) error {
	t := &temp{f.Name(), f}
	defer t.discard()
	if err := checkFile(path); err != nil {
		return err
	}
	return t.renameTo(path)
}

// Discard removes the temporary file f (from Temp) unless it was renamed
// into place, and closes it.
func Discard(f *os.File) { (&temp{f.Name(), f}).discard() }
