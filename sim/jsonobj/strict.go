package jsonobj

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// MaxDepth bounds the nesting of every input file: mentorsim's own files
// nest at most four deep, and a bound keeps a hostile file (a megabyte of
// '[') from costing more than its size.
const MaxDepth = 64

// Problem is what Strict finds in an input file: a key given twice in one
// object (which encoding/json lets the last win), a null where every
// value of mentorsim's files is a number, string, list or object, or
// nesting deeper than MaxDepth.
type Problem struct {
	Path    string // where: "params.hires", "points[2]", or "" for the top level
	Key     string // the repeated key, or "" for a null or too deep
	TooDeep bool   // nested more than MaxDepth deep
}

// frame is one open object or list; the path is built from the frames
// only when there is a problem to report, so each token costs O(1).
type frame struct {
	object bool
	keys   map[string]bool // allocated at the object's first key
	key    string          // the member whose value comes next
	index  int             // the list element that comes next
}

// Strict walks one JSON value and returns its first Problem, or nil. Malformed
// JSON is left to the decoder to report (nil). Time and memory are linear
// in the input.
func Strict(data []byte) *Problem {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		if n := len(stack); n > 0 {
			f := &stack[n-1]
			if k, ok := tok.(string); ok && f.object && f.key == "" {
				if f.keys[k] {
					return &Problem{Path: where(stack[:n-1]), Key: k}
				}
				if f.keys == nil {
					f.keys = map[string]bool{}
				}
				f.keys[k], f.key = true, k
				continue
			}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if len(stack) == MaxDepth {
				return &Problem{Path: where(stack), TooDeep: true}
			}
			stack = append(stack, frame{object: tok == json.Delim('{')})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		case nil:
			return &Problem{Path: where(stack)}
		}
		if len(stack) == 0 {
			return nil
		}
		f := &stack[len(stack)-1]
		if !f.object {
			f.index++
		}
		f.key = ""
	}
}

// where names the value about to be read: the path through every open
// frame's current member or element.
func where(stack []frame) string {
	var b strings.Builder
	for _, f := range stack {
		if !f.object {
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(f.key)
	}
	return b.String()
}
