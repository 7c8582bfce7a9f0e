package sweep

import (
	"errors"
	"testing"

	"mentorsim/sim/param"
)

// FuzzParseAxis: any -grid text either parses to values the parameter table
// allows or fails with a FieldError; it never panics.
func FuzzParseAxis(f *testing.F) {
	for _, s := range []string{"mentor_gain=0:3:0.5", "optin_shyness=0,1,2", "hires=10:20:0", "x=1", "belonging=1:0:0.1", "=", "mentor_gain=1e308:1e309:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a, err := ParseAxis(text)
		if err != nil {
			var fe *param.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("ParseAxis(%q): error %v is not a FieldError", text, err)
			}
			return
		}
		spec, ok := param.Lookup(a.Name)
		if !ok {
			t.Fatalf("ParseAxis(%q) accepted unknown parameter %q", text, a.Name)
		}
		for _, v := range a.Values {
			if err := spec.Check(v); err != nil {
				t.Fatalf("ParseAxis(%q) accepted %v: %v", text, v, err)
			}
		}
	})
}

// FuzzParseFile: a sweep file either parses or fails with an error; it
// never panics.
func FuzzParseFile(f *testing.F) {
	for _, s := range []string{`{}`, `{"grid": {"mentor_gain": [0, 1]}, "replications": 3}`, `{"grid": {"mentor_gain": "0:2:1"}}`, `{"points": [{"belonging": 0.5}]}`, `[`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ParseFile(data)
	})
}
