package jsonobj

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Problem is what Strict finds in an input file: a key given twice in one
// object (which encoding/json lets the last win), or a null where every
// value of mentorsim's files is a number, string, list or object.
type Problem struct {
	Path string // where: "params.hires", "points[2]", or "" for the top level
	Key  string // the repeated key, or "" for a null
}

// Strict walks one JSON value and returns its first Problem, or nil. Malformed
// JSON is left to the decoder to report (nil).
func Strict(data []byte) *Problem {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		object bool
		keys   map[string]bool
		key    string // the member whose value comes next
		index  int    // the list element that comes next
		path   string
	}
	var stack []*frame
	// where names the value about to be read.
	where := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := stack[len(stack)-1]
		if f.object {
			return join(f.path, f.key)
		}
		return f.path + "[" + strconv.Itoa(f.index) + "]"
	}
	// done moves the enclosing list past the value just read.
	done := func() {
		if len(stack) > 0 && !stack[len(stack)-1].object {
			stack[len(stack)-1].index++
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		if len(stack) > 0 {
			f := stack[len(stack)-1]
			if k, ok := tok.(string); ok && f.object && f.key == "" {
				if f.keys[k] {
					return &Problem{f.path, k}
				}
				f.keys[k], f.key = true, k
				continue
			}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			stack = append(stack, &frame{object: tok == json.Delim('{'), keys: map[string]bool{}, path: where()})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		case nil:
			return &Problem{Path: where()}
		}
		if len(stack) == 0 {
			return nil
		}
		done()
		stack[len(stack)-1].key = ""
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
