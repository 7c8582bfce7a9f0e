package atomicout

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
)

// Prefix starts every temporary name this package makes.
const Prefix = ".mentorsim-tmp-"

// Error is a refusal caused by what is on disk where an output goes (a link,
// a file where a directory should be, files the program did not write): the
// user's input, not a failure of the program.
type Error struct{ Path, Problem, Want string }

func (e *Error) Error() string { return fmt.Sprintf("%q %s; want %s", e.Path, e.Problem, e.Want) }

// BadInput marks the error as the user's input: what is on disk where an
// output goes.
func (e *Error) BadInput() bool { return true }

// lstat is os.Lstat of an output's path without following a link: no
// info and no error where nothing is there, an *Error for a link.
func lstat(path string) (fs.FileInfo, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case errors.Is(err, syscall.ENOTDIR): // under a file CheckParents did not see (through a trusted link)
		return nil, underFile(path, "a parent")
	case err != nil:
		return nil, err
	case fi.Mode()&fs.ModeSymlink != 0:
		return nil, linkError(path)
	}
	return fi, nil
}

func underFile(path, parent string) error {
	return &Error{path, fmt.Sprintf("lies under %s, which is a file, not a directory", parent), "a path whose every parent is a directory (or not yet made)"}
}

func linkError(path string) error {
	return &Error{path, "is a symbolic link, which mentorsim does not write through", "no link there (remove it, or name the directory it points to)"}
}

// File is one file of a directory output and the function that writes it.
type File struct {
	Name  string
	Write func(io.Writer) error
}

// CheckDir reports whether a directory output may go to path: nothing is
// there, or a directory (not a link to one) holding only regular files whose
// names owned accepts, which WriteDir replaces as a whole.
func CheckDir(path string, owned func(name string) bool) error {
	if b := filepath.Base(path); b == "." || b == ".." || b == string(filepath.Separator) {
		return &Error{path, "names no directory that can be replaced", "a directory name, like results or out/run1"}
	}
	if err := CheckParents(path); err != nil {
		return err
	}
	fi, err := lstat(path)
	switch {
	case err != nil || fi == nil:
		return err
	case !fi.IsDir():
		return &Error{path, "exists and is not a directory", "a directory, or a name not yet taken"}
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return err
	}
	var foreign []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !owned(e.Name()) {
			foreign = append(foreign, e.Name())
		}
	}
	if len(foreign) > 0 {
		sort.Strings(foreign)
		if len(foreign) > 5 {
			foreign = append(foreign[:5], "...")
		}
		return &Error{path, "holds files that are not this command's earlier output (" + strings.Join(foreign, ", ") + "), so it is not replaced",
			"a new or empty directory, or one holding only this command's earlier output (which it replaces as a whole)"}
	}
	return nil
}

// WriteDir writes files as the directory path, replacing what CheckDir
// allows there as a whole: no file of an earlier output survives.
func WriteDir(path string, files []File, owned func(name string) bool) error {
	return BuildDir(path, owned, func(create func(name string) (io.Writer, error)) error {
		for _, f := range files {
			w, err := create(f.Name)
			if err != nil {
				return err
			}
			if err := f.Write(w); err != nil {
				return fmt.Errorf("writing %s: %w", f.Name, err)
			}
		}
		return nil
	})
}

// BuildDir is WriteDir for outputs written together: build creates each
// file (buffered, in a temporary directory) and writes them in any order.
func BuildDir(path string, owned func(name string) bool, build func(create func(name string) (io.Writer, error)) error) error {
	if err := CheckDir(path, owned); err != nil {
		return err
	}
	path = filepath.Clean(path)
	parent := filepath.Dir(path)
	tmp, err := tempIn(parent, true)
	if err != nil {
		return err
	}
	defer tmp.discard()
	var open []*os.File
	var bufs []*bufio.Writer
	defer func() {
		for _, f := range open {
			f.Close()
		}
	}()
	err = build(func(name string) (io.Writer, error) {
		f, err := OpenFile(filepath.Join(tmp.path, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL)
		if err != nil {
			return nil, err
		}
		open = append(open, f)
		bufs = append(bufs, bufio.NewWriterSize(f, 1<<16))
		return bufs[len(bufs)-1], nil
	})
	if err != nil {
		return err
	}
	for k, f := range open {
		if err := bufs[k].Flush(); err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			return err
		}
	}
	if err := tmp.f.Sync(); err != nil {
		return err
	}
	if err := CheckDir(path, owned); err != nil { // again: it may have changed meanwhile
		return err
	}
	if err := tmp.swapInto(path); err != nil {
		return err
	}
	return SyncDir(parent)
}

// WriteFile writes path through a temporary file beside it renamed over it.
// A link or a directory at path is refused.
func WriteFile(path string, write func(io.Writer) error) error {
	path = filepath.Clean(path)
	if err := CheckParents(path); err != nil { // first: it names a file in the way
		return err
	}
	if err := checkFile(path); err != nil {
		return err
	}
	tmp, err := tempIn(filepath.Dir(path), false)
	if err != nil {
		return err
	}
	defer tmp.discard()
	if err := writeTo(tmp.f, write); err != nil {
		return err
	}
	if err := checkFile(path); err != nil {
		return err
	}
	return tmp.renameTo(path)
}

// tempIn makes a temporary file, or directory, in dir (created if missing),
// after removing what killed runs left there. Its errors name dir, not the
// temporary's name, which the user never gave.
func tempIn(dir string, isDir bool) (*temp, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := Clean(dir); err != nil {
		return nil, err
	}
	t, err := newTemp(dir, isDir)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, fmt.Errorf("cannot write in %q: %w", dir, pe.Err)
	}
	return t, err
}

// checkFile refuses a link or a directory where a file output goes.
func checkFile(path string) error {
	fi, err := lstat(path)
	switch {
	case err != nil || fi == nil:
		return err
	case fi.IsDir():
		return &Error{path, "is a directory", "a file name, not a directory"}
	case !fi.Mode().IsRegular():
		return &Error{path, "is not a regular file", "a file name"}
	}
	return nil
}

// writeTo writes through a buffer and fsyncs, leaving f open.
func writeTo(f *os.File, write func(io.Writer) error) error {
	w := bufio.NewWriterSize(f, 1<<16)
	if err := write(w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Sync()
}

// OpenFile opens path without following a link there (a link is refused
// with an *Error) and without waiting on a named pipe, and checks that it
// is a regular file and, opened for writing, that it has no other hard
// link (writing it would change the other name's file too); files it
// creates get mode 0644 (less the umask).
func OpenFile(path string, flag int) (*os.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR) != 0 {
		if err := CheckParents(path); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(path, flag|noFollow|nonBlock, 0o644)
	if isLink(err) || (err != nil && flag&os.O_EXCL != 0 && isSymlink(path)) {
		return nil, linkError(path)
	}
	if err != nil {
		if fi, serr := os.Lstat(path); serr == nil && !fi.Mode().IsRegular() { // a pipe with no reader (ENXIO), say
			return nil, notWritable(path, fi, true)
		}
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil {
		err = notWritable(path, fi, flag&(os.O_WRONLY|os.O_RDWR) != 0)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// CheckWritable refuses what OpenFile would refuse for writing at path,
// without opening it: a link, a file that is not regular, a file with
// another hard link. Nothing there is fine.
func CheckWritable(path string) error {
	if err := CheckParents(path); err != nil {
		return err
	}
	fi, err := lstat(path)
	if err != nil || fi == nil {
		return err
	}
	return notWritable(path, fi, true)
}

// notWritable refuses a file that is not regular and, if it is to be
// written, one with another hard link (writing it would change the other
// name's file too); nil for a file that will do.
func notWritable(path string, fi fs.FileInfo, write bool) error {
	switch {
	case !fi.Mode().IsRegular():
		return &Error{path, "is not a regular file", "a regular file or nothing there"}
	case write && links(fi) > 1:
		return &Error{path, fmt.Sprintf("has %d hard links, so writing it would change another file too", links(fi)), "a file with one link (copy it to a new name, or remove it)"}
	}
	return nil
}

// TrustLinksEnv, set to 1 in the environment, lets outputs go under
// directories the path reaches through a symbolic link (a home directory
// that is a link, say), which are refused otherwise.
const TrustLinksEnv = "MENTORSIM_TRUST_LINKS"

// CheckParents refuses an output whose parent directories, as its path
// names them, include a symbolic link (the output would land wherever the
// link points, perhaps in someone else's directory) or a file.
func CheckParents(path string) error {
	trust := os.Getenv(TrustLinksEnv) == "1"
	for d := filepath.Dir(filepath.Clean(path)); d != "." && d != filepath.Dir(d); d = filepath.Dir(d) {
		fi, err := os.Lstat(d)
		switch {
		case err != nil: // not made yet, or under a file (found further up)
		case fi.Mode()&fs.ModeSymlink != 0:
			if !trust {
				return &Error{path, fmt.Sprintf("lies under %q, a symbolic link", d),
					"a path through real directories (name the one the link points to, or set " + TrustLinksEnv + "=1 to trust it)"}
			}
		case !fi.IsDir():
			return underFile(path, strconv.Quote(d))
		}
	}
	return nil
}

func isSymlink(path string) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode()&fs.ModeSymlink != 0
}

// CheckNoLink refuses a link at path (a directory the user named, say).
func CheckNoLink(path string) error {
	if isSymlink(path) {
		return linkError(path)
	}
	return nil
}

// SyncDir fsyncs a directory, so that renames and removals in it last.
func SyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
