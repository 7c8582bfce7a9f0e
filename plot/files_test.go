package plot

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// files are the head of every kind of file plot accepts, as mentorsim
// wrote them (testdata/files): run's daily.csv and reps.csv, replicate's
// replications.csv, a sweep's results.csv and summary.csv, power.csv.
func files(t testing.TB) map[string][][]string {
	t.Helper()
	out := map[string][][]string{}
	for _, name := range []string{"daily.csv", "reps.csv", "replications.csv", "results.csv", "summary.csv", "power.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", "files", name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		out[name] = recs
	}
	return out
}

func drawKind(kind string, recs [][]string) error {
	p, err := Figure(kind, recs, Options{OptinRate: math.NaN()})
	if err != nil {
		return err
	}
	return Write(io.Discard, p, "svg", 300, 200)
}

// A NaN or an infinity in any column of any kind of file is an InputError,
// or is in a column the figure does not read; it never panics. In the
// columns a sweep summary's figure draws, it is always an error.
func TestNaNAndInfAreBadInput(t *testing.T) {
	t.Parallel()
	for name, recs := range files(t) {
		kind, ok := KindOf(name, recs[0])
		if !ok {
			t.Fatalf("%s: no kind", name)
		}
		if err := drawKind(kind, recs); err != nil {
			t.Fatalf("%s as written: %v", name, err)
		}
		for c := range recs[0] {
			for _, bad := range []string{"NaN", "Inf", "-Inf", "1e999"} {
				edited := make([][]string, len(recs))
				for i, r := range recs {
					edited[i] = append([]string(nil), r...)
				}
				edited[1][c] = bad
				err := drawKind(kind, edited)
				var ie *InputError
				if err != nil && !errors.As(err, &ie) {
					t.Errorf("%s, %s in %s: %v is not an InputError", name, bad, recs[0][c], err)
				}
				read := name == "summary.csv" && (recs[0][c] == "mentor_gain" || recs[0][c] == "mandatory.revenue_lift_2m.mean")
				if read && err == nil {
					t.Errorf("%s, %s in %s: drawn; want an InputError", name, bad, recs[0][c])
				}
			}
		}
	}
}
