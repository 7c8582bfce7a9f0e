package ui

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"mentorsim/ui/layout"
)

// shapes collects filled rectangles and straight lines to draw in one call:
// a chart's hundreds of band steps and curve segments cost one draw, not
// one path each as with package vector (a quarter of a frame's time).
type shapes struct {
	dst *ebiten.Image
	vs  []ebiten.Vertex
	is  []uint16
}

// on starts collecting shapes for dst.
func (s *shapes) on(dst *ebiten.Image) *shapes {
	s.dst = dst
	return s
}

// whitePixel is the source of the shapes' triangles, tinted per vertex.
var whitePixel = func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
}()

// quad adds the quadrilateral (x[i], y[i]) in c, premultiplied.
func (s *shapes) quad(x, y [4]float64, c color.RGBA) {
	if len(s.vs)+4 > math.MaxUint16 { // as many as 16-bit indices reach
		s.flush()
	}
	n := uint16(len(s.vs))
	r, g, b, a := float32(c.R)/0xff, float32(c.G)/0xff, float32(c.B)/0xff, float32(c.A)/0xff
	for i := range 4 {
		s.vs = append(s.vs, ebiten.Vertex{DstX: float32(x[i]), DstY: float32(y[i]), SrcX: 1, SrcY: 1,
			ColorR: r, ColorG: g, ColorB: b, ColorA: a})
	}
	s.is = append(s.is, n, n+1, n+2, n, n+2, n+3)
}

func (s *shapes) rect(r layout.Rect, c color.RGBA) {
	s.quad([4]float64{r.X, r.X + r.W, r.X + r.W, r.X}, [4]float64{r.Y, r.Y, r.Y + r.H, r.Y + r.H}, c)
}

// line is a segment width wide with square-cut ends, as vector.StrokeLine
// draws it.
func (s *shapes) line(x0, y0, x1, y1, width float64, c color.RGBA) {
	l := math.Hypot(x1-x0, y1-y0)
	if l == 0 {
		return
	}
	nx, ny := -(y1-y0)/l*width/2, (x1-x0)/l*width/2
	s.quad([4]float64{x0 + nx, x1 + nx, x1 - nx, x0 - nx}, [4]float64{y0 + ny, y1 + ny, y1 - ny, y0 - ny}, c)
}

// flush draws what was collected and empties s.
func (s *shapes) flush() {
	if len(s.is) > 0 {
		op := &ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
		s.dst.DrawTriangles(s.vs, s.is, whitePixel, op)
	}
	s.vs, s.is = s.vs[:0], s.is[:0]
}
