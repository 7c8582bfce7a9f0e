package jsonobj

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestStrict(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	for in, want := range map[string]*Problem{
		`{"a": 1, "b": {"c": [1, 2]}}`:            nil,
		`{"a": 1, "a": 2}`:                        {Key: "a"},
		`{"p": {"x": 1, "y": 2, "x": 3}}`:         {Path: "p", Key: "x"},
		`{"p": [{"x": 1}, {"x": 2, "x": 1}]}`:     {Path: "p[1]", Key: "x"},
		`{"a": {"x": 1}, "b": {"x": 1}}`:          nil,
		`{"a": null}`:                             {Path: "a"},
		`{"params": {"hires": null}}`:             {Path: "params.hires"},
		`{"g": [1, [2, null]]}`:                   {Path: "g[1][1]"},
		`null`:                                    {},
		`{"a": "null", "b": ["x", "a"], "a2": 1}`: nil,
		`{"a": `:                     nil, // malformed: the decoder says so
		deep:                         nil, // MaxDepth levels are allowed
		"[" + deep + "]":             {Path: strings.Repeat("[0]", MaxDepth), TooDeep: true},
		`{"params": {"x": [[` + deep: {Path: "params.x[0][0]" + strings.Repeat("[0]", MaxDepth-4), TooDeep: true},
	} {
		got := Strict([]byte(in))
		if (got == nil) != (want == nil) || (got != nil && *got != *want) {
			t.Errorf("Strict(%.80s) = %+v, want %+v", in, got, want)
		}
	}
}

// A megabyte of '[' (brackets that never close) is refused at MaxDepth:
// its time and memory do not grow with the file.
func TestStrictDeepNestingIsCheap(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		in := append([]byte(`{"params":`), bytes.Repeat([]byte("["), n)...)
		start := time.Now()
		p := Strict(in)
		if p == nil || !p.TooDeep {
			t.Fatalf("%d levels: %+v; want too deep", n, p)
		}
		fmt.Printf("Strict: %d levels refused in %v\n", n, time.Since(start))
	}
}

func BenchmarkStrictDeep(b *testing.B) {
	in := append([]byte(`{"params":`), bytes.Repeat([]byte("["), 1_000_000)...)
	for b.Loop() {
		Strict(in)
	}
}
