package xdisplay

import "testing"

func TestMissing(t *testing.T) {
	env := func(display string) func(string) string {
		return func(k string) string {
			if k == "DISPLAY" {
				return display
			}
			return ""
		}
	}
	if !Missing("linux", env("")) || Missing("linux", env(":0")) || Missing("darwin", env("")) || Missing("windows", env("")) {
		t.Error("Missing: want true only for X11 systems without DISPLAY")
	}
}
