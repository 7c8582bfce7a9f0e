package param

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"mentorsim/sim/jsonobj"
)

// presetTable is the one table of the named explanations of docs/model.md
// section 8, in order (DefaultPreset first): each with what it assumes
// about who asks for a mentor, in a class's words, and its overrides of
// the parameter table's defaults (which are DefaultPreset's). The
// calibrated ones were fitted by `mentorsim calibrate`; see
// docs/calibration.md. A contrast was not fitted and does not reproduce
// the study: it shows what the study rules out.
var presetTable = []preset{
	{DefaultPreset, "Reps who readily ask for advice ask for a mentor too, and they already learn from co-workers.", map[string]float64{}, false},
	{"insecure", "Asking feels risky to insecure reps, often the weak ones, so they ask no one: not peers, not a mentor.", map[string]float64{
		"sa_inflation": 0, "sa_compression": 0, "sa_noise": 2.5, "optin_need": 1,
		"optin_base": -0.06782, "optin_shyness": 1.946, "insecurity_corr": 0.8, "optin_eagerness": 0, "optin_noise": 3.462, "optin_peer": 5.055,
	}, false},
	{"overconfident", "Weak reps think they are good, so they see no need to ask; the eager ones ask everyone.", map[string]float64{
		"sa_inflation": 1, "sa_compression": 0.9, "sa_noise": 0.4, "optin_need": 1, "optin_shyness": 0,
		"optin_base": 0.9079, "optin_eagerness": 0.596, "eagerness_corr": 0.702, "optin_noise": 1.858, "optin_peer": 3.353,
	}, false},
	{"rational", "Reps ask when the gain they expect from a mentor is worth its cost.", map[string]float64{
		"sa_inflation": 0, "sa_compression": 0, "sa_noise": 2.5, "optin_rule": 1, "roy_cost": 0.9, "roy_noise": 0.3, "denied_help": 0,
	}, true},
	{"random", "Who says yes is pure chance, unrelated to the rep.", map[string]float64{
		"denied_help": 0, "optin_base": 0, "optin_noise": 10,
	}, true},
}

// preset is a row of presetTable.
type preset struct {
	Name, Help string
	Overrides  map[string]float64
	Contrast   bool
}

// presets are the presets' overrides by name.
var presets = func() map[string]map[string]float64 {
	m := map[string]map[string]float64{}
	for _, p := range presetTable {
		m[p.Name] = p.Overrides
	}
	return m
}()

// DefaultPreset is the preset whose values are the table's defaults: the
// fitted explanation that advice-seeking, which gets reps know-how from
// peers, is also what makes them ask for a mentor.
const DefaultPreset = "advice"

// PresetNames lists the presets, DefaultPreset first.
func PresetNames() []string {
	names := make([]string, len(presetTable))
	for i, p := range presetTable {
		names[i] = p.Name
	}
	return names
}

// renamed maps the old names of presets to the ones that replaced them, so
// that old links and scenario files keep working.
var renamed = map[string]string{"study": DefaultPreset}

// Canonical is the current name of a preset given by an old name, or name.
func Canonical(name string) string {
	if now, ok := renamed[name]; ok {
		return now
	}
	return name
}

// Preset returns the named preset's parameters (an old name is taken as
// the one that replaced it).
func Preset(name string) (Params, error) {
	over, ok := presets[Canonical(name)]
	if !ok {
		return Params{}, &FieldError{Field: "preset", Value: strconv.Quote(name), Allowed: "one of " + strings.Join(PresetNames(), ", ")}
	}
	p := Defaults()
	for _, name := range slices.Sorted(maps.Keys(over)) {
		if err := p.Set(name, over[name]); err != nil {
			panic("param: bad preset table: " + err.Error()) // a programming error, caught by the tests
		}
	}
	return p, nil
}

// Scenario is what a run is a pure function of, together with its seed.
type Scenario struct {
	Preset string `json:"preset"`
	Seed   uint64 `json:"seed"`
	Params Params `json:"params"`
}

// DefaultSeed is the seed of a scenario that names none.
const DefaultSeed = 1

// NewScenario returns the named preset with the default seed, under the
// preset's current name.
func NewScenario(preset string) (Scenario, error) {
	p, err := Preset(preset)
	return Scenario{Preset: Canonical(preset), Seed: DefaultSeed, Params: p}, err
}

// scenarioFile is the JSON shape of a scenario file; every key is optional.
type scenarioFile struct {
	Preset *string                    `json:"preset"`
	Seed   *JSONNumber                `json:"seed"`
	Params map[string]json.RawMessage `json:"params"`
}

// ParseScenario reads a scenario file: {"preset": "advice", "seed": 7,
// "params": {"mentor_gain": 2.0}}. Unknown keys and out-of-range values are
// errors naming the field.
func ParseScenario(data []byte) (Scenario, error) {
	if err := StrictJSON(data, []string{"preset", "seed", "params"}, `the keys "preset", "seed" and "params"`); err != nil {
		return Scenario{}, err
	}
	var f scenarioFile
	if err := jsonobj.Decode(data, &f); err != nil {
		return Scenario{}, jsonError(err)
	}
	preset := DefaultPreset
	if f.Preset != nil {
		preset = *f.Preset
	}
	s, err := NewScenario(preset)
	if err != nil {
		return Scenario{}, err
	}
	if f.Seed != nil {
		if s.Seed, err = ParseSeed(f.Seed.String()); err != nil {
			return Scenario{}, err
		}
	}
	for _, name := range slices.Sorted(maps.Keys(f.Params)) {
		if err := s.Params.setJSON(name, f.Params[name]); err != nil {
			return Scenario{}, err
		}
	}
	return s, s.Params.Validate()
}

// StrictJSON refuses what encoding/json would let through in an input
// file: a key given twice (the last would win), a null (read as zero or as
// absent), and a top-level key that is one of keys only ignoring case.
// allowed says what the keys may be. Malformed JSON is left to the decoder.
func StrictJSON(data []byte, keys []string, allowed string) error {
	if p := jsonobj.Strict(data); p != nil {
		field := p.Path
		if field == "" {
			field = "JSON"
		}
		if p.TooDeep {
			return &FieldError{Field: field, Value: "a value", Problem: fmt.Sprintf("nests lists and objects more than %d deep", jsonobj.MaxDepth), Allowed: fmt.Sprintf("at most %d levels", jsonobj.MaxDepth)}
		}
		if p.Key != "" {
			return &FieldError{Field: field, Value: strconv.Quote(p.Key), Problem: "is given twice", Allowed: "each key once"}
		}
		return &FieldError{Field: field, Value: "null", Allowed: "a value (leave the key out for the default)"}
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return nil
	}
	for _, k := range slices.Sorted(maps.Keys(top)) {
		if !slices.Contains(keys, k) {
			return &FieldError{Field: "key", Value: strconv.Quote(k), Problem: "is unknown", Allowed: allowed + " (keys are case-sensitive)"}
		}
	}
	return nil
}

func (p *Params) setJSON(name string, raw json.RawMessage) error {
	s, ok := Lookup(name)
	if !ok {
		return &FieldError{Field: "params", Value: strconv.Quote(name), Allowed: "one of the names `mentorsim params` lists"}
	}
	var v float64
	if err := json.Unmarshal(raw, &v); err != nil {
		return &FieldError{Field: "params." + name, Value: string(raw), Allowed: s.Allowed()}
	}
	if err := s.Check(v); err != nil {
		return &FieldError{Field: "params." + name, Value: Format(v), Allowed: s.Allowed()}
	}
	s.store(p, v)
	return nil
}

// jsonError turns encoding/json's errors on a scenario file into field
// errors.
func jsonError(err error) error {
	return DecodeError(err, `a JSON object like {"preset": "advice", "seed": 7, "params": {"mentor_gain": 2}}`,
		`the keys "preset", "seed" and "params"`, jsonKind)
}

// DecodeError turns an error of encoding/json's Decoder on an input file
// into a field error: example is what the file should look like, keys what
// the keys the decoder refuses as unknown may be, and kind what a field's
// value should be.
func DecodeError(err error, example, keys string, kind func(field string) string) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.Is(err, jsonobj.ErrTrailing):
		return &FieldError{Field: "JSON", Value: "more than one value", Problem: "is in the file", Allowed: "a single JSON object"}
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return &FieldError{Field: "JSON", Value: "a JSON " + typeErr.Value, Allowed: example}
	case errors.As(err, &typeErr):
		return &FieldError{Field: typeErr.Field, Value: "a JSON " + typeErr.Value, Allowed: "a " + kind(typeErr.Field)}
	case errors.As(err, &syntaxErr):
		return &FieldError{Field: "JSON", Value: fmt.Sprintf("at byte %d", syntaxErr.Offset),
			Problem: "is malformed (" + syntaxErr.Error() + ")", Allowed: example}
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return &FieldError{Field: "JSON", Value: "the file", Problem: "ends before the object is complete (malformed JSON)", Allowed: example}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return &FieldError{Field: "key", Value: field, Problem: "is unknown", Allowed: keys}
	}
	return &FieldError{Field: "JSON", Value: err.Error(), Allowed: example}
}

func jsonKind(field string) string {
	switch field {
	case "preset":
		return "string naming a preset"
	case "seed":
		return "whole number"
	}
	return "JSON object of parameter names and numbers"
}

// ParseSeed reads a seed: a whole number from 0 to 2^64-1.
func ParseSeed(text string) (uint64, error) {
	seed, err := strconv.ParseUint(text, 10, 64)
	if err != nil {
		return 0, &FieldError{Field: "seed", Value: strconv.Quote(text), Allowed: "a whole number from 0 to 18446744073709551615"}
	}
	return seed, nil
}

// UnmarshalJSON reads what MarshalJSON writes: an object of parameters by
// name (those it leaves out keep their values). An unknown name is an
// error; values are not checked (Validate does that).
func (p *Params) UnmarshalJSON(b []byte) error {
	var m map[string]float64
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	for name, v := range m {
		s, ok := Lookup(name)
		if !ok {
			return unknown(name)
		}
		s.store(p, v)
	}
	return nil
}

// MarshalJSON writes every parameter, in table order.
func (p Params) MarshalJSON() ([]byte, error) {
	return jsonobj.Marshal(len(table), func(i int) (string, any) { return table[i].Name, *table[i].Of(&p) })
}
