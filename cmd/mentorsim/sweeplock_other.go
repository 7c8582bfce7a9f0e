//go:build !unix

package main

// lockSweep does nothing where there is no flock (WebAssembly builds of the
// command, which are only used to check that results are the same there).
func lockSweep(string) (func(), error) { return func() {}, nil }
