package readlimit

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// TooLarge is an input over its bound.
type TooLarge struct {
	What  string // "bytes" (in all) or "bytes in one line"
	Limit int64
}

func (e *TooLarge) Error() string {
	if e.What == "bytes" {
		return "is larger than " + Size(e.Limit)
	}
	return "has a line longer than " + Size(e.Limit)
}

// Size formats a byte count as MiB or KiB where exact.
func Size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// NotRegular is an input that is not a regular file: a named pipe, a
// device, a socket or a directory, which mentorsim never reads (a pipe
// with no writer would block it forever, a device never ends).
type NotRegular struct{ Kind string }

func (e *NotRegular) Error() string { return "is " + e.Kind + ", not a regular file" }

// kind names what a non-regular file is.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return "not a plain file"
}

// Open opens path for reading if it is a regular file (following links),
// and refuses anything else, as an *fs.PathError wrapping *NotRegular,
// without blocking: it is opened non-blocking (a named pipe with no
// writer does not wait) and checked on the open file, so it cannot be
// swapped between the check and the read.
func Open(path string) (*os.File, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: &NotRegular{kind(fi.Mode())}}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = &fs.PathError{Op: "open", Path: path, Err: &NotRegular{kind(fi.Mode())}}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ReadFile reads path whole if it is a regular file (Open) of at most
// limit bytes, in one read of its size.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() > limit {
		return nil, &TooLarge{"bytes", limit}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLarge{"bytes", limit}
	}
	return data, nil
}

// Lines wraps r so that reading fails with *TooLarge after more than total
// bytes, or a line of more than line bytes.
func Lines(r io.Reader, total, line int64) io.Reader {
	return &lines{r: r, total: total, left: total, lineMax: line}
}

type lines struct {
	r       io.Reader
	total   int64
	left    int64 // bytes still allowed
	lineMax int64
	line    int64 // bytes since the last newline
}

func (l *lines) Read(p []byte) (int, error) {
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return 0, &TooLarge{"bytes", l.total}
	}
	for b := p[:n]; len(b) > 0; {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			i = len(b)
		}
		if l.line += int64(i); l.line > l.lineMax {
			return 0, &TooLarge{"bytes in one line", l.lineMax}
		}
		if i == len(b) {
			break
		}
		l.line, b = 0, b[i+1:]
	}
	return n, err
}
