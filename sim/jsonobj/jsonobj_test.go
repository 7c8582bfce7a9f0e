package jsonobj

import (
	"slices"
	"testing"
)

// TestFieldsReadsMarshalBack checks that Fields gives Marshal's keys in
// their order with their values, and refuses what is not an object.
func TestFieldsReadsMarshalBack(t *testing.T) {
	t.Parallel()
	keys := []string{"z", "a", "m"}
	vals := []any{1.5, nil, []int{2}}
	b, err := Marshal(len(keys), func(i int) (string, any) { return keys[i], vals[i] })
	if err != nil {
		t.Fatal(err)
	}
	got, raws, err := Fields(b)
	if err != nil || !slices.Equal(got, keys) || len(raws) != 3 || string(raws[0]) != "1.5" || string(raws[1]) != "null" || string(raws[2]) != "[2]" {
		t.Errorf("Fields(%s) = %v, %q, %v; want the keys %v in order with their values", b, got, raws, err, keys)
	}
	for _, bad := range []string{`[1]`, `"x"`, ``, `{"a": }`} {
		if _, _, err := Fields([]byte(bad)); err == nil {
			t.Errorf("Fields(%q) accepted it; want an error", bad)
		}
	}
}
