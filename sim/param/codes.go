package param

// The parameters that are codes, read through typed accessors so that no
// code compares a float64 with a bare number.

// OptinRule is how reps decide whether to ask for a mentor (optin_rule).
type OptinRule int

// The opt-in rules.
const (
	TraitRule OptinRule = iota // the trait utility U of docs/model.md 7.2 (the advice-seeking propensity)
	RoyRule                    // a Roy model: the believed own gain from a mentor against a cost
)

// Rule is the opt-in rule.
func (p *Params) Rule() OptinRule { return OptinRule(p.OptinRule) }

// Screen is what the targeted policy's screening score sees (screen).
type Screen int

// The screens.
const (
	SurveyScreen  Screen = iota // the best linear predictor of ability from what a firm measures at hire
	AbilityScreen               // an ability test with noise screen_noise
)

// Screening is the targeted policy's screen.
func (p *Params) Screening() Screen { return Screen(p.Screen) }
