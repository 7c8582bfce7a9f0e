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
