// Package nodisplay answers mentorsim-desktop's command line when there is
// no display: -h and bad flags as usual, anything else with a clear
// message, where Ebitengine would panic. Ebitengine opens the display in
// its package initialisation, before main runs, so package atinit does this
// in its own: Go initialises packages in import-path order as soon as their
// imports are, and it imports nothing of Ebitengine's (TestDesktopWithoutDisplay
// checks that it does run first).
package nodisplay
