package gofonts

import (
	"slices"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestSameGlyphs checks that the unhinted fonts keep every glyph of the
// Go fonts: the same characters, advances and outlines.
func TestSameGlyphs(t *testing.T) {
	for _, c := range []struct {
		name      string
		orig, got []byte
	}{{"Go Regular", goregular.TTF, regularTTF}, {"Go Bold", gobold.TTF, boldTTF}} {
		orig, err := sfnt.Parse(c.orig)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sfnt.Parse(c.got)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var bo, bg sfnt.Buffer
		ppem := fixed.I(1000)
		n := 0
		for r := rune(0); r < 0x10000; r++ {
			io, _ := orig.GlyphIndex(&bo, r)
			ig, _ := got.GlyphIndex(&bg, r)
			if (io == 0) != (ig == 0) {
				t.Errorf("%s: %U is in one font only", c.name, r)
			}
			if io == 0 {
				continue
			}
			n++
			ao, _ := orig.GlyphAdvance(&bo, io, ppem, font.HintingNone)
			ag, _ := got.GlyphAdvance(&bg, ig, ppem, font.HintingNone)
			so, _ := orig.LoadGlyph(&bo, io, ppem, nil)
			sg, err := got.LoadGlyph(&bg, ig, ppem, nil)
			if err != nil || ao != ag || !slices.Equal(so, sg) {
				t.Errorf("%s: %U differs (advance %v, %v; %v)", c.name, r, ao, ag, err)
			}
		}
		if n < 600 {
			t.Errorf("%s: %d characters; want the Go fonts' 660 or so", c.name, n)
		}
	}
}
