package plot

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"mentorsim/sim/study"
)

func TestKindOf(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, header, want string
	}{
		{"out/daily.csv", "", Daily},
		{"x/results.csv", "", Replications},
		{"a.csv", "arm,day,employed,revenue", Daily},
		{"a.csv", "id,class,branch,arm,opted_in", Reps},
		{"a.csv", "point,replication,seed,mandatory.revenue_lift_2m", Replications},
		{"a.csv", "point,mentor_gain,n,x.mean", Sweep},
		{"a.csv", "hires,optin_rate,optin_base", Power},
		{"a.csv", "a,b", ""},
	}
	for _, c := range cases {
		got, ok := KindOf(c.name, strings.Split(c.header, ","))
		if got != c.want || ok != (c.want != "") {
			t.Errorf("KindOf(%q, %q) = %q, %v; want %q", c.name, c.header, got, ok, c.want)
		}
	}
}

func TestFigureAndWrite(t *testing.T) {
	t.Parallel()
	recs := [][]string{{"arm", "day", "employed", "revenue"}}
	for d := range 20 {
		recs = append(recs, []string{"optout", itoa(d), "10", itoa(1000 + 10*d)}, []string{"optin_mentored", itoa(d), "8", itoa(900 + 20*d)})
	}
	p, err := Figure(Daily, recs, Options{OptinRate: math.NaN()})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"png", "svg"} {
		var b bytes.Buffer
		if err := Write(&b, p, f, 300, 200); err != nil || b.Len() < 1000 {
			t.Errorf("%s: %v, %d bytes", f, err, b.Len())
		}
	}
	_, err = Figure(Power, recs, Options{OptinRate: math.NaN()})
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), `"hires" is missing`) || !strings.Contains(err.Error(), "power.csv columns") {
		t.Errorf("power figure of daily.csv: %v, want the power.csv columns it lacks", err)
	}
	if _, err := Figure(Daily, recs[:1], Options{}); !errors.As(err, &ie) {
		t.Errorf("no rows: %v", err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// A sweep's results.csv holds several points; -point chooses which one the
// replications figure shows, and a point with no rows is an input error.
func TestReplicationsPoint(t *testing.T) {
	t.Parallel()
	records := [][]string{
		{"point", "replication", "seed", "mandatory.revenue_lift_2m"},
		{"0", "0", "1", "0.1"}, {"0", "1", "2", "0.2"},
		{"1", "0", "3", "0.5"}, {"1", "1", "4", "0.6"},
	}
	for _, point := range []string{"", "0", "1"} {
		if _, err := Figure(Replications, records, Options{Point: point}); err != nil {
			t.Errorf("point %q: %v", point, err)
		}
	}
	var ie *InputError
	if _, err := Figure(Replications, records, Options{Point: "2"}); !errors.As(err, &ie) {
		t.Errorf("point 2 has no rows: want an InputError, got %v", err)
	}
}

// A -y the replications file has no estimate of is refused naming -y and
// the estimands the file has, not listed among the columns wanted.
func TestParadoxScatterNamesAWrongY(t *testing.T) {
	t.Parallel()
	x, y := string(study.VoluntaryRevenueLift2m), string(study.OptinVsOptoutRevenue2m)
	recs := [][]string{{"point", "replication", "seed", x, x + ".lo", x + ".hi", y, y + ".lo", y + ".hi"},
		{"0", "0", "1", "0.01", "-0.05", "0.07", "0.3", "0.2", "0.4"}}
	_, err := Figure(Replications, recs, Options{Y: "foo.bar", OptinRate: math.NaN()})
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), `-y "foo.bar"`) || !strings.Contains(err.Error(), "want -y one of "+x+", "+y) {
		t.Errorf("-y foo.bar: %v; want it named, and the file's estimands offered", err)
	}
}
