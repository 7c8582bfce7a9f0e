package param

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Params is one complete setting of the model. Every field is listed in the
// table below under its name; code that needs all of them goes
// through the table, code that needs one uses the field.
type Params struct {
	Hires, ClassSize, Horizon float64

	SAInflation, SACompression, SANoise      float64
	InsecurityCorr, EagernessCorr, FrailtySD float64
	SurveyReliability, ExperienceCorr        float64

	OptinRule, OptinBase, OptinNeed, OptinShyness, OptinEagerness, OptinPeer, OptinNoise float64
	RoyCost, RoyNoise                                                                    float64

	CallsPerDay, ConvBase, ConvSkill, LearnGap, LearnTau, Price float64
	CallsDaySD, AbsenceRate, ClassSD                            float64

	MentorGain, MentorFloor, MentorGainPow  float64
	PeerHelp, PeerHelpSlope, DeniedHelp     float64
	ProgramStart, ProgramDays, GainDecayTau float64

	QuitBase, QuitEarly, QuitEarlyTau, QuitPerf, Belonging, PendingQuit float64

	Policy, Screen, ScreenNoise, TargetCutoff, DefaultInertia, MentorCost float64
}

// Spec describes one parameter.
type Spec struct {
	Name        string
	Label       string // plain words for a class: the app's captions
	Help        string // one line saying, in class language, what moving it does
	Group       string // study, rep, optin, revenue, mentoring, leaving, policy
	Default     float64
	Min, Max    float64
	Integer     bool
	Unit        string
	Description string
	field       func(*Params) *float64
}

// PlainUnit is the unit as the app shows it to a class: the model's own
// scales (utility, log-odds, log units, codes, probabilities) mean nothing
// to one, so those show as plain numbers; rates read "a day".
func (s Spec) PlainUnit() string {
	switch s.Unit {
	case "utility", "utility per sd", "log-odds", "log-odds per sd", "log units", "log units per sd", "code", "probability":
		return ""
	case "1/day":
		return "a day"
	case "calls/day":
		return "calls a day"
	case "$/sale":
		return "$ a sale"
	case "$/mentee-day":
		return "$ a mentee-day"
	case "sd":
		return "standard deviations"
	}
	return s.Unit
}

// Of returns a pointer to the parameter's field in p.
func (s Spec) Of(p *Params) *float64 { return s.field(p) }

// store puts v in p's field, −0 as 0: outputs would write "-0", unlike 0's
// bytes. Every setter of a parameter's value stores it so.
func (s Spec) store(p *Params, v float64) { *s.Of(p) = v + 0 }

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

// BadInput marks the error as the user's input, not a failure of the
// program (the command line exits 2 for it).
func (e *FieldError) BadInput() bool { return true }

func (e *FieldError) Error() string {
	problem := e.Problem
	if problem == "" {
		problem = "is not allowed"
	}
	return fmt.Sprintf("%s: %s %s; want %s", e.Field, e.Value, problem, e.Allowed)
}

// The defaults are the `advice` preset (DefaultPreset), found by `mentorsim calibrate`
// (see docs/calibration.md for the run that produced them).
var table = []Spec{
	{"hires", "New hires", "How many reps are hired; more reps make the estimates less noisy.", "study", 603, 2, 10_000_000, true, "reps", "new hires in the study, split between branches in the study's proportions (110 : 171 : 322); under a policy, all of them are under it", func(p *Params) *float64 { return &p.Hires }},
	{"class_size", "Hires per weekly class", "How many reps start together each week; bigger classes bring everyone in sooner.", "study", 20, 1, 10_000_000, true, "reps", "hires per weekly training class (a class starts every 5 workdays)", func(p *Params) *float64 { return &p.ClassSize }},
	{"horizon", "Days each rep is followed", "How long each rep is watched; longer shows whether effects last.", "study", 126, 126, 2520, true, "days", "tenure days each rep is followed", func(p *Params) *float64 { return &p.Horizon }},

	{"sa_inflation", "Overconfidence", "Raise it and reps think they are better than they are; below 0 they sell themselves short.", "rep", 0.5, -3, 3, false, "sd", "how much better than they are reps think they are, on average", func(p *Params) *float64 { return &p.SAInflation }},
	{"sa_compression", "Self-view ignores ability", "Raise it and weak and strong reps rate themselves alike; at 0 they judge themselves fairly.", "rep", 0.5, 0, 1, false, "", "how little self-assessment moves with ability (0 an unbiased judge, 1 everyone thinks the same)", func(p *Params) *float64 { return &p.SACompression }},
	{"sa_noise", "Self-view noise", "Raise it and what reps think of themselves is more random.", "rep", 1.2, 0, 10, false, "sd", "noise in self-assessment", func(p *Params) *float64 { return &p.SANoise }},
	{"insecurity_corr", "Weak reps are insecure", "Raise it and the weaker reps are the more insecure ones; below 0 the strong ones are.", "rep", 0.3, -1, 1, false, "", "correlation of insecurity with low ability", func(p *Params) *float64 { return &p.InsecurityCorr }},
	{"eagerness_corr", "Strong reps want feedback", "Raise it and the stronger reps are the ones keen on feedback.", "rep", 0.3, -1, 1, false, "", "correlation of eagerness for feedback with ability", func(p *Params) *float64 { return &p.EagernessCorr }},
	{"frailty_sd", "Leaving for other reasons", "Raise it and reps differ more in how likely they are to leave for reasons that have nothing to do with work.", "rep", 1, 0, 3, false, "log units", "spread of the propensity to leave for reasons unrelated to performance", func(p *Params) *float64 { return &p.FrailtySD }},

	{"survey_reliability", "Survey reliability", "Raise it and the survey taken at hire measures insecurity, eagerness and self-view more exactly.", "rep", 0.7, 0, 1, false, "", "reliability of each survey measure taken at hire (self-assessment, insecurity, eagerness): the share of its variance that is the trait", func(p *Params) *float64 { return &p.SurveyReliability }},
	{"experience_corr", "Experience goes with ability", "Raise it and reps with more prior experience are more often the able ones.", "rep", 0.3, -1, 1, false, "", "correlation of prior experience (recorded at hire, standardised) with ability", func(p *Params) *float64 { return &p.ExperienceCorr }},

	{"optin_rule", "How reps decide", "0: reps decide on who they are (need, shyness, eagerness); 1: reps decide on the gain they expect from a mentor.", "optin", 0, 0, 1, true, "code", "opt-in rule: 0 the trait utility U of docs/model.md 7.2; 1 a Roy model, opt in when the believed own gain from a mentor, (1 − π)·G, plus roy_noise·ℓ exceeds roy_cost", func(p *Params) *float64 { return &p.OptinRule }},
	{"optin_base", "Taste for a mentor", "Raise it and more reps of every kind say yes to a mentor.", "optin", 0.1222, -10, 10, false, "utility", "baseline taste for a mentor", func(p *Params) *float64 { return &p.OptinBase }},
	{"optin_need", "Asking because of need", "Raise it and reps who think they are weak ask for a mentor more often.", "optin", 0.3, -10, 10, false, "utility per sd", "weight of perceived need (low self-assessment) in the opt-in choice", func(p *Params) *float64 { return &p.OptinNeed }},
	{"optin_shyness", "Shyness cost of asking", "Raise it and insecure reps say no to a mentor more often.", "optin", 0.3, -10, 10, false, "utility per sd", "weight of insecurity, a cost of asking for help", func(p *Params) *float64 { return &p.OptinShyness }},
	{"optin_eagerness", "Taste for feedback", "Raise it and reps eager for feedback say yes to a mentor more often.", "optin", 0.3, -10, 10, false, "utility per sd", "weight of eagerness, a taste for feedback", func(p *Params) *float64 { return &p.OptinEagerness }},
	{"optin_peer", "Reps with ties to peers ask", "Raise it and reps who easily reach co-workers (seat, shift, friends at work) ask for advice, and a mentor, more often.", "optin", 0.5574, -10, 10, false, "utility per sd", "weight of peer access (seat, shift, referral ties; not on the survey) in the advice-seeking propensity", func(p *Params) *float64 { return &p.OptinPeer }},
	{"optin_noise", "Chance in the choice", "Raise it and whether a rep says yes depends less on who they are and more on chance.", "optin", 0.4388, 0, 10, false, "utility", "scale of the logistic noise in the opt-in choice", func(p *Params) *float64 { return &p.OptinNoise }},

	{"roy_cost", "Cost of a mentor to the rep", "Raise it and reps ask for a mentor only when they expect a larger gain (opt-in rule 1).", "optin", 0.9, -10, 10, false, "sd", "optin_rule 1: the rep's cost of being mentored, in sd of skill", func(p *Params) *float64 { return &p.RoyCost }},
	{"roy_noise", "Reps misjudge their gain", "Raise it and reps know less well how much a mentor would help them (opt-in rule 1).", "optin", 0.3, 0, 10, false, "sd", "optin_rule 1: scale of the logistic error in a rep's belief about its own gain", func(p *Params) *float64 { return &p.RoyNoise }},

	{"calls_per_day", "Calls per day", "More calls a day mean more sales for every rep.", "revenue", 30, 0.1, 500, false, "calls/day", "inbound calls a rep takes per day", func(p *Params) *float64 { return &p.CallsPerDay }},
	{"conv_base", "Sales rate of a trained rep", "Raise it and every trained rep turns more calls into sales.", "revenue", -2, -10, 10, false, "log-odds", "conversion log-odds of an average, fully trained rep", func(p *Params) *float64 { return &p.ConvBase }},
	{"conv_skill", "How much ability sells", "Raise it and the gap in sales between strong and weak reps grows.", "revenue", 0.4573, 0, 5, false, "log-odds per sd", "how much skill raises conversion", func(p *Params) *float64 { return &p.ConvSkill }},
	{"learn_gap", "Newcomer's handicap", "Raise it and new reps sell much less in their first days.", "revenue", 1, 0, 10, false, "log-odds", "conversion deficit of a rep on the first day", func(p *Params) *float64 { return &p.LearnGap }},
	{"learn_tau", "Learning time", "Raise it and new reps take longer to reach full speed.", "revenue", 30, 1, 1000, false, "days", "time constant of the learning curve", func(p *Params) *float64 { return &p.LearnTau }},
	{"price", "Revenue per sale", "Dollars each sale brings in; it scales every revenue figure.", "revenue", 100, 0.01, 1e6, false, "$/sale", "revenue per sale", func(p *Params) *float64 { return &p.Price }},

	{"calls_day_sd", "Day-to-day swings in calls", "Raise it and a rep's calls vary more from one day to the next.", "revenue", 0.25, 0, 2, false, "log units", "sd of the log of a rep's calls on a day worked, around calls_per_day", func(p *Params) *float64 { return &p.CallsDaySD }},
	{"absence_rate", "Days absent", "Raise it and reps miss more days, taking no calls.", "revenue", 0.04, 0, 0.5, false, "probability", "chance a rep on the payroll is absent on a day (no calls)", func(p *Params) *float64 { return &p.AbsenceRate }},
	{"class_sd", "Differences between classes", "Raise it and whole training classes differ more in how many calls they get.", "revenue", 0.1, 0, 2, false, "log units", "sd of a shared factor on the calls of every rep in a training class", func(p *Params) *float64 { return &p.ClassSD }},

	{"mentor_gain", "Mentor's boost", "Raise it and a mentor adds more skill to the reps it can help.", "mentoring", 0.6075, 0, 10, false, "sd", "scale of the job's know-how G, all of which a mentored rep gets (a mentor adds (1 − π)·G over peers): G = min(gap, mentor_gain·gap^mentor_gain_pow), gap = max(0, mentor_floor − a)", func(p *Params) *float64 { return &p.MentorGain }},
	{"mentor_floor", "Who a mentor can help", "Raise it and a mentor helps more reps: reps more able than this gain nothing, and no rep is lifted above it.", "mentoring", 2.19, -5, 5, false, "sd", "ability above which a mentor adds nothing; mentoring never lifts a rep's skill above it", func(p *Params) *float64 { return &p.MentorFloor }},
	{"mentor_gain_pow", "Boost goes to the weakest", "Raise it and the boost goes more to the weakest reps and less to the middling ones.", "mentoring", 1, 0, 5, false, "", "curvature of the gain in the ability gap", func(p *Params) *float64 { return &p.MentorGainPow }},
	{"peer_help", "Help from peers", "Raise it and reps get more of the job's know-how from co-workers on their own, so a mentor adds less.", "mentoring", 0.6776, -10, 10, false, "log-odds", "log-odds of the share π of the know-how G a rep of average advice-seeking propensity gets from peers without a mentor", func(p *Params) *float64 { return &p.PeerHelp }},
	{"peer_help_slope", "Askers learn from peers", "Raise it and the reps keen to ask for advice (the ones who ask for a mentor) get more of the know-how from co-workers anyway.", "mentoring", 4.618, 0, 20, false, "log-odds per sd", "how much the advice-seeking propensity raises the log-odds of the peer share π", func(p *Params) *float64 { return &p.PeerHelpSlope }},
	{"denied_help", "Denied reps look elsewhere", "Raise it and reps who asked for a mentor but got none find more help elsewhere, which hides the mentor's effect on them.", "mentoring", 0.5, 0, 1, false, "share", "share of the know-how it lacks that an opt-in left without a mentor finds elsewhere (substitution)", func(p *Params) *float64 { return &p.DeniedHelp }},
	{"program_start", "Program start day", "Which day of a rep's job the mentoring starts.", "mentoring", 0, 0, 100, true, "day", "tenure day the mentoring program starts", func(p *Params) *float64 { return &p.ProgramStart }},
	{"program_days", "Program length", "How many workdays the mentoring lasts.", "mentoring", 20, 1, 126, true, "days", "length of the mentoring program", func(p *Params) *float64 { return &p.ProgramDays }},
	{"gain_decay_tau", "How long the boost lasts", "Raise it and the boost fades more slowly after the program ends.", "mentoring", 351.8, 1, 1e6, false, "days", "time constant of the decay of the gain after the program", func(p *Params) *float64 { return &p.GainDecayTau }},

	{"quit_base", "Daily chance of wanting to quit", "Raise it and more reps leave.", "leaving", 0.00407, 0, 1, false, "1/day", "daily hazard of an urge to leave for an average rep", func(p *Params) *float64 { return &p.QuitBase }},
	{"quit_early", "Quitting in the first weeks", "Raise it and more reps leave in their first weeks.", "leaving", 3, 0, 100, false, "", "extra hazard on the first day, as a multiple of quit_base", func(p *Params) *float64 { return &p.QuitEarly }},
	{"quit_early_tau", "How long early quitting lasts", "Raise it and the first weeks' extra chance of leaving lasts longer.", "leaving", 15, 1, 1000, false, "days", "time constant of the early extra hazard", func(p *Params) *float64 { return &p.QuitEarlyTau }},
	{"quit_perf", "Good sellers stay", "Raise it and reps who sell well leave less often; below 0 they leave more often.", "leaving", -0.0524, -5, 5, false, "log units per sd", "how much skill lowers the hazard", func(p *Params) *float64 { return &p.QuitPerf }},
	{"belonging", "A mentor keeps reps on", "Raise it and a rep with a mentor more often stays through the program instead of leaving.", "leaving", 0.696, 0, 1, false, "probability", "chance a mentored rep inside the program puts an urge to leave off", func(p *Params) *float64 { return &p.Belonging }},
	{"pending_quit", "Leaving after the program", "Raise it and reps who stayed only for the mentor leave sooner once it ends.", "leaving", 0.0787, 0, 1, false, "1/day", "daily chance a rep with a put-off urge leaves once the program is over", func(p *Params) *float64 { return &p.PendingQuit }},

	// The firm's policy (docs/policies.md). The defaults leave the study as it is.
	{"policy", "Firm's policy", "Who gets a mentor: 0 the study's experiment, 1 everyone, 2 those who ask, 3 those who test low, 4 everyone unless they decline, 5 no one.", "policy", 0, 0, 5, true, "code", "who is mentored: 0 the study's two-branch experiment; under a policy every hire is under it: 1 mandatory for all, 2 voluntary (ask everyone; every yes gets a mentor), 3 targeted (those whose screening score is below target_cutoff), 4 enrolled by default (all but those who actively decline), 5 no program", func(p *Params) *float64 { return &p.Policy }},
	{"screen", "What the screen sees", "0: targeting screens on what a firm sees at hire (survey, experience); 1: on an ability test (perfect if its noise is 0).", "policy", 0, 0, 1, true, "code", "targeted policy's screening score: 0 the best linear predictor of ability from the survey measures and prior experience; 1 a test of ability with noise screen_noise (the perfect screen at screen_noise 0)", func(p *Params) *float64 { return &p.Screen }},
	{"screen_noise", "Screening test noise", "Raise it and the ability test (screen 1) picks out the weak reps less accurately.", "policy", 1, 0, 10, false, "sd", "screen 1: noise in the ability test, ability + screen_noise·N(0,1), standardised to sd 1", func(p *Params) *float64 { return &p.ScreenNoise }},
	{"target_cutoff", "Targeting cut-off", "Raise it and the targeted policy mentors more reps (all who score below it).", "policy", -0.25, -5, 5, false, "sd", "targeted policy: hires whose standardised screening score is below this get a mentor (a share Φ(target_cutoff) of them)", func(p *Params) *float64 { return &p.TargetCutoff }},
	{"default_inertia", "Sticking with the default", "Raise it and fewer reps bother to decline the mentor they are enrolled with.", "policy", 1.5, -10, 10, false, "utility", "enrolled by default: a rep declines only if U + I + default_inertia < 0, where U is the opt-in utility and I the image cost of asking that U counts (optin_shyness·z for an insecure rep, z > 0), which no one pays when enrolled", func(p *Params) *float64 { return &p.DefaultInertia }},
	{"mentor_cost", "Mentor cost per mentee-day", "Dollars of a mentor's time per mentee per program day; raise it and mentoring pays less.", "policy", 60, 0, 1e6, false, "$/mentee-day", "the mentor's time: cost per mentee per program day the mentee is employed", func(p *Params) *float64 { return &p.MentorCost }},
}

// PresetHelp is a one-line description of the named preset, "" for none;
// a contrast's says that it does not reproduce the study.
func PresetHelp(name string) string {
	i := presetIndex(name)
	switch {
	case i < 0:
		return ""
	case presetTable[i].Contrast:
		return presetTable[i].Help + " " + ContrastNote
	}
	return presetTable[i].Help
}

// ContrastNote is what the product says of a contrast preset.
const ContrastNote = "A contrast, not fitted: it does not reproduce the study's numbers."

// PresetIsContrast reports whether the named preset is a contrast, which
// was not fitted and does not reproduce the study.
func PresetIsContrast(name string) bool {
	i := presetIndex(name)
	return i >= 0 && presetTable[i].Contrast
}

// ContrastLine is the line a command's text prints under a contrast
// preset ("rational: A contrast, …"), "" under a fitted one.
func ContrastLine(name string) string {
	if !PresetIsContrast(name) {
		return ""
	}
	return name + ": " + ContrastNote + "\n"
}

// presetIndex is the named preset's row in presetTable (old names
// included), -1 for none.
func presetIndex(name string) int {
	return slices.IndexFunc(presetTable, func(p preset) bool { return p.Name == Canonical(name) })
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

// Defaults returns the table's defaults, which are the `advice` preset.
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
	s.store(p, v)
	return nil
}

// SetString parses and sets a value given as text (a flag or query string).
func (p *Params) SetString(name, text string) error {
	if _, ok := Lookup(name); !ok {
		return unknown(name)
	}
	v, ok := ParseNumber(text)
	if s, _ := Lookup(name); !ok && plainDecimal(text) { // written right, but past a double's range
		return &FieldError{Field: name, Value: strconv.Quote(text), Problem: "is too large in magnitude to be a number", Allowed: s.Allowed()}
	} else if !ok {
		return &FieldError{Field: name, Value: strconv.Quote(text), Allowed: s.Allowed() + ", written " + NumberSyntax}
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
