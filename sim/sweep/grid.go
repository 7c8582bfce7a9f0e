package sweep

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"mentorsim/sim/jsonobj"
	"mentorsim/sim/param"
)

// Axis is one swept parameter and its values, in order.
type Axis struct {
	Name   string    `json:"name"`
	Values []float64 `json:"values"`
}

// MaxAxisValues bounds the values one range may expand to.
const MaxAxisValues = 1_000_000

const gridAllowed = "name=lo:hi:step (inclusive) or name=v1,v2,..., with name one of the names `mentorsim params` lists"

// ParseAxis reads one -grid flag: name=lo:hi:step (lo, lo+step, ... up to
// hi inclusive, each computed as lo + k·step and rounded to 12 significant
// digits, k up to floor((hi−lo)/step + 1e-9)) or name=v1,v2,v3. Every value
// is checked against the parameter table; errors are *param.FieldError.
func ParseAxis(text string) (Axis, error) {
	name, values, ok := strings.Cut(text, "=")
	if !ok {
		return Axis{}, &param.FieldError{Field: "grid", Value: strconv.Quote(text), Problem: "has no =", Allowed: gridAllowed}
	}
	return parseValues(strings.TrimSpace(name), values, "grid "+strings.TrimSpace(name))
}

// parseValues reads "lo:hi:step" or "v1,v2,..." for the named parameter;
// field names the input in errors.
func parseValues(name, text, field string) (Axis, error) {
	s, ok := param.Lookup(name)
	if !ok {
		return Axis{}, &param.FieldError{Field: "grid", Value: strconv.Quote(name), Problem: "is not a parameter", Allowed: "one of the names `mentorsim params` lists"}
	}
	allowed := "lo:hi:step or v1,v2,... with each value " + s.Allowed()
	num := func(t string) (float64, error) {
		v, ok := param.ParseNumber(strings.TrimSpace(t))
		if !ok {
			return 0, &param.FieldError{Field: field, Value: strconv.Quote(t), Problem: "is not a number", Allowed: allowed}
		}
		return v, nil
	}
	var vs []float64
	if strings.Contains(text, ":") {
		parts := strings.Split(text, ":")
		if len(parts) != 3 {
			return Axis{}, &param.FieldError{Field: field, Value: strconv.Quote(text), Problem: "is not a range", Allowed: allowed}
		}
		var lohistep [3]float64
		for i, p := range parts {
			v, err := num(p)
			if err != nil {
				return Axis{}, err
			}
			lohistep[i] = v
		}
		lo, hi, step := lohistep[0], lohistep[1], lohistep[2]
		if step <= 0 || hi < lo {
			return Axis{}, &param.FieldError{Field: field, Value: strconv.Quote(text), Problem: "is not a range (want lo ≤ hi and step > 0)", Allowed: allowed}
		}
		n := math.Floor((hi-lo)/step + 1e-9)
		if n+1 > MaxAxisValues {
			return Axis{}, &param.FieldError{Field: field, Value: strconv.Quote(text), Problem: fmt.Sprintf("has more than %d values", MaxAxisValues), Allowed: allowed}
		}
		for k := 0; k <= int(n); k++ {
			// lo + k·step (float64(): no FMA, the same everywhere), then
			// rounded to 12 significant digits, so that 0.2:0.6:0.2 ends at
			// 0.6 and not 0.6000000000000001.
			v := lo + float64(float64(k)*step)
			v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
			if k > 0 && v == vs[k-1] {
				return Axis{}, &param.FieldError{Field: field, Value: strconv.Quote(text), Problem: "has steps below 12 significant digits, so its values repeat", Allowed: allowed}
			}
			vs = append(vs, v)
		}
	} else {
		for _, p := range strings.Split(text, ",") {
			v, err := num(p)
			if err != nil {
				return Axis{}, err
			}
			vs = append(vs, v)
		}
	}
	return newAxis(s, vs, field)
}

func newAxis(s param.Spec, vs []float64, field string) (Axis, error) {
	if len(vs) == 0 {
		return Axis{}, &param.FieldError{Field: field, Value: "no values", Problem: "is given", Allowed: "at least one value, " + s.Allowed()}
	}
	for _, v := range vs {
		if err := s.Check(v); err != nil {
			return Axis{}, &param.FieldError{Field: field, Value: param.Format(v), Allowed: s.Allowed()}
		}
	}
	// A value twice would run, and summarise, its points twice. Sorted, so
	// that a range of a million values is checked at once.
	sorted := slices.Sorted(slices.Values(vs))
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			return Axis{}, &param.FieldError{Field: field, Value: param.Format(sorted[i]), Problem: "is given twice", Allowed: "each value once"}
		}
	}
	return Axis{Name: s.Name, Values: vs}, nil
}

// File is a parsed sweep file.
type File struct {
	Scenario     param.Scenario
	Axes         []Axis      // the grid, in file order; nil if Points
	Columns      []string    // with Points: the parameters the points set, in order of first mention
	Points       [][]float64 // explicit points, or nil
	Replications int         // 0 if the file gives none
}

// fileJSON is the JSON shape of a sweep file; every key is optional.
type fileJSON struct {
	Preset       *string                    `json:"preset"`
	Seed         *param.JSONNumber          `json:"seed"`
	Params       map[string]json.RawMessage `json:"params"`
	Grid         json.RawMessage            `json:"grid"`
	Points       []json.RawMessage          `json:"points"`
	Replications *param.JSONNumber          `json:"replications"`
	Hires        *param.JSONNumber          `json:"hires"`
}

const fileExample = `a JSON object like {"preset": "insecure", "seed": 7, "params": {"belonging": 0.5}, "grid": {"mentor_gain": [0, 1, 2], "optin_shyness": "0:3:1"}, "replications": 50, "hires": 603}`

// fileKind is what a sweep file's field holds, for param.DecodeError.
func fileKind(field string) string {
	switch field {
	case "preset":
		return "string naming a preset"
	case "seed", "replications", "hires":
		return "whole number"
	case "points":
		return "list of points, each a list of numbers"
	}
	return "JSON object"
}

// ParseFile reads a sweep file: a scenario (preset, seed, params, and hires
// as a shorthand for params.hires), a grid (an object of parameter names to
// a list of values or a "lo:hi:step" or "v1,v2" string; the last varies
// fastest) or a list of points, and the number of replications. Unknown keys
// and bad values are *param.FieldError naming the field.
func ParseFile(data []byte) (File, error) {
	if err := param.StrictJSON(data, []string{"preset", "seed", "params", "grid", "points", "replications", "hires"},
		`the keys "preset", "seed", "params", "grid", "points", "replications" and "hires"`); err != nil {
		return File{}, err
	}
	var f fileJSON
	if err := jsonobj.Decode(data, &f); err != nil { // unknown and repeated keys StrictJSON refused
		return File{}, param.DecodeError(err, fileExample, `the keys "preset", "seed", "params", "grid", "points", "replications" and "hires"`, fileKind)
	}
	// The scenario part is a scenario file: let param parse it.
	sc := map[string]any{}
	if f.Preset != nil {
		sc["preset"] = *f.Preset
	}
	if f.Seed != nil {
		sc["seed"] = *f.Seed
	}
	if f.Params != nil {
		sc["params"] = f.Params
	}
	scJSON, err := json.Marshal(sc)
	if err != nil {
		return File{}, err
	}
	var out File
	if out.Scenario, err = param.ParseScenario(scJSON); err != nil {
		return File{}, err
	}
	if f.Hires != nil {
		if _, ok := f.Params["hires"]; ok {
			return File{}, &param.FieldError{Field: "hires", Value: f.Hires.String(), Problem: `is given beside "params"."hires"`, Allowed: "hires in one place"}
		}
		if err := out.Scenario.Params.SetString("hires", f.Hires.String()); err != nil {
			return File{}, err
		}
	}
	if f.Replications != nil {
		r, err := strconv.Atoi(f.Replications.String())
		if err != nil || r < 1 || r > MaxReplications {
			return File{}, &param.FieldError{Field: "replications", Value: f.Replications.String(), Allowed: fmt.Sprintf("a whole number from 1 to %d", MaxReplications)}
		}
		out.Replications = r
	}
	if len(f.Grid) > 0 && string(f.Grid) != "null" && f.Points != nil {
		return File{}, &param.FieldError{Field: "grid", Value: "and points", Problem: "are both given", Allowed: "one of them"}
	}
	if len(f.Grid) > 0 && string(f.Grid) != "null" {
		keys, raws, err := orderedObject(f.Grid, "grid")
		if err != nil {
			return File{}, err
		}
		for i, name := range keys {
			a, err := axisJSON(name, raws[i])
			if err != nil {
				return File{}, err
			}
			if _, set := f.Params[name]; set || (name == "hires" && f.Hires != nil) { // the grid would override it unseen
				return File{}, &param.FieldError{Field: "grid." + name, Value: "a range", Problem: `is swept and set too (in "params", or "hires")`,
					Allowed: "each parameter in one place: the grid's values, or the set value without the grid's"}
			}
			out.Axes = append(out.Axes, a)
		}
		if err := distinct(out.Axes); err != nil {
			return File{}, err
		}
	}
	if f.Points != nil {
		if len(f.Points) == 0 {
			return File{}, &param.FieldError{Field: "points", Value: "[]", Problem: "is empty", Allowed: "a list of objects of parameter names and numbers"}
		}
		type kv struct {
			name string
			v    float64
		}
		pts := make([][]kv, len(f.Points))
		col := map[string]int{}
		for i, raw := range f.Points {
			field := fmt.Sprintf("points[%d]", i)
			keys, raws, err := orderedObject(raw, field)
			if err != nil {
				return File{}, err
			}
			for j, name := range keys {
				s, ok := param.Lookup(name)
				if !ok {
					return File{}, &param.FieldError{Field: field, Value: strconv.Quote(name), Problem: "is not a parameter", Allowed: "one of the names `mentorsim params` lists"}
				}
				var v float64
				if err := json.Unmarshal(raws[j], &v); err != nil {
					return File{}, &param.FieldError{Field: field + "." + name, Value: string(raws[j]), Allowed: s.Allowed()}
				}
				if err := s.Check(v); err != nil {
					return File{}, &param.FieldError{Field: field + "." + name, Value: param.Format(v), Allowed: s.Allowed()}
				}
				if _, seen := col[name]; !seen {
					col[name] = len(out.Columns)
					out.Columns = append(out.Columns, name)
				}
				pts[i] = append(pts[i], kv{name, v})
			}
		}
		first := map[string]int{} // a point's values (pointKey) to its index
		for i, pt := range pts {
			row := make([]float64, len(out.Columns))
			for j, name := range out.Columns {
				row[j], _ = out.Scenario.Params.Get(name)
			}
			for _, e := range pt {
				row[col[e.name]] = e.v
			}
			if k, twice := first[pointKey(row)]; twice {
				return File{}, &param.FieldError{Field: fmt.Sprintf("points[%d]", i), Value: string(f.Points[i]), Problem: fmt.Sprintf("is the same point as points[%d]", k), Allowed: "each point once"}
			}
			first[pointKey(row)] = i
			out.Points = append(out.Points, row)
		}
	}
	return out, nil
}

// pointKey is a key equal for equal points (−0 counts as 0).
func pointKey(row []float64) string {
	b := make([]byte, 0, 8*len(row))
	for _, v := range row {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v+0))
	}
	return string(b)
}

// axisJSON reads one grid entry: a list of numbers or a string.
func axisJSON(name string, raw json.RawMessage) (Axis, error) {
	field := "grid." + name
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return parseValues(name, text, field)
	}
	s, ok := param.Lookup(name)
	if !ok {
		return Axis{}, &param.FieldError{Field: "grid", Value: strconv.Quote(name), Problem: "is not a parameter", Allowed: "one of the names `mentorsim params` lists"}
	}
	var vs []float64
	if err := json.Unmarshal(raw, &vs); err != nil {
		return Axis{}, &param.FieldError{Field: field, Value: string(raw), Allowed: `a list of numbers, or a string like "0:3:1" or "1,2,3"`}
	}
	return newAxis(s, vs, field)
}

// orderedObject returns a JSON object's keys in file order with their values
// (ParseFile's StrictJSON has refused a repeated key).
func orderedObject(raw json.RawMessage, field string) ([]string, []json.RawMessage, error) {
	keys, raws, err := jsonobj.Fields(raw)
	if err != nil {
		return nil, nil, &param.FieldError{Field: field, Value: string(raw), Problem: "is not an object", Allowed: "a JSON object of parameter names"}
	}
	return keys, raws, nil
}

// distinct checks that no parameter is swept twice.
func distinct(axes []Axis) error {
	seen := map[string]bool{}
	for _, a := range axes {
		if seen[a.Name] {
			return &param.FieldError{Field: "grid", Value: strconv.Quote(a.Name), Problem: "is swept twice", Allowed: "each parameter in one grid only"}
		}
		seen[a.Name] = true
	}
	return nil
}
