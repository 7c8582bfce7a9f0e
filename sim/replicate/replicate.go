package replicate

import (
	"math"
	"sync"
	"sync/atomic"

	"mentorsim/sim/estimate"
	"mentorsim/sim/jsonobj"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

// Seed is the seed of replication k of a run seeded with seed: replication k
// is exactly `mentorsim run -seed <seed+k>`.
func Seed(seed uint64, k int) uint64 { return seed + uint64(k) }

// Result holds every replication's estimates and true effects, in order.
type Result struct {
	Scenario  param.Scenario
	Spec      study.Spec // how the revenue lifts were estimated
	Estimates []study.Estimates
	Truth     []study.Values
}

// Run simulates n studies on up to workers goroutines, calling done (if not
// nil) after each from any goroutine. The result does not depend on workers.
func Run(sc param.Scenario, n, workers int, done func()) (Result, error) {
	return RunSpec(sc, study.SpecOLS, n, workers, done)
}

// RunSpec is Run with the revenue lifts estimated by spec.
func RunSpec(sc param.Scenario, spec study.Spec, n, workers int, done func()) (Result, error) {
	if err := sc.Params.Validate(); err != nil {
		return Result{}, err // so that study.New cannot fail below
	}
	res := Result{Scenario: sc, Spec: spec, Estimates: make([]study.Estimates, n), Truth: make([]study.Values, n)}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, n)) {
		wg.Go(func() {
			var scratch study.Scratch
			for k := int(next.Add(1) - 1); k < n; k = int(next.Add(1) - 1) {
				one := sc
				one.Seed = Seed(sc.Seed, k)
				s, _ := study.NewIn(&scratch, one, 1)
				s.RunToEnd(1)
				res.Estimates[k], res.Truth[k] = s.EstimatesSpec(spec), s.Truth()
				if done != nil {
					done()
				}
			}
		})
	}
	wg.Wait()
	return res, nil
}

// Summary is one estimand's distribution across replications.
type Summary struct {
	ID study.ID
	estimate.Summary
}

// Summaries are estimand summaries, written to JSON as an object keyed by id.
type Summaries []Summary

// MarshalJSON writes the summaries keyed by id, in order.
func (ss Summaries) MarshalJSON() ([]byte, error) {
	return jsonobj.Marshal(len(ss), func(i int) (string, any) { return string(ss[i].ID), ss[i].Summary })
}

// Get returns the summary of the estimand id (the zero Summary if none).
func (ss Summaries) Get(id study.ID) Summary {
	for _, s := range ss {
		if s.ID == id {
			return s
		}
	}
	return Summary{}
}

// Summaries summarises each estimand across the replications, in the
// order of EstimandIDs. A level's (a share's) test against 0 says nothing,
// so its ShareSignificant is NaN (study.SignificanceOf).
func (r Result) Summaries() Summaries {
	out := make([]Summary, len(study.EstimandIDs))
	col := make([]estimate.Estimate, len(r.Estimates))
	for j, id := range study.EstimandIDs {
		for k, es := range r.Estimates {
			col[k], _ = es.Get(id)
		}
		out[j] = Summary{id, estimate.Summarize(col)}
		out[j].ShareSignificant = study.SignificanceOf(id, out[j].ShareSignificant)
	}
	return out
}

// TruthSummaries summarises the true effects across replications. They have
// no sampling error, so their ShareSignificant means nothing and is NaN.
func (r Result) TruthSummaries() Summaries {
	out := make([]Summary, len(study.TruthIDs))
	col := make([]estimate.Estimate, len(r.Truth))
	for j, id := range study.TruthIDs {
		for k, vs := range r.Truth {
			x, _ := vs.Get(string(id))
			col[k] = estimate.Estimate{Estimate: x}
		}
		out[j] = Summary{id, estimate.Summarize(col)}
		out[j].ShareSignificant = math.NaN()
	}
	return out
}
