// Package jsonobj writes JSON objects whose keys keep the order given, so
// that outputs list things in the order the model description does, and
// reads input files strictly (Strict, Decode).
package jsonobj
