//go:build !unix

package readlimit

// nonBlock: no named pipes to wait on here.
const nonBlock = 0
