package ui

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"mentorsim/ui/layout/gofonts"
)

// The app draws its text itself: glyphs rasterised by golang.org/x/image's
// font package, kept as small images, placed by their advances and kerning.
// Ebitengine's text/v2 would shape with go-text's HarfBuzz port, a fifth of
// the WebAssembly app, which the app's short Latin lines do not need.

// align places text relative to the given point.
type align int

const (
	left align = iota
	center
	right
)

// subpixels is how many horizontal positions within a pixel each glyph is
// rasterised at, so that letters keep their spacing.
const subpixels = 4

type glyphKey struct {
	r   rune
	sub int
}

// glyph is a rasterised glyph and its offset from the pen on the baseline;
// img is nil for a glyph with no ink (a space).
type glyph struct {
	img *ebiten.Image
	off image.Point
}

// face is one face at one size, with the glyphs it has drawn and the
// advances and kerning it has looked up so far (the layout measures every
// label every frame).
type face struct {
	f        font.Face
	ascent   fixed.Int26_6
	glyphs   map[glyphKey]glyph
	advances map[rune]fixed.Int26_6
	kerns    map[[2]rune]fixed.Int26_6
}

func newFace(f font.Face) *face {
	return &face{f: f, ascent: f.Metrics().Ascent, glyphs: map[glyphKey]glyph{},
		advances: map[rune]fixed.Int26_6{}, kerns: map[[2]rune]fixed.Int26_6{}}
}

// release frees the glyphs' images.
func (fc *face) release() {
	for _, g := range fc.glyphs {
		if g.img != nil {
			g.img.Deallocate()
		}
	}
}

// pen calls at with each rune of s and its pen position from the start,
// and returns the advance of s, as font.MeasureString adds it up.
func (fc *face) pen(s string, at func(r rune, x fixed.Int26_6)) fixed.Int26_6 {
	var x fixed.Int26_6
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			k, ok := fc.kerns[[2]rune{prev, r}]
			if !ok {
				k = fc.f.Kern(prev, r)
				fc.kerns[[2]rune{prev, r}] = k
			}
			x += k
		}
		if at != nil {
			at(r, x)
		}
		a, ok := fc.advances[r]
		if !ok {
			a, _ = fc.f.GlyphAdvance(r)
			fc.advances[r] = a
		}
		x += a
		prev = r
	}
	return x
}

func (fc *face) width(s string) float64 { return gofonts.Float(fc.pen(s, nil)) }

// height is the line's ascent plus descent.
func (fc *face) height() float64 {
	m := fc.f.Metrics()
	return gofonts.Float(m.Ascent + m.Descent)
}

// draw draws s with its top at y, aligned at x, in colour c.
func (fc *face) draw(dst *ebiten.Image, s string, x, y float64, a align, c color.Color) {
	switch a {
	case center:
		x -= fc.width(s) / 2
	case right:
		x -= fc.width(s)
	}
	x0 := fixed.Int26_6(math.Round(x * 64))
	base := math.Round(y + gofonts.Float(fc.ascent))
	op := &ebiten.DrawImageOptions{}
	op.ColorScale.ScaleWithColor(c)
	fc.pen(s, func(r rune, dx fixed.Int26_6) {
		p := x0 + dx
		g := fc.glyph(r, int(p&63)*subpixels/64)
		if g.img == nil {
			return
		}
		op.GeoM.Reset()
		op.GeoM.Translate(float64(p.Floor()+g.off.X), base+float64(g.off.Y))
		dst.DrawImage(g.img, op)
	})
}

// glyph is r rasterised at sub/subpixels of a pixel right of a pixel's
// edge: white, its coverage in alpha, for the colour scale to tint.
func (fc *face) glyph(r rune, sub int) glyph {
	k := glyphKey{r, sub}
	if g, ok := fc.glyphs[k]; ok {
		return g
	}
	var g glyph
	dr, mask, mp, _, _ := fc.f.Glyph(fixed.Point26_6{X: fixed.Int26_6(sub * 64 / subpixels)}, r)
	if !dr.Empty() {
		rgba := image.NewRGBA(image.Rect(0, 0, dr.Dx(), dr.Dy()))
		draw.DrawMask(rgba, rgba.Bounds(), image.White, image.Point{}, mask, mp, draw.Src)
		g = glyph{img: ebiten.NewImageFromImage(rgba), off: dr.Min}
	}
	fc.glyphs[k] = g
	return g
}
