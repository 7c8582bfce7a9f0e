// Package bot plays simulated students (and a teacher) against a class
// server over HTTP, for the load generator and the tests.
package bot
