// Package layout is the app's geometry, free of Ebitengine: where each panel
// and control goes for a window size, which one is under the pointer, how a
// slider's position maps to a parameter value, and where each rep's desk is
// on the floor.
package layout
