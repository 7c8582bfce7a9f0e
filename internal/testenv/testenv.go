// Package testenv decides what a test does when something it needs is
// missing here (a tool, a permission): where every test must run (make
// test sets MENTORSIM_REQUIRE_ALL), it fails; elsewhere it is skipped,
// saying why. One rule, so that no test is skipped under make test for
// want of what .ci/deps installs.
package testenv

import (
	"os"
	"testing"
)

// RequireAllVar is the environment variable that asks every test to run.
const RequireAllVar = "MENTORSIM_REQUIRE_ALL"

// RequireAll reports whether every test must run: RequireAllVar is set to
// anything.
func RequireAll() bool { return os.Getenv(RequireAllVar) != "" }

// Unavailable ends the test for want of what why names: a failure where
// every test must run, else a skip.
func Unavailable(t testing.TB, why string) {
	t.Helper()
	if RequireAll() {
		t.Fatalf("cannot run: %s (%s is set, so this fails instead of skipping)", why, RequireAllVar)
	}
	t.Skip(why)
}
