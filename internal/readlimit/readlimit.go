// Package readlimit reads input files with a bound on their size and on the
// length of their lines, so that an endless or huge input (/dev/zero, a
// wrong file) is refused at once instead of filling memory.
package readlimit

import (
	"bytes"
	"fmt"
	"io"
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

// ReadFile reads path whole if it has at most limit bytes.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > limit {
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
