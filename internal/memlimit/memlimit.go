package memlimit

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The estimates, measured with /usr/bin/time -v on amd64 and rounded up.
const (
	Base = 64 << 20 // the program, buffers and the garbage collector's headroom
	// PerHire is one study's memory per hire while replicate, power or sweep
	// runs it: its reps and the estimate pass's units (620–645 bytes
	// measured at a million hires; TestMemoryEstimatesCoverPeakUse).
	PerHire        = 768
	PerReplication = 4 << 10 // one replication's estimates kept for the summary (2.6 KiB measured)
	PerRow         = 4 << 10 // one results row waiting to be written
	// PerStudyHire is a whole study's memory per hire when it is run to its
	// end and summarised (run, policies, targets: 590 bytes measured at a
	// million hires).
	PerStudyHire = 1 << 10
)

// Study is the memory of one study of hires run to its end and summarised.
func Study(hires float64) float64 { return Base + float64(hires*PerStudyHire) }

// Default is the limit unless -max-memory says otherwise.
const Default = 4 << 30

// Flag adds -max-memory to fs.
func Flag(fs *flag.FlagSet) *Bytes {
	b := Bytes(Default)
	fs.Var(&b, "max-memory", "refuse work estimated to need more memory than this (like 512MiB, 4GiB, 16GB)")
	return &b
}

// Bytes is a byte count given like 512MiB, 4GiB, 2G or 1000000.
type Bytes int64

var units = []struct {
	suffix string
	n      float64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40}, {"B", 1},
}

func (b *Bytes) Set(s string) error {
	num, mult := s, 1.0
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			num, mult = strings.TrimSuffix(s, u.suffix), u.n
			break
		}
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || !(v*mult >= 1<<20) || v*mult > math.MaxInt64/2 {
		return errors.New("want a size of at least 1MiB like 512MiB, 4GiB or 16GB")
	}
	*b = Bytes(v * mult)
	return nil
}

func (b Bytes) String() string { return Format(int64(b)) }

// Format writes n bytes readably: 4GiB, 1.5GiB, 300MiB.
func Format(n int64) string {
	switch {
	case n >= 1<<30:
		return strconv.FormatFloat(math.Round(float64(n)/(1<<30)*10)/10, 'f', -1, 64) + "GiB"
	case n >= 1<<20:
		return strconv.FormatFloat(math.Round(float64(n)/(1<<20)*10)/10, 'f', -1, 64) + "MiB"
	}
	return strconv.FormatInt(n, 10) + "B"
}

// Studies is the memory of workers studies of hires each running at once.
func Studies(workers int, hires float64) float64 {
	return float64(float64(workers) * hires * PerHire)
}

// Replications is the memory of n replications of a study of hires, workers
// of them running at once: the base, each replication's row of results and
// the studies in flight.
func Replications(n, workers int, hires float64) float64 {
	return Base + float64(float64(n)*PerReplication) + Studies(min(workers, n), hires)
}

// Check returns an error saying what needs too much memory and how to go
// on, or nil if need is within limit. need is a float64 so that huge counts
// cannot overflow.
func Check(what string, need float64, limit Bytes) error {
	if need <= float64(limit) {
		return nil
	}
	return fmt.Errorf("%s would need about %s of memory, over the limit of %s; want less work, or a larger -max-memory if the machine has the memory",
		what, Format(int64(min(need, math.MaxInt64/2))), limit)
}
