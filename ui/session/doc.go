// Package session is the app's state without its drawing: the study being
// watched, the controls that steer it, the shareable query string and the
// data the panels show. It imports no Ebitengine, so all of it is tested
// natively and in WebAssembly; package ui only draws it and turns input into
// calls.
package session
