package model

import (
	"mentorsim/sim/fmath"
	"mentorsim/sim/param"
	"mentorsim/sim/rng"
)

// Windows of tenure days, [0, w), over which outcomes are reported.
const (
	Month1 = 21
	Month2 = 42
	Month3 = 63
	Month6 = 126
)

// Windows lists the reported windows; Rep.Sales is indexed like it.
var Windows = [4]int{Month1, Month2, Month3, Month6}

// TruthWindow is the window of the true effects (docs/model.md, 7.7).
const TruthWindow = Month2

// Traits are drawn once at hire.
type Traits struct {
	Ability        float64 // a: latent skill, in population sd
	SelfAssessment float64 // s
	Insecurity     float64 // z
	Eagerness      float64 // e
	Frailty        float64 // φ, mean 1
	// PeerAccess is how easily the rep reaches co-workers who know the job
	// (seat, shift, referral ties): unrelated to ability, and not on the
	// survey. Drawn from PeerStream.
	PeerAccess float64
	// Propensity is the rep's advice-seeking propensity, standardised: the
	// opt-in utility's systematic part without its constant (need, the image
	// cost of insecurity, eagerness and peer access, each by its weight).
	// The same propensity asks for a mentor and gets know-how from peers.
	Propensity float64
	// KnowHow is G, the skill the job's know-how adds at the end of the
	// onboarding weeks to a rep who gets all of it (docs/model.md, 7.4).
	KnowHow float64
	// PeerShare is π, the share of KnowHow the rep gets from peers on its own.
	PeerShare float64
	// Screen is the screening score the targeted policy sees: ability plus
	// screen_noise·N(0,1), standardised to sd 1. It is drawn from a stream
	// of its own (ScreenStream), so the rep's other draws do not move.
	Screen float64
	// Survey measures taken at hire, each standardised: the trait (itself
	// standardised) times √survey_reliability plus noise; and prior
	// experience, observed exactly. Drawn from SurveyStream.
	SurveySelfAssessment, SurveyInsecurity, SurveyEagerness, Experience float64
	choiceNoise                                                         float64 // the logistic draw of the opt-in decision
}

// weights are the constants of a model's draws at hire, computed once per
// model from its parameters (the same operations, so the same bits, as
// computing them per rep).
type weights struct {
	insecurity, eagerness, experience float64 // root1m of each trait's correlation with ability
	frailtyMean                       float64 // frailty_sd²/2, which makes the frailty's mean 1
	rel, noise                        float64 // √survey_reliability and √(1 − survey_reliability)
	saSD                              float64 // see saSD
	propMean, propSD                  float64 // the propensity's mean and sd before standardising
	screen                            screenWeights
}

func newWeights(p *param.Params) weights {
	w := weights{
		insecurity: root1m(p.InsecurityCorr), eagerness: root1m(p.EagernessCorr),
		experience:  root1m(p.ExperienceCorr),
		frailtyMean: float64(p.FrailtySD*p.FrailtySD) / 2,
		rel:         sqrt(p.SurveyReliability), noise: sqrt(1 - p.SurveyReliability),
		saSD: saSD(p),
	}
	w.screen = newScreenWeights(p, w.rel, w.saSD)
	w.propMean, w.propSD = propensityMoments(p)
	return w
}

// PropensityShares splits the variance of the raw propensity among its
// sources: perceived need (self-assessment), the image cost of insecurity,
// eagerness and peer access, each the share of its term's variance (the
// terms correlate through ability, so the shares need not add to 1).
func PropensityShares(p *param.Params) (need, image, eager, peer float64) {
	_, sd := propensityMoments(p)
	v := float64(sd * sd)
	saSD := sqrt(float64((1-p.SACompression)*(1-p.SACompression)) + float64(p.SANoise*p.SANoise))
	term := func(w, sd float64) float64 { x := float64(w * sd); return float64(x*x) / v }
	return term(p.OptinNeed, saSD), term(p.OptinShyness, 1), term(p.OptinEagerness, 1), term(p.OptinPeer, 1)
}

// propensityMoments are the mean and sd over hires of the raw propensity
// −optin_need·s − optin_shyness·z + optin_eagerness·e + optin_peer·p: its
// weight on ability and on each trait's own noise, added in quadrature (1
// if it is a constant, which then standardises to 0).
func propensityMoments(p *param.Params) (mean, sd float64) {
	onA := float64(-p.OptinNeed*(1-p.SACompression)) + float64(p.OptinShyness*p.InsecurityCorr) + float64(p.OptinEagerness*p.EagernessCorr)
	parts := [...]float64{onA, float64(p.OptinNeed * p.SANoise), float64(p.OptinShyness * root1m(p.InsecurityCorr)),
		float64(p.OptinEagerness * root1m(p.EagernessCorr)), p.OptinPeer}
	v := 0.0
	for _, x := range parts {
		v += float64(x * x)
	}
	if v == 0 {
		v = 1
	}
	return -p.OptinNeed * p.SAInflation, sqrt(v)
}

// drawTraits always takes the same draws in the same order, so that a rep's
// ability does not depend on any parameter but the seed.
func drawTraits(r *rng.Rand, p *param.Params, w *weights) Traits {
	a, ns, nz, ne, nf := r.Norm(), r.Norm(), r.Norm(), r.Norm(), r.Norm()
	return Traits{
		Ability:        a,
		SelfAssessment: p.SAInflation + float64((1-p.SACompression)*a) + float64(p.SANoise*ns),
		Insecurity:     float64(-p.InsecurityCorr*a) + float64(w.insecurity*nz),
		Eagerness:      float64(p.EagernessCorr*a) + float64(w.eagerness*ne),
		Frailty:        fmath.Exp(float64(p.FrailtySD*nf) - w.frailtyMean),
		choiceNoise:    r.Logistic(),
	}
}

// logistic is 1/(1 + e^−x), by fmath so that it is the same everywhere.
func logistic(x float64) float64 { return 1 / (1 + fmath.Exp(-x)) }

// root1m is sqrt(1 − c²), the weight of the independent part of a trait
// with correlation c to ability.
func root1m(c float64) float64 { return sqrt(1 - float64(c*c)) }

// WouldOptIn is the opt-in decision: U > 0.
func (t *Traits) WouldOptIn(p *param.Params) bool { return t.Utility(p) > 0 }

// Utility is U, the opt-in utility of docs/model.md, 7.2 (noise included):
// the propensity on its own scale plus a constant; under optin_rule 1 (a
// Roy model) the believed own gain from a mentor less its cost.
func (t *Traits) Utility(p *param.Params) float64 {
	if p.Rule() == param.RoyRule {
		return t.MentorGain() - p.RoyCost + float64(p.RoyNoise*t.choiceNoise)
	}
	return p.OptinBase + t.rawPropensity(p) + float64(p.OptinNoise*t.choiceNoise)
}

// rawPropensity is the propensity before standardising.
func (t *Traits) rawPropensity(p *param.Params) float64 {
	return float64(p.OptinNeed*-t.SelfAssessment) -
		float64(p.OptinShyness*t.Insecurity) +
		float64(p.OptinEagerness*t.Eagerness) +
		float64(p.OptinPeer*t.PeerAccess)
}

// MentorGain is the skill a mentor adds to the rep over what it gets from
// peers on its own: (1 − π)·G.
func (t *Traits) MentorGain() float64 { return float64((1 - t.PeerShare) * t.KnowHow) }

// WouldStayEnrolled is the choice under enrolment by default, where no one
// has to ask: the rep declines only if U without the image cost of asking
// (optin_shyness·z for an insecure rep, z > 0), plus default_inertia, is
// below 0.
func (t *Traits) WouldStayEnrolled(p *param.Params) bool {
	return t.Utility(p)+t.ImageCost(p)+p.DefaultInertia >= 0
}

// ImageCost is what asking for help costs the rep in utility:
// optin_shyness·z where z > 0, else 0 (none under optin_rule 1).
func (t *Traits) ImageCost(p *param.Params) float64 {
	if p.Rule() == param.RoyRule || t.Insecurity <= 0 {
		return 0
	}
	return float64(p.OptinShyness * t.Insecurity)
}

// ScreenStream salts the seed of the screening-score streams: rep id's
// score comes from rng.New(rng.Mix(seed, ScreenStream), id), apart from the
// rep's own stream rng.New(seed, id+1) and the assignment stream.
const ScreenStream = 0x5c7ee9

// SalesStream salts the seed of the streams of daily sales: rep id's come
// from rng.New(rng.Mix(seed, SalesStream), id). A sales draw takes one or
// two words, so on a stream of its own it cannot shift the draws both worlds
// share (the unmentored world is then the same whoever lives it).
const SalesStream = 0x5a1e5

// PeerStream salts the seed of the peer-access streams: rep id's comes from
// rng.New(rng.Mix(seed, PeerStream), id).
const PeerStream = 0x9ee5

// SurveyStream salts the seed of the streams of the survey measures and
// prior experience: rep id's come from rng.New(rng.Mix(seed, SurveyStream), id).
const SurveyStream = 0x5e7e1

// ClassStream salts the seed of the training classes' shared factors on
// calls: class k's comes from rng.New(rng.Mix(seed, ClassStream), k).
const ClassStream = 0xc1a55

// DayStream salts the key of a rep's day factors on calls: the factor on
// tenure day t is a function of rng.Mix(rng.Mix(seed, DayStream), id) and t,
// so it needs no state and is the same in both worlds.
const DayStream = 0xda7

// drawSurvey draws the survey measures and prior experience of rep id.
func drawSurvey(t *Traits, seed uint64, id int, p *param.Params, w *weights) {
	r := rng.New(rng.Mix(seed, SurveyStream), uint64(id))
	sa := (t.SelfAssessment - p.SAInflation) / w.saSD
	t.SurveySelfAssessment = float64(w.rel*sa) + float64(w.noise*r.Norm())
	t.SurveyInsecurity = float64(w.rel*t.Insecurity) + float64(w.noise*r.Norm())
	t.SurveyEagerness = float64(w.rel*t.Eagerness) + float64(w.noise*r.Norm())
	t.Experience = float64(p.ExperienceCorr*t.Ability) + float64(w.experience*r.Norm())
}

// drawAdvice draws rep id's peer access and sets its propensity, know-how
// and peer share.
func drawAdvice(t *Traits, seed uint64, id int, p *param.Params, w *weights) {
	r := rng.New(rng.Mix(seed, PeerStream), uint64(id))
	t.PeerAccess = r.Norm()
	t.Propensity = (t.rawPropensity(p) - w.propMean) / w.propSD
	t.KnowHow = KnowHowOf(t.Ability, p)
	t.PeerShare = logistic(p.PeerHelp + float64(p.PeerHelpSlope*t.Propensity))
}

// saSD is the sd of self-assessment, √((1 − sa_compression)² + sa_noise²);
// 1 if that is 0, when self-assessment is a constant.
func saSD(p *param.Params) float64 {
	c := 1 - p.SACompression
	if sd := sqrt(float64(c*c) + float64(p.SANoise*p.SANoise)); sd > 0 {
		return sd
	}
	return 1
}

// screenWeights are observedScreen's constants: each observable is b·a plus
// independent noise of variance v = 1 − b², so the best linear predictor
// weighs it by b/v and has variance S² + S, S = Σ b²/v.
type screenWeights struct {
	b, v [4]float64
	sd   float64 // √(S² + S); 0 when nothing observed predicts ability
}

// newScreenWeights are the screen's weights, given √survey_reliability and
// the sd of self-assessment (saSD).
func newScreenWeights(p *param.Params, rel, saSD float64) screenWeights {
	w := screenWeights{b: [4]float64{float64(rel*(1-p.SACompression)) / saSD, float64(rel * -p.InsecurityCorr), float64(rel * p.EagernessCorr), p.ExperienceCorr}}
	S := 0.0
	for j, b := range w.b {
		w.v[j] = max(1-float64(b*b), 1e-9)
		S += float64(b*b) / w.v[j]
	}
	if S > 0 {
		w.sd = sqrt(float64(S*S) + S)
	}
	return w
}

// observedScreen is the best linear predictor of ability from the survey
// measures and experience, standardised.
func observedScreen(t *Traits, w *screenWeights) float64 {
	if w.sd == 0 {
		return 0
	}
	x := [4]float64{t.SurveySelfAssessment, t.SurveyInsecurity, t.SurveyEagerness, t.Experience}
	score := 0.0
	for j, b := range w.b {
		score += float64(b*x[j]) / w.v[j]
	}
	return score / w.sd
}

// screenScore draws the standardised screening score of a rep of ability a.
func screenScore(seed uint64, id int, a, noise float64) float64 {
	r := rng.New(rng.Mix(seed, ScreenStream), uint64(id))
	return (a + float64(noise*r.Norm())) / sqrt(1+float64(noise*noise))
}

// World is one potential outcome's state: a rep's employment with or
// without a mentor.
type World struct {
	Left    bool  // has left
	Pending bool  // carries an urge to leave put off during the program
	Days    int32 // employed days within the truth window
	// Revenue is the expected revenue (price × calls × conversion) summed
	// over employed days within the truth window: the mean of what the rep
	// would sell, free of Poisson noise, so that true effects are exact.
	Revenue float64
}

// Rep is one hire: traits, assignment, what has been observed of the rep so
// far in the world it lives in, and both potential outcomes.
type Rep struct {
	Traits
	OptedIn  bool // said yes when asked (voluntary branch only)
	Mentored bool // is in the mentoring program

	Tenure       int32    // tenure days simulated so far
	DaysEmployed int32    // days worked so far
	LastSales    int32    // sales on the last day simulated (0 once gone)
	Sales        [4]int32 // sales in each of Windows
	// Calls are the expected calls (DayCalls) over the days worked in each
	// of Windows: what a call log would show, free of Poisson noise.
	Calls      [4]float64
	Present    [4]int32 // days worked with calls (not absent) in each of Windows
	SalesTotal int32    // sales over every day worked so far
	Outcome    [2]World // [0] without a mentor, [1] with one

	// gain is, per world, the skill the rep's know-how adds at the end of
	// the onboarding weeks: π·G without a mentor (more for an opt-in
	// denied one, who looks for help elsewhere) and G with one.
	gain    [2]float64
	convExp float64 // exp(−conv_base − conv_skill·a): conversion odds⁻¹ of a trained rep
	hazard  float64 // φ·exp(−quit_perf·a): the rep's factor on the daily hazard
	// boost is, per world, the know-how's factor on the conversion odds on
	// the last onboarding day simulated, exp(−conv_skill·gain·ramp): a
	// running product of boostStep, the factor per onboarding day.
	boost, boostStep [2]float64
	hazardMax        [2]float64 // per world, a bound on the know-how's factor on the hazard
	calls            float64    // calls_per_day times the class's factor
	dayKey           rng.Mixer  // the key of the rep's day factors (DayStream)
	rng              rng.Rand   // traits, then a word a day for both worlds
	sales            rng.Rand   // the daily sales (SalesStream)
}

// Lived is the rep's outcome in the world it lives in.
func (r *Rep) Lived() World { return r.Outcome[b2i(r.Mentored)] }

// Left reports whether the rep has left in the world it lives in.
func (r *Rep) Left() bool { return r.Lived().Left }

// Employed reports whether the rep is still employed.
func (r *Rep) Employed() bool { return !r.Left() }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
