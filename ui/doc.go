// Package ui is mentorsim's app: an Ebitengine game that draws a
// session.Session — the floor of reps, charts, effects and controls — and
// turns mouse and keyboard input into calls on it. The same code runs in
// the browser (package wasm) and in a desktop window (cmd/mentorsim-desktop).
package ui
