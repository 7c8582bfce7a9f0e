//go:build !unix

package atomicout

import (
	"errors"
	"os"
)

// Where there is no O_NOFOLLOW or flock (WebAssembly builds of the command,
// used only to check that results are the same there), links are not
// refused and temporaries are not locked.
const (
	noFollow = 0
	nonBlock = 0
)

func links(os.FileInfo) uint64 { return 1 }

var stopSignals = []os.Signal{os.Interrupt}

func isLink(error) bool { return false }

func lock(*os.File) error { return nil }

func tryLock(*os.File) bool { return false }

// ErrBusy is what LockFile returns when another process holds the lock.
var ErrBusy = errors.New("locked by another process")

// LockFile opens (creating it) path.
func LockFile(path string) (*os.File, error) { return OpenFile(path, os.O_RDWR|os.O_CREATE) }

func stopSelf() {}
