// Package atomicout writes mentorsim's outputs so that they appear whole or
// not at all, and never through a link the program did not make.
//
// A file output is written to a temporary file beside it and renamed over
// it. A directory output is built as a temporary directory beside it and
// swapped in (on Linux with one atomic exchange), so that a reader, or a
// process killed at any instant, sees the complete old result or the
// complete new one. Every temporary name starts with Prefix; while its
// writer lives it holds a lock on it, so Clean can tell a leftover of a
// killed run (removed) from one still being written (kept). Temporary files
// are also removed on SIGINT, SIGTERM and SIGHUP. Files are opened with
// O_NOFOLLOW and directories checked with Lstat, so a symbolic link where an
// output goes is refused, not followed.
package atomicout
