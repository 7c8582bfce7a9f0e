// Package gofonts holds the fonts the app draws with (Go Regular and Go
// Bold, at the sizes of layout.Face.Spec) and measures text in them without
// Ebitengine: the app rasterises its glyphs from these faces and the
// layout's tests measure with them, so the layout places text as it is
// drawn.
package gofonts
