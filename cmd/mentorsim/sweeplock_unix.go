//go:build unix

package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// lockSweep takes an exclusive lock on dir/.lock so that two sweeps cannot
// write one directory at once (a requeued cluster job while the first still
// runs, say). The kernel drops the lock when the process ends, however it
// ends, so a killed sweep never leaves a stale lock for -resume to trip on.
func lockSweep(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, bad("out: %q is in use by another mentorsim sweep; wait for it, or use another -out", dir)
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
