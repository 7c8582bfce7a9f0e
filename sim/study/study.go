package study

import (
	"mentorsim/sim/model"
	"mentorsim/sim/param"
	"mentorsim/sim/parts"
	"mentorsim/sim/rng"
)

// Study is one simulated experiment. It can be stepped one calendar day at a
// time (as the app does) or run to the end at once; both give the same reps.
type Study struct {
	Scenario param.Scenario
	Engine   *model.Engine
	Reps     []model.Rep
	Arms     []Arm // Arms[i] is rep i's arm
	Daily    Daily // totals per arm and tenure day
	day      int   // calendar days simulated
	classes  int
	pass     *pass // the estimate passes' memory (units.go), the scratch's
}

// New hires the study's reps and assigns them to arms. The scenario's
// parameters must be valid.
func New(sc param.Scenario) (*Study, error) { return NewWorkers(sc, 1) }

// NewWorkers is New hiring on up to workers goroutines (the study is the
// same whatever the workers).
func NewWorkers(sc param.Scenario, workers int) (*Study, error) {
	return NewIn(new(Scratch), sc, workers)
}

// Scratch keeps the big allocations of one worker's studies between them
// (replicate, sweep and calibrate run many): the reps, arms and daily
// totals, the estimate pass's memory, and the engine while the parameters
// stay the same. Reused memory needs no fresh pages from the system and
// leaves the collector less to do.
// The zero value is ready; a Scratch is for one goroutine at a time.
type Scratch struct {
	engine *model.Engine
	reps   []model.Rep
	arms   []Arm
	daily  Daily
	pass   pass
}

// NewIn is NewWorkers taking its memory from scratch. The study it returns
// is valid until the next NewIn with the same scratch, which reuses it.
func NewIn(scratch *Scratch, sc param.Scenario, workers int) (*Study, error) {
	if err := sc.Params.Validate(); err != nil {
		return nil, err
	}
	p := sc.Params
	n, size := int(p.Hires), int(p.ClassSize)
	scratch.reset(p)
	s := &Study{Scenario: sc, Engine: scratch.engine, Reps: scratch.reps, Arms: scratch.arms,
		Daily: scratch.daily, classes: (n + size - 1) / size, pass: &scratch.pass}
	s.Engine.HireAll(sc.Seed, s.Reps, workers) // sets every rep whole
	if s.Policy() == Experiment {
		s.assign() // sets every arm
	} else {
		s.assignPolicy()
	}
	return s, nil
}

// reset readies the scratch for a study with parameters p.
func (sc *Scratch) reset(p param.Params) {
	if sc.engine == nil || sc.engine.P != p {
		sc.engine = model.New(p)
	}
	n, horizon := int(p.Hires), int(p.Horizon)
	if cap(sc.reps) < n {
		sc.reps, sc.arms = make([]model.Rep, n), make([]Arm, n)
	}
	sc.reps, sc.arms = sc.reps[:n], sc.arms[:n]
	if len(sc.daily[0]) != horizon {
		sc.daily = newDaily(horizon)
	}
	for a := range sc.daily {
		clear(sc.daily[a])
	}
}

// assign draws the branches at random in the study's proportions, asks the
// voluntary branch, and splits the opt-ins in half at random.
func (s *Study) assign() {
	r := rng.New(s.Scenario.Seed, assignStreamID)
	mentored, control, _ := branchSizes(len(s.Reps))
	for i := range s.Arms {
		switch {
		case i < mentored:
			s.Arms[i] = MandatoryMentored
		case i < mentored+control:
			s.Arms[i] = MandatoryControl
		default:
			s.Arms[i] = Optout
		}
	}
	r.Shuffle(len(s.Arms), func(i, j int) { s.Arms[i], s.Arms[j] = s.Arms[j], s.Arms[i] })
	var optins []int
	for i, a := range s.Arms {
		if a == Optout && s.Reps[i].WouldOptIn(&s.Scenario.Params) {
			optins = append(optins, i)
		}
	}
	r.Shuffle(len(optins), func(i, j int) { optins[i], optins[j] = optins[j], optins[i] })
	for k, i := range optins {
		s.Arms[i] = OptinDenied
		if k < len(optins)/2 {
			s.Arms[i] = OptinMentored
		}
	}
	for i, a := range s.Arms {
		s.Engine.Assign(&s.Reps[i], a == OptinMentored || a == OptinDenied, a.Mentored(), true)
	}
}

// Class returns the training class rep i was hired in.
func (s *Study) Class(i int) int { return i / int(s.Scenario.Params.ClassSize) }

// Day is the number of calendar workdays simulated so far.
func (s *Study) Day() int { return s.day }

// Days is the length of the study in calendar workdays: until the last class
// has been followed for the whole horizon.
func (s *Study) Days() int { return (s.classes-1)*ClassInterval + int(s.Scenario.Params.Horizon) }

// Done reports whether every rep has been followed to the horizon.
func (s *Study) Done() bool { return s.day >= s.Days() }

// ClassesHired is the number of classes that have started by now.
func (s *Study) ClassesHired() int { return min(s.classes, s.day/ClassInterval+1) }

// StepDay simulates the next calendar workday: every class that has started
// and is still within the horizon works one more day.
func (s *Study) StepDay() {
	if s.Done() {
		return
	}
	size, horizon := int(s.Scenario.Params.ClassSize), int(s.Scenario.Params.Horizon)
	first := 0 // the first class still within the horizon
	if s.day >= horizon {
		first = (s.day-horizon)/ClassInterval + 1
	}
	last := min(s.classes-1, s.day/ClassInterval)
	for c := first; c <= last; c++ {
		for i := c * size; i < min(len(s.Reps), (c+1)*size); i++ {
			s.stepRep(i, &s.Daily)
		}
	}
	s.day++
}

func (s *Study) stepRep(i int, d *Daily) {
	var sales [1]int32
	t := int(s.Reps[i].Tenure)
	if s.Engine.Live(&s.Reps[i], t+1, sales[:]) == 1 {
		d.add(s.Arms[i], t, sales[:])
	}
}

// RunToEnd simulates every rep to the horizon, on up to workers goroutines,
// living each rep's days in one go. Reps are independent, so the result is
// the same as stepping day by day, whatever the number of workers.
func (s *Study) RunToEnd(workers int) {
	workers = max(1, min(workers, len(s.Reps)/1024+1))
	horizon := len(s.Daily[0])
	totals := make([]Daily, workers) // the first worker adds to s.Daily, the others to their own
	totals[0] = s.Daily
	for w := 1; w < workers; w++ {
		totals[w] = newDaily(horizon)
	}
	parts.Do(len(s.Reps), workers, func(w, lo, hi int) {
		sales := make([]int32, horizon)
		for i := lo; i < hi; i++ {
			t := int(s.Reps[i].Tenure)
			n := s.Engine.Live(&s.Reps[i], horizon, sales)
			totals[w].add(s.Arms[i], t, sales[:n])
		}
	})
	for _, part := range totals[1:] {
		s.Daily.merge(part)
	}
	s.day = s.Days()
}

// DayTotals are one arm's totals on one tenure day. They are integers, so
// adding them up in any order gives the same result.
type DayTotals struct {
	Employed int64 // reps who worked that day
	Sales    int64 // their sales
	SalesSq  int64 // sum of squared daily sales, for the day's variance
}

// Daily holds DayTotals per arm and tenure day.
type Daily [NumArms][]DayTotals

func newDaily(horizon int) Daily {
	var d Daily
	for a := range d {
		d[a] = make([]DayTotals, horizon)
	}
	return d
}

// add books one arm's rep working the days from tenure day t on with the
// given sales.
func (d *Daily) add(a Arm, t int, sales []int32) {
	days := d[a][t : t+len(sales)]
	for k, n := range sales {
		x := &days[k]
		x.Employed++
		x.Sales += int64(n)
		x.SalesSq += int64(n) * int64(n)
	}
}

func (d *Daily) merge(o Daily) {
	for a := range d {
		for t := range d[a] {
			d[a][t].Employed += o[a][t].Employed
			d[a][t].Sales += o[a][t].Sales
			d[a][t].SalesSq += o[a][t].SalesSq
		}
	}
}

// Replay simulates rep i again from its hire, calling day for each day it
// worked with that day's sales. A rep's life depends only on the seed and its
// id, so the replay is exact; it lets outputs list rep-days without the
// engine storing them.
func (s *Study) Replay(i int, day func(t, sales int)) {
	r := s.Engine.Hire(s.Scenario.Seed, i)
	s.Engine.Assign(&r, s.Reps[i].OptedIn, s.Reps[i].Mentored, s.Policy() == Experiment)
	sales := make([]int32, s.Reps[i].Tenure)
	for t, n := range sales[:s.Engine.Live(&r, len(sales), sales)] {
		day(t, int(n))
	}
}
