// Package lesson is the app's guided lesson for a class: steps, each with a
// short text, a question and a setup of the simulation (preset, seed,
// parameters, whether ability is revealed, which panels show, which
// controls are locked, whether to run to the end). The lesson's words live
// in one JSON file (lesson.json, compiled in; a teacher may edit or
// translate a copy and open it with mentorsim-desktop -lesson FILE). The
// package parses and validates lessons; it imports no Ebitengine.
package lesson
