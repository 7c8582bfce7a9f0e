// Package readlimit reads input files with a bound on their size and on the
// length of their lines, so that an endless or huge input (/dev/zero, a
// wrong file) is refused at once instead of filling memory.
package readlimit
