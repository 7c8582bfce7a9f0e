// Package memlimit estimates the memory a command's work needs and refuses
// work over a limit before it starts, so that a mistyped count ends in a
// clear refusal rather than the Go runtime running out of memory.
package memlimit
