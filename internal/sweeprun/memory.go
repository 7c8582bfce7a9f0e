package sweeprun

import (
	"mentorsim/internal/memlimit"
	"mentorsim/sim/sweep"
)

// PerPoint is the memory a grid point takes: its values, and its share of
// sweep.json written and read back.
func PerPoint(columns int) float64 { return float64(64 + 64*columns) }

// Memory estimates what Run needs for spec on workers goroutines: the
// studies running, the rows waiting to be journalled in order, one point's
// rows for its summary, a bit per task, and the points. It does not grow
// with the number of tasks but by the bit.
func Memory(spec sweep.Spec, workers int) float64 {
	hires := spec.Scenario.Params.Hires
	for j, c := range spec.Columns {
		if c == "hires" {
			for _, p := range spec.Points {
				hires = max(hires, p[j])
			}
		}
	}
	// float64(x*y): no fused multiply-add (TestNoFusedMultiplyAdd checks the whole command).
	return memlimit.Base + memlimit.Studies(workers, hires) +
		float64(float64(window(workers))*memlimit.PerRow) +
		float64(float64(spec.Replications)*memlimit.PerReplication) +
		float64(float64(spec.Tasks())/8) +
		float64(float64(len(spec.Points))*PerPoint(len(spec.Columns)))
}
