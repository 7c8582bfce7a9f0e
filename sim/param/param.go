// Package param holds mentorsim's parameters: one table, in code, from which
// validation, command-line flags, scenario files, the app's sliders and the
// documentation are all derived. Names follow MODEL.md.
package param

import (
	"fmt"
	"math"
	"strconv"
)

// Params is one complete setting of the model. Every field is listed in the
// table below under its MODEL.md name; code that needs all of them goes
// through the table, code that needs one uses the field.
type Params struct {
	Hires, ClassSize, Horizon float64

	SAInflation, SACompression, SANoise      float64
	InsecurityCorr, EagernessCorr, FrailtySD float64

	OptinBase, OptinNeed, OptinShyness, OptinEagerness, OptinNoise float64

	CallsPerDay, ConvBase, ConvSkill, LearnGap, LearnTau, Price float64

	MentorGain, MentorFloor, MentorGainPow  float64
	ProgramStart, ProgramDays, GainDecayTau float64

	QuitBase, QuitEarly, QuitEarlyTau, QuitPerf, Belonging, PendingQuit float64

	Policy, ScreenNoise, TargetCutoff, DefaultInertia, MentorCost float64
}

// Spec describes one parameter.
type Spec struct {
	Name        string
	Group       string // study, rep, optin, revenue, mentoring, leaving, policy
	Default     float64
	Min, Max    float64
	Integer     bool
	Unit        string
	Description string
	field       func(*Params) *float64
}

// Of returns a pointer to the parameter's field in p.
func (s Spec) Of(p *Params) *float64 { return s.field(p) }

// Allowed says in words which values the parameter takes.
func (s Spec) Allowed() string {
	kind := "a number"
	if s.Integer {
		kind = "an integer"
	}
	return fmt.Sprintf("%s from %s to %s", kind, Format(s.Min), Format(s.Max))
}

// Check reports whether v is an allowed value.
func (s Spec) Check(v float64) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0) || v < s.Min || v > s.Max:
	case s.Integer && v != math.Trunc(v):
	default:
		return nil
	}
	return &FieldError{Field: s.Name, Value: Format(v), Allowed: s.Allowed()}
}

// Format prints a parameter value in its shortest exact form.
func Format(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// FieldError is bad input: it names the field, the value and what is allowed.
type FieldError struct {
	Field, Value, Allowed string
	Problem               string // what is wrong with the value; "is not allowed" if empty
}

func (e *FieldError) Error() string {
	problem := e.Problem
	if problem == "" {
		problem = "is not allowed"
	}
	return fmt.Sprintf("%s: %s %s; want %s", e.Field, e.Value, problem, e.Allowed)
}

// The defaults are the `study` preset, found by `mentorsim calibrate`
// (see docs/calibration.md for the run that produced them).
var table = []Spec{
	{"hires", "study", 603, 2, 10_000_000, true, "reps", "new hires in the study, split between branches in the study's proportions (110 : 171 : 322); under a policy, all of them are under it", func(p *Params) *float64 { return &p.Hires }},
	{"class_size", "study", 20, 1, 10_000_000, true, "reps", "hires per weekly training class (a class starts every 5 workdays)", func(p *Params) *float64 { return &p.ClassSize }},
	{"horizon", "study", 126, 126, 2520, true, "days", "tenure days each rep is followed", func(p *Params) *float64 { return &p.Horizon }},

	{"sa_inflation", "rep", 0.5, -3, 3, false, "sd", "how much better than they are reps think they are, on average", func(p *Params) *float64 { return &p.SAInflation }},
	{"sa_compression", "rep", 0.5, 0, 1, false, "", "how little self-assessment moves with ability (0 an unbiased judge, 1 everyone thinks the same)", func(p *Params) *float64 { return &p.SACompression }},
	{"sa_noise", "rep", 1, 0, 10, false, "sd", "noise in self-assessment", func(p *Params) *float64 { return &p.SANoise }},
	{"insecurity_corr", "rep", 0.65, -1, 1, false, "", "correlation of insecurity with low ability", func(p *Params) *float64 { return &p.InsecurityCorr }},
	{"eagerness_corr", "rep", 0.6, -1, 1, false, "", "correlation of eagerness for feedback with ability", func(p *Params) *float64 { return &p.EagernessCorr }},
	{"frailty_sd", "rep", 1, 0, 3, false, "log units", "spread of the propensity to leave for reasons unrelated to performance", func(p *Params) *float64 { return &p.FrailtySD }},

	{"optin_base", "optin", 0.235, -10, 10, false, "utility", "baseline taste for a mentor", func(p *Params) *float64 { return &p.OptinBase }},
	{"optin_need", "optin", 0.5, -10, 10, false, "utility per sd", "weight of perceived need (low self-assessment) in the opt-in choice", func(p *Params) *float64 { return &p.OptinNeed }},
	{"optin_shyness", "optin", 3.93, -10, 10, false, "utility per sd", "weight of insecurity, a cost of asking for help", func(p *Params) *float64 { return &p.OptinShyness }},
	{"optin_eagerness", "optin", 1, -10, 10, false, "utility per sd", "weight of eagerness, a taste for feedback", func(p *Params) *float64 { return &p.OptinEagerness }},
	{"optin_noise", "optin", 0.5, 0, 10, false, "utility", "scale of the logistic noise in the opt-in choice", func(p *Params) *float64 { return &p.OptinNoise }},

	{"calls_per_day", "revenue", 30, 0.1, 500, false, "calls/day", "inbound calls a rep takes per day", func(p *Params) *float64 { return &p.CallsPerDay }},
	{"conv_base", "revenue", -2, -10, 10, false, "log-odds", "conversion log-odds of an average, fully trained rep", func(p *Params) *float64 { return &p.ConvBase }},
	{"conv_skill", "revenue", 0.256, 0, 5, false, "log-odds per sd", "how much skill raises conversion", func(p *Params) *float64 { return &p.ConvSkill }},
	{"learn_gap", "revenue", 1, 0, 10, false, "log-odds", "conversion deficit of a rep on the first day", func(p *Params) *float64 { return &p.LearnGap }},
	{"learn_tau", "revenue", 30, 1, 1000, false, "days", "time constant of the learning curve", func(p *Params) *float64 { return &p.LearnTau }},
	{"price", "revenue", 100, 0.01, 1e6, false, "$/sale", "revenue per sale", func(p *Params) *float64 { return &p.Price }},

	{"mentor_gain", "mentoring", 2.1, 0, 10, false, "sd", "scale of the skill a mentor adds", func(p *Params) *float64 { return &p.MentorGain }},
	{"mentor_floor", "mentoring", -0.151, -5, 5, false, "sd", "ability above which a mentor adds nothing", func(p *Params) *float64 { return &p.MentorFloor }},
	{"mentor_gain_pow", "mentoring", 1.89, 0, 5, false, "", "curvature of the gain in the ability gap", func(p *Params) *float64 { return &p.MentorGainPow }},
	{"program_start", "mentoring", 0, 0, 100, true, "day", "tenure day the mentoring program starts", func(p *Params) *float64 { return &p.ProgramStart }},
	{"program_days", "mentoring", 20, 1, 126, true, "days", "length of the mentoring program", func(p *Params) *float64 { return &p.ProgramDays }},
	{"gain_decay_tau", "mentoring", 2170, 1, 1e6, false, "days", "time constant of the decay of the gain after the program", func(p *Params) *float64 { return &p.GainDecayTau }},

	{"quit_base", "leaving", 0.00403, 0, 1, false, "1/day", "daily hazard of an urge to leave for an average rep", func(p *Params) *float64 { return &p.QuitBase }},
	{"quit_early", "leaving", 3, 0, 100, false, "", "extra hazard on the first day, as a multiple of quit_base", func(p *Params) *float64 { return &p.QuitEarly }},
	{"quit_early_tau", "leaving", 15, 1, 1000, false, "days", "time constant of the early extra hazard", func(p *Params) *float64 { return &p.QuitEarlyTau }},
	{"quit_perf", "leaving", -0.0329, -5, 5, false, "log units per sd", "how much skill lowers the hazard", func(p *Params) *float64 { return &p.QuitPerf }},
	{"belonging", "leaving", 0.741, 0, 1, false, "probability", "chance a mentored rep inside the program puts an urge to leave off", func(p *Params) *float64 { return &p.Belonging }},
	{"pending_quit", "leaving", 0.0717, 0, 1, false, "1/day", "daily chance a rep with a put-off urge leaves once the program is over", func(p *Params) *float64 { return &p.PendingQuit }},

	// The firm's policy (docs/policies.md). The defaults leave the study as it is.
	{"policy", "policy", 0, 0, 5, true, "code", "who is mentored: 0 the study's two-branch experiment; under a policy every hire is under it: 1 mandatory for all, 2 voluntary (ask everyone; every yes gets a mentor), 3 targeted (those whose screening score is below target_cutoff), 4 enrolled by default (all but those who actively decline), 5 no program", func(p *Params) *float64 { return &p.Policy }},
	{"screen_noise", "policy", 1, 0, 10, false, "sd", "noise in the screening score the targeted policy uses: ability + screen_noise·N(0,1), standardised to sd 1", func(p *Params) *float64 { return &p.ScreenNoise }},
	{"target_cutoff", "policy", -0.25, -5, 5, false, "sd", "targeted policy: hires whose standardised screening score is below this get a mentor (a share Φ(target_cutoff) of them)", func(p *Params) *float64 { return &p.TargetCutoff }},
	{"default_inertia", "policy", 1.5, -10, 10, false, "utility", "enrolled by default: a rep declines only if opt-in utility U + default_inertia < 0", func(p *Params) *float64 { return &p.DefaultInertia }},
	{"mentor_cost", "policy", 60, 0, 1e6, false, "$/mentee-day", "the mentor's time: cost per mentee per program day the mentee is employed", func(p *Params) *float64 { return &p.MentorCost }},
}

// Specs returns the parameter table in its documented order.
func Specs() []Spec { return append([]Spec(nil), table...) }

// Lookup finds a parameter by name.
func Lookup(name string) (Spec, bool) {
	for _, s := range table {
		if s.Name == name {
			return s, true
		}
	}
	return Spec{}, false
}

// Names lists the parameter names in table order.
func Names() []string {
	names := make([]string, len(table))
	for i, s := range table {
		names[i] = s.Name
	}
	return names
}

// Defaults returns the table's defaults, which are the `study` preset.
func Defaults() Params {
	var p Params
	for _, s := range table {
		*s.Of(&p) = s.Default
	}
	return p
}

// Get returns the named parameter's value.
func (p Params) Get(name string) (float64, error) {
	s, ok := Lookup(name)
	if !ok {
		return 0, unknown(name)
	}
	return *s.Of(&p), nil
}

// Set checks v against the table and stores it.
func (p *Params) Set(name string, v float64) error {
	s, ok := Lookup(name)
	if !ok {
		return unknown(name)
	}
	if err := s.Check(v); err != nil {
		return err
	}
	*s.Of(p) = v
	return nil
}

// SetString parses and sets a value given as text (a flag or query string).
func (p *Params) SetString(name, text string) error {
	if _, ok := Lookup(name); !ok {
		return unknown(name)
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		s, _ := Lookup(name)
		return &FieldError{Field: name, Value: strconv.Quote(text), Allowed: s.Allowed()}
	}
	return p.Set(name, v)
}

func unknown(name string) error {
	return &FieldError{Field: "parameter", Value: strconv.Quote(name), Allowed: "one of the names `mentorsim params` lists"}
}

// Validate checks every value and the constraints between them.
func (p Params) Validate() error {
	for _, s := range table {
		if err := s.Check(*s.Of(&p)); err != nil {
			return err
		}
	}
	if end := p.ProgramStart + p.ProgramDays; end > p.Horizon {
		return &FieldError{Field: "program_days", Value: Format(p.ProgramDays),
			Allowed: fmt.Sprintf("program_start + program_days at most horizon (%s)", Format(p.Horizon))}
	}
	return nil
}

// Diff lists the names of the parameters whose values differ from base's.
func (p Params) Diff(base Params) []string {
	var names []string
	for _, s := range table {
		if *s.Of(&p) != *s.Of(&base) {
			names = append(names, s.Name)
		}
	}
	return names
}
