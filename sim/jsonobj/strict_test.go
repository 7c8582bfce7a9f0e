package jsonobj

import "testing"

func TestStrict(t *testing.T) {
	for in, want := range map[string]*Problem{
		`{"a": 1, "b": {"c": [1, 2]}}`:            nil,
		`{"a": 1, "a": 2}`:                        {"", "a"},
		`{"p": {"x": 1, "y": 2, "x": 3}}`:         {"p", "x"},
		`{"p": [{"x": 1}, {"x": 2, "x": 1}]}`:     {"p[1]", "x"},
		`{"a": {"x": 1}, "b": {"x": 1}}`:          nil,
		`{"a": null}`:                             {"a", ""},
		`{"params": {"hires": null}}`:             {"params.hires", ""},
		`{"g": [1, [2, null]]}`:                   {"g[1][1]", ""},
		`null`:                                    {"", ""},
		`{"a": "null", "b": ["x", "a"], "a2": 1}`: nil,
		`{"a": `: nil, // malformed: the decoder says so
	} {
		got := Strict([]byte(in))
		if (got == nil) != (want == nil) || (got != nil && *got != *want) {
			t.Errorf("Strict(%s) = %+v, want %+v", in, got, want)
		}
	}
}
