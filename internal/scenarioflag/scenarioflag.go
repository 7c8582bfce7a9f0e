package scenarioflag

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"mentorsim/internal/readlimit"
	"mentorsim/sim/param"
)

// Flags holds what the scenario flags were given.
type Flags struct {
	scenario  string
	seed      string
	overrides [][2]string // (name, value) in command-line order
}

// Add registers the scenario flags on fs.
func Add(fs *flag.FlagSet) *Flags {
	f := &Flags{}
	fs.StringVar(&f.scenario, "scenario", param.DefaultPreset, "preset ("+strings.Join(param.PresetNames(), ", ")+") or scenario file")
	fs.StringVar(&f.seed, "seed", "", "random seed (default: the scenario's, else 1)")
	fs.Func("set", "set a parameter: name=value (repeatable)", func(s string) error {
		name, value, ok := strings.Cut(s, "=")
		if !ok {
			return errors.New("want name=value, like -set mentor_gain=1")
		}
		f.overrides = append(f.overrides, [2]string{name, value})
		return nil
	})
	for _, s := range param.Specs() {
		bounds := s.Allowed()
		if s.Unit != "" {
			bounds = s.Unit + "; " + bounds
		}
		usage := fmt.Sprintf("%s: %s (%s) [%s]", s.Label, s.Help, s.Description, bounds)
		fs.Func(s.Name, usage, func(v string) error {
			f.overrides = append(f.overrides, [2]string{s.Name, v})
			return nil
		})
	}
	return f
}

// Source is -scenario as given: a preset's name or a scenario file's path.
func (f *Flags) Source() string { return f.scenario }

// IsScenarioFile reports whether the file at path reads as a scenario file.
func IsScenarioFile(path string) bool {
	data, err := readlimit.ReadFile(path, maxFile)
	if err != nil {
		return false
	}
	_, err = param.ParseScenario(data)
	return err == nil
}

// Given reports whether the parameter was set on the command line.
func (f *Flags) Given(name string) bool {
	for _, o := range f.overrides {
		if o[0] == name {
			return true
		}
	}
	return false
}

// Load builds the scenario: the preset or file, then -seed, then the
// parameter overrides in order, then validation. Every error is bad input
// and wraps a *param.FieldError.
func (f *Flags) Load() (param.Scenario, error) {
	sc, err := load(f.scenario)
	if err != nil {
		return sc, err
	}
	if f.seed != "" {
		if sc.Seed, err = param.ParseSeed(f.seed); err != nil {
			return sc, err
		}
	}
	for _, o := range f.overrides {
		if err := sc.Params.SetString(o[0], o[1]); err != nil {
			return sc, err
		}
	}
	return sc, sc.Params.Validate()
}

// maxFile bounds a scenario file, so that /dev/zero is refused at once.
const maxFile = 1 << 20

// load takes a preset name or a scenario file's path.
func load(name string) (param.Scenario, error) {
	if sc, err := param.NewScenario(name); err == nil {
		return sc, nil
	}
	data, err := readlimit.ReadFile(name, maxFile)
	var tl *readlimit.TooLarge
	if errors.As(err, &tl) {
		return param.Scenario{}, &param.FieldError{Field: "scenario", Value: strconv.Quote(name), Problem: tl.Error(),
			Allowed: "a scenario file (JSON) of at most " + readlimit.Size(maxFile)}
	}
	if err != nil {
		return param.Scenario{}, &param.FieldError{Field: "scenario", Value: strconv.Quote(name),
			Problem: fmt.Sprintf("is neither a preset nor a readable file (%v)", errors.Unwrap(err)),
			Allowed: "a preset (" + strings.Join(param.PresetNames(), ", ") + ") or a scenario file"}
	}
	sc, err := param.ParseScenario(data)
	if err != nil {
		return sc, fmt.Errorf("scenario file %s: %w", name, err)
	}
	return sc, nil
}
