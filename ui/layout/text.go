package layout

import (
	"strings"
	"unicode/utf8"
)

// Face is one of the app's fonts. The layout places text by measuring it
// with Metrics, so a test can measure with the same font files the app
// draws with and check that no text overlaps other text or leaves its panel.
type Face int

// The app's faces.
const (
	Body        Face = iota // buttons, messages
	Small                   // ticks, legends, labels
	Heading                 // panel titles
	LessonFace              // the lesson's text
	LessonBold              // the lesson's question and buttons
	LessonTitle             // the lesson step's title and counter
	NumFaces
)

// FaceSpec is a face's size in pixels at scale 1 and its weight (Go
// Regular or Go Bold).
type FaceSpec struct {
	Size float64
	Bold bool
}

// faceSpecs are the faces' specs, by Face.
var faceSpecs = [NumFaces]FaceSpec{{13, false}, {11, false}, {13, true}, {16, false}, {16, true}, {19, true}}

// Spec is the face's size and weight.
func (f Face) Spec() FaceSpec { return faceSpecs[f] }

// Metrics measures text in device pixels at the layout's scale.
type Metrics interface {
	Width(s string, f Face) float64 // advance width of one line
	Height(f Face) float64          // height of a line (ascent + descent)
}

// Text is one piece of text in place: drawn with the top-left corner of
// its Box at (Box.X, Box.Y); the box is as wide as the text and a line
// high.
type Text struct {
	S    string
	Face Face
	Box  Rect
}

// Align is where a text's anchor is: its left end, middle or right end.
type Align int

// The alignments.
const (
	Left Align = iota
	Center
	Right
)

// Place puts s in face f with its top at y and its anchor at x.
func Place(m Metrics, s string, f Face, x, y float64, a Align) Text {
	w := m.Width(s, f)
	switch a {
	case Center:
		x -= w / 2
	case Right:
		x -= w
	}
	return Text{S: s, Face: f, Box: Rect{x, y, w, m.Height(f)}}
}

// Middle puts s vertically centred in r with its anchor at x.
func Middle(m Metrics, s string, f Face, r Rect, x float64, a Align) Text {
	return Place(m, s, f, x, r.Y+(r.H-m.Height(f))/2, a)
}

// Fit returns the first of alts (longest first) no wider than w; if none
// fits, the last cut short with an ellipsis, or "" if not even that fits.
func Fit(m Metrics, f Face, w float64, alts ...string) string {
	for _, s := range alts {
		if m.Width(s, f) <= w {
			return s
		}
	}
	if len(alts) == 0 {
		return ""
	}
	s := alts[len(alts)-1]
	for s != "" {
		_, n := utf8.DecodeLastRuneInString(s)
		s = strings.TrimRight(s[:len(s)-n], " ,;:·")
		if t := s + "…"; m.Width(t, f) <= w {
			return t
		}
	}
	return ""
}

// Wrap breaks s into lines no wider than w; a word wider than that is cut
// to fit. Newlines in s start new lines.
func Wrap(m Metrics, s string, f Face, w float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		cur := ""
		for _, word := range strings.Fields(para) {
			next := word
			if cur != "" {
				next = cur + " " + word
			}
			if cur != "" && m.Width(next, f) > w {
				lines = append(lines, Fit(m, f, w, cur))
				next = word
			}
			cur = next
		}
		lines = append(lines, Fit(m, f, w, cur))
	}
	return lines
}

// Overlaps reports whether a and b share any area.
func (r Rect) Overlaps(b Rect) bool {
	return r.X < b.X+b.W && b.X < r.X+r.W && r.Y < b.Y+b.H && b.Y < r.Y+r.H
}

// Holds reports whether b lies inside r (to a hundredth of a pixel).
func (r Rect) Holds(b Rect) bool {
	const eps = 0.01
	return b.X >= r.X-eps && b.Y >= r.Y-eps && b.X+b.W <= r.X+r.W+eps && b.Y+b.H <= r.Y+r.H+eps
}
