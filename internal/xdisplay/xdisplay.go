// Package xdisplay tells whether Ebitengine will find a display. On X11
// systems Ebitengine opens the display in its package initialisation and
// panics without one, before any code of ours runs, so the checks that
// avoid that panic (package testinit, the desktop's nodisplay) must run in
// a package initialised before Ebitengine's.
package xdisplay

// Missing reports whether goos draws with X11 (as Ebitengine does on Linux
// and the BSDs) and getenv has no DISPLAY.
func Missing(goos string, getenv func(string) string) bool {
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		return getenv("DISPLAY") == ""
	}
	return false
}
