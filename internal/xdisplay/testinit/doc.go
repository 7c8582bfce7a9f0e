// Package testinit lets the tests of a package that imports Ebitengine run
// without a display: imported for its side effect by such a test, it runs
// the test binary again under xvfb-run when there is no display, and when
// there is no xvfb-run either it says the package's tests are skipped and
// why (or fails, when MENTORSIM_REQUIRE_ALL asks for every test to run, as
// make test does). Go initialises a package as soon as its imports are, in
// import-path order, and this one imports nothing of Ebitengine's, so it
// runs before Ebitengine's initialisation would panic.
package testinit
