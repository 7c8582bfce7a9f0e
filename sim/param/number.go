package param

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
)

// NumberSyntax is the one way numbers are written in flags, links and
// files (JSON numbers are a part of it).
const NumberSyntax = "plain decimal: an optional sign, digits with an optional decimal point, and an optional exponent " +
	"(e or E, an optional sign, digits), like 603, -0.5, .25, 2.5e-3 or 1e6; no hexadecimal, no underscores"

// ParseNumber reads a finite number written as NumberSyntax says.
// strconv.ParseFloat alone would also take 0x1p8, 6_03, inf and nan.
func ParseNumber(text string) (float64, bool) {
	if !plainDecimal(text) {
		return 0, false
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false
	}
	return v + 0, true // −0 as 0: outputs would write "-0", unlike 0's bytes
}

// plainDecimal reports whether s is [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?.
func plainDecimal(s string) bool {
	i := 0
	sign := func() {
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	sign()
	n := digits()
	if i < len(s) && s[i] == '.' {
		i++
		n += digits()
	}
	if n == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		sign()
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// JSONNumber is a number in an input file as written. It must be a JSON
// number: json.Number would also take a string holding one ("7").
type JSONNumber string

// UnmarshalJSON takes a JSON number's literal and refuses any other value
// with the *json.UnmarshalTypeError to which the decoder adds the field.
func (n *JSONNumber) UnmarshalJSON(b []byte) error {
	if len(b) == 0 || (b[0] != '-' && (b[0] < '0' || b[0] > '9')) {
		kinds := map[byte]string{'"': "string", 't': "bool", 'f': "bool", '[': "array", '{': "object", 'n': "null"}
		kind := "value"
		if len(b) > 0 && kinds[b[0]] != "" {
			kind = kinds[b[0]]
		}
		return &json.UnmarshalTypeError{Value: kind, Type: reflect.TypeFor[float64]()}
	}
	*n = JSONNumber(b)
	return nil
}

// MarshalJSON writes the number as it was written.
func (n JSONNumber) MarshalJSON() ([]byte, error) { return []byte(n), nil }

func (n JSONNumber) String() string { return string(n) }
