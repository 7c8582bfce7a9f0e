//go:build unix

package readlimit

import "syscall"

// nonBlock opens a named pipe without waiting for a writer (Open then
// refuses it); on a regular file it changes nothing.
const nonBlock = syscall.O_NONBLOCK
