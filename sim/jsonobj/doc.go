// Package jsonobj writes JSON objects whose keys keep the order given, so
// that outputs list things in the order the model description does.
package jsonobj
