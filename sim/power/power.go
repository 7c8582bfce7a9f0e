package power

import (
	"errors"
	"fmt"
	"math"

	"mentorsim/sim/model"
	"mentorsim/sim/param"
	"mentorsim/sim/replicate"
	"mentorsim/sim/study"
)

// Level is the power a design should reach: the minimum detectable effect
// is the smallest true effect with at least this power.
const Level = 0.8

// KeyEstimands are the estimands whose power is reported.
var KeyEstimands = []study.ID{
	study.MandatoryRevenueLift2m,
	study.VoluntaryRevenueLift2m,
	study.MandatoryRetentionLift1m,
	study.OptinVsOptoutRevenue2m,
	study.ImpliedOptoutRevenueLift2m,
	study.ImpliedATTMinusATU2m,
}

// OptinSample is how many simulated voluntary-branch reps OptinBase uses.
const OptinSample = 20_000

// OptinTolerance is how close to its target OptinBase brings the opt-in
// share of the sample.
const OptinTolerance = 0.005

// optinSeed seeds the sample of reps OptinBase draws; it is fixed so that
// the result depends only on the parameters and the target.
const optinSeed uint64 = 0x6f7074696e // "optin"

// OptinShare is the share of n reps, drawn with p and a fixed seed, who
// would opt in.
func OptinShare(p param.Params, n int) float64 {
	return shareOf(optinSample(p, n), p)
}

// OptinBase returns the optin_base (under the Roy model, −roy_cost) at which a share target of OptinSample
// reps drawn with p (whose other parameters are kept) would opt in, found
// by bisection within the parameter's range, and the share it gives. It is
// deterministic. It fails if no optin_base in range gets within
// OptinTolerance of the target.
func OptinBase(p param.Params, target float64) (base, share float64, err error) {
	if !(target > 0 && target < 1) {
		return math.NaN(), math.NaN(), fmt.Errorf("opt-in rate %v is not allowed; want a number strictly between 0 and 1", target)
	}
	spec, _ := param.Lookup("optin_base")
	lo, hi := spec.Min, spec.Max
	ts := optinSample(p, OptinSample)
	at := func(b float64) float64 { SetIntercept(&p, b); return shareOf(ts, p) }
	base, share = lo, at(lo)
	for range 100 {
		mid := lo + float64((hi-lo)/2) // float64(): never fused into an FMA
		sm := at(mid)
		if math.Abs(sm-target) < math.Abs(share-target) {
			base, share = mid, sm
		}
		if math.Abs(sm-target) <= OptinTolerance/5 || hi-lo < 1e-9 {
			break
		}
		if sm < target { // the share rises with optin_base
			lo = mid
		} else {
			hi = mid
		}
	}
	if math.Abs(share-target) > OptinTolerance {
		lo, hi := spec.Min, spec.Max
		if p.Rule() == param.RoyRule {
			lo, hi = -hi, -lo
		}
		at := ""
		if p.Rule() == param.RoyRule { // the gain reps expect moves the share
			at = fmt.Sprintf(" at mentor_gain %v", p.MentorGain)
		}
		return base, share, fmt.Errorf("opt-in rate %v cannot be reached with %s in [%v, %v]%s (closest: %.3f); want a rate the other opt-in weights allow",
			target, InterceptParam(&p), lo, hi, at, share)
	}
	return base, share, nil
}

// SetIntercept sets the opt-in choice's intercept: optin_base under the
// trait utility, −roy_cost under the Roy model (optin_rule 1), whose range
// is the same, so that OptinBase can move either.
func SetIntercept(p *param.Params, b float64) {
	if p.Rule() == param.RoyRule {
		p.RoyCost = -b
	} else {
		p.OptinBase = b
	}
}

// InterceptParam names the parameter that SetIntercept moves: optin_base,
// or roy_cost under the Roy model.
func InterceptParam(p *param.Params) string {
	if p.Rule() == param.RoyRule {
		return "roy_cost"
	}
	return "optin_base"
}

// optinSample draws the traits of n reps with a fixed seed.
func optinSample(p param.Params, n int) []model.Traits {
	m := model.New(p)
	ts := make([]model.Traits, n)
	for i := range ts {
		ts[i] = m.Hire(optinSeed, i).Traits
	}
	return ts
}

// shareOf is the share of ts who would opt in under p.
func shareOf(ts []model.Traits, p param.Params) float64 {
	yes := 0
	for i := range ts {
		if ts[i].WouldOptIn(&p) {
			yes++
		}
	}
	return float64(yes) / float64(len(ts))
}

// Config is a power study: a base scenario and the grid to vary.
type Config struct {
	Scenario     param.Scenario
	Hires        []int
	OptinRates   []float64
	Gains        []float64 // values of mentor_gain
	Replications int
}

// Cell is one design point: hires, opt-in rate and gain, with its power.
type Cell struct {
	Hires     int
	OptinRate float64 // the target opt-in rate (NaN for the design as given)
	// Set is the value of the parameter InterceptParam names (optin_base,
	// or roy_cost under the Roy model) that reaches the rate.
	Set          float64
	Gain         float64 // mentor_gain
	ATE          float64 // mean of truth.ate across replications
	Replications int
	// Mean and Power of each of KeyEstimands: mean estimate and share of
	// replications significant at 5%.
	Mean, Power []float64
}

// MDE is, for one number of hires and opt-in rate, the minimum detectable
// true effect (ATE) of each of KeyEstimands; NaN where power never reaches
// Level on the gains grid.
type MDE struct {
	Hires     int
	OptinRate float64
	ATE       []float64
	// AtMost marks an estimand whose power already reached Level at the
	// smallest gain: its minimum detectable effect is at most ATE.
	AtMost []bool
}

// Result is a finished power study.
type Result struct {
	Config Config
	Cells  []Cell // hires, then opt-in rate, then gain, each in the order given
	MDEs   []MDE  // hires, then opt-in rate
	// Design is the scenario as given (its own hires, optin_base and
	// mentor_gain): would a study like it have seen the effect?
	Design Cell
}

// Studies is how many studies Run simulates for cfg.
func (cfg Config) Studies() int {
	return (len(cfg.Hires)*len(cfg.OptinRates)*len(cfg.Gains) + 1) * cfg.Replications
}

// Check reports whether the configuration can be run.
func (cfg Config) Check() error {
	switch {
	case len(cfg.Hires) == 0 || len(cfg.OptinRates) == 0 || len(cfg.Gains) == 0:
		return errors.New("power: hires, opt-in rates and gains must each have at least one value")
	case cfg.Replications < 2:
		return errors.New("power: want at least 2 replications")
	}
	for _, h := range cfg.Hires {
		if err := cfg.Scenario.Params.Set("hires", float64(h)); err != nil {
			return err
		}
	}
	for _, g := range cfg.Gains {
		if err := cfg.Scenario.Params.Set("mentor_gain", g); err != nil {
			return err
		}
	}
	for _, r := range cfg.OptinRates {
		if !(r > 0 && r < 1) {
			return fmt.Errorf("opt-in rate %v is not allowed; want a number strictly between 0 and 1", r)
		}
	}
	return cfg.Scenario.Params.Validate()
}

// Run simulates every cell of the grid, and the scenario as given, with
// cfg.Replications studies each on up to workers goroutines, calling done
// (if not nil) after each study. The result does not depend on workers.
// Replication k of every cell uses seed Scenario.Seed + k, so cells differ
// only in their parameters (common random numbers).
func Run(cfg Config, workers int, done func()) (Result, error) {
	if err := cfg.Check(); err != nil {
		return Result{}, err
	}
	res := Result{Config: cfg}
	bases, err := cfg.Intercepts()
	if err != nil {
		return Result{}, err
	}
	for _, h := range cfg.Hires {
		for j, rate := range cfg.OptinRates {
			first := len(res.Cells)
			for k, g := range cfg.Gains {
				sc := cfg.Scenario
				sc.Params.Hires, sc.Params.MentorGain = float64(h), g
				SetIntercept(&sc.Params, bases[j][k])
				c, err := runCell(sc, cfg.Replications, workers, done)
				if err != nil {
					return Result{}, err
				}
				c.OptinRate = rate
				res.Cells = append(res.Cells, c)
			}
			res.MDEs = append(res.MDEs, mdeOf(h, rate, res.Cells[first:]))
		}
	}
	d, err := runCell(cfg.Scenario, cfg.Replications, workers, done)
	if err != nil {
		return Result{}, err
	}
	d.OptinRate = math.NaN()
	res.Design = d
	return res, nil
}

// Intercepts are the intercepts (SetIntercept) that reach each opt-in rate
// (first index) at each gain (second), or the error of one that cannot be
// reached. Under the trait utility the choice does not depend
// on mentor_gain, so one search per rate serves every gain; under the Roy
// model reps weigh the gain they expect, so each gain has its own.
func (cfg Config) Intercepts() ([][]float64, error) {
	bases := make([][]float64, len(cfg.OptinRates))
	for j, rate := range cfg.OptinRates {
		bases[j] = make([]float64, len(cfg.Gains))
		for k, g := range cfg.Gains {
			p := cfg.Scenario.Params
			if p.Rule() == param.RoyRule {
				p.MentorGain = g
			} else if k > 0 {
				bases[j][k] = bases[j][0]
				continue
			}
			b, _, err := OptinBase(p, rate)
			if err != nil {
				return nil, err
			}
			bases[j][k] = b
		}
	}
	return bases, nil
}

func runCell(sc param.Scenario, n, workers int, done func()) (Cell, error) {
	r, err := replicate.Run(sc, n, workers, done)
	if err != nil {
		return Cell{}, err
	}
	set, _ := sc.Params.Get(InterceptParam(&sc.Params))
	c := Cell{Hires: int(sc.Params.Hires), Set: set, Gain: sc.Params.MentorGain,
		Replications: n, Mean: make([]float64, len(KeyEstimands)), Power: make([]float64, len(KeyEstimands))}
	sums := r.Summaries()
	for k, id := range KeyEstimands {
		for _, s := range sums {
			if s.ID == id {
				c.Mean[k], c.Power[k] = s.Mean, s.ShareSignificant
			}
		}
	}
	for _, s := range r.TruthSummaries() {
		if s.ID == study.TruthATE {
			c.ATE = s.Mean
		}
	}
	return c, nil
}

func mdeOf(hires int, rate float64, cells []Cell) MDE {
	m := MDE{Hires: hires, OptinRate: rate, ATE: make([]float64, len(KeyEstimands)), AtMost: make([]bool, len(KeyEstimands))}
	ates := make([]float64, len(cells))
	pw := make([]float64, len(cells))
	for k := range KeyEstimands {
		for i, c := range cells {
			ates[i], pw[i] = c.ATE, c.Power[k]
		}
		m.ATE[k] = Detectable(ates, pw, Level)
		m.AtMost[k] = pw[0] >= Level
	}
	return m
}

// Detectable is the smallest effect at which power reaches level, by linear
// interpolation between consecutive points of (effects, powers), taken in
// the order given (increasing effect): the first point with power ≥ level
// gives its effect if it is the first point, else the effect where the line
// from the point before it crosses level. NaN if power never reaches level.
func Detectable(effects, powers []float64, level float64) float64 {
	for i := range powers {
		if !(powers[i] >= level) {
			continue
		}
		if i == 0 || math.IsNaN(powers[i-1]) || powers[i] == powers[i-1] {
			return effects[i]
		}
		f := (level - powers[i-1]) / (powers[i] - powers[i-1])
		return effects[i-1] + float64(f*(effects[i]-effects[i-1]))
	}
	return math.NaN()
}
