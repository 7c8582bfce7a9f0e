// Package xdisplay tells whether Ebitengine will find a display. On X11
// systems Ebitengine opens the display in its package initialisation and
// panics without one, before any code of ours runs, so the checks that
// avoid that panic (package testinit, the desktop's nodisplay) must run in
// a package initialised before Ebitengine's.
package xdisplay
