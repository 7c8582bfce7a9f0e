// Package desktop is the part of cmd/mentorsim-desktop that needs no
// window: its command line and its ui.Platform. It imports no Ebitengine
// (whose package init needs an X display on Linux), so it is tested
// anywhere.
package desktop
