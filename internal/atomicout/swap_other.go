//go:build !linux

package atomicout

import "os"

// exchange swaps two directories with two renames (there is no atomic
// exchange here): b is missing between them, its old contents at a+"-old",
// a temporary name Clean removes.
func exchange(a, b string) error {
	old := a + "-old"
	if err := os.Rename(b, old); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(old, b)
		return err
	}
	return os.Rename(old, a)
}

func renameNoReplace(a, b string) error { return os.Rename(a, b) }
