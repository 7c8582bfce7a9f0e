package jsonobj

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// ErrTrailing is Decode's error for data with more after its JSON value.
var ErrTrailing = errors.New("more than one JSON value")

// Decode decodes data, which must be one JSON value, into v, refusing keys
// v has no field for. Anything after the value, even a lone closing
// bracket, is ErrTrailing (a Decoder's More would not see the bracket).
// Numbers decoded into interface values stay json.Number.
func Decode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return ErrTrailing
	}
	return nil
}
