// Package atinit runs nodisplay.Answer as the program starts, before
// Ebitengine's initialisation would panic for want of a display; import it
// for its side effect.
package atinit
