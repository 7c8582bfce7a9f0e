// Package param holds mentorsim's parameters: one table, in code, from which
// validation, command-line flags, scenario files, the app's sliders and the
// documentation are all derived. docs/model.md describes the model.
package param
