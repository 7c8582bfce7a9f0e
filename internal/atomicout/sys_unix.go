//go:build unix

package atomicout

import (
	"errors"
	"os"
	"syscall"
)

// noFollow makes open fail on a link at the last component of the path;
// nonBlock keeps open from waiting on a named pipe (OpenFile then refuses
// it as not a regular file).
const (
	noFollow = syscall.O_NOFOLLOW
	nonBlock = syscall.O_NONBLOCK
)

// links is the number of hard links to a file.
func links(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// stopSignals are the signals that remove temporary files before ending the process.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

func isLink(err error) bool { return errors.Is(err, syscall.ELOOP) }

// lock takes an exclusive lock on f, held until f is closed or the process
// ends, however it ends.
func lock(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }

// tryLock takes the lock if no one holds it.
func tryLock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

// ErrBusy is what LockFile returns when another process holds the lock.
var ErrBusy = errors.New("locked by another process")

// LockFile opens (creating it) path without following a link and takes an
// exclusive lock on it without waiting; ErrBusy if another process has it.
func LockFile(path string) (*os.File, error) {
	f, err := OpenFile(path, os.O_RDWR|os.O_CREATE)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrBusy
		}
		return nil, err
	}
	return f, nil
}

// stopSelf stops the process until a SIGCONT (a test hook).
func stopSelf() { syscall.Kill(os.Getpid(), syscall.SIGSTOP) }
