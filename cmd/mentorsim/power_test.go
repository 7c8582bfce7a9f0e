package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"mentorsim/sim/param"
	"mentorsim/sim/power"
)

// powerOut is the part of `power -json` the tests read.
type powerOut struct {
	Cells []struct {
		Hires      int                 `json:"hires"`
		OptinRate  float64             `json:"optin_rate"`
		OptinBase  *float64            `json:"optin_base"`
		MentorGain float64             `json:"mentor_gain"`
		TrueATE    float64             `json:"true_ate"`
		Power      map[string]*float64 `json:"power"`
	} `json:"cells"`
	MDE []struct {
		Hires int                 `json:"hires"`
		MDE   map[string]*float64 `json:"mde"`
	} `json:"mde"`
	Design struct {
		Hires int                 `json:"hires"`
		Power map[string]*float64 `json:"power"`
	} `json:"design"`
}

func TestPowerRisesWithHiresAndGain(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pw")
	code, stdout, stderr := cli(t, "power", "-hires-list", "200,400", "-optin-rates", "0.5", "-gains", "0,0.5",
		"-replications", "20", "-json", "-out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out powerOut
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Cells) != 4 || len(out.MDE) != 2 {
		t.Fatalf("%d cells, %d MDE rows", len(out.Cells), len(out.MDE))
	}
	const mand = "mandatory.revenue_lift_2m"
	pw := map[[2]float64]float64{}
	for _, c := range out.Cells {
		pw[[2]float64{float64(c.Hires), c.MentorGain}] = *c.Power[mand]
		if c.MentorGain == 0 && math.Abs(c.TrueATE) > 0.01 {
			t.Errorf("true ATE %v at gain 0", c.TrueATE)
		}
		if c.MentorGain == 0.5 && !(c.TrueATE > 0.06) {
			t.Errorf("true ATE %v at gain 0.5 (half the gap closed)", c.TrueATE)
		}
	}
	for _, h := range []float64{200, 400} {
		if p0, p3 := pw[[2]float64{h, 0}], pw[[2]float64{h, 0.5}]; !(p3 > p0) {
			t.Errorf("hires %v: power %v at gain 0, %v at gain 0.5: does not rise with the gain", h, p0, p3)
		}
		if p0 := pw[[2]float64{h, 0}]; p0 >= 0.25 {
			t.Errorf("hires %v: power %v at gain 0, want near 0.05", h, p0)
		}
	}
	if p2, p4 := pw[[2]float64{200, 0.5}], pw[[2]float64{400, 0.5}]; !(p4 > p2) {
		t.Errorf("gain 0.5: power %v with 200 hires, %v with 400: does not rise with hires", p2, p4)
	}
	if out.Design.Hires != 603 || out.Design.Power[mand] == nil {
		t.Errorf("design row %+v", out.Design)
	}
	// The bisection hit its target: the optin_base used gives a share of 0.5.
	p, _ := param.Preset("study")
	p.OptinBase = *out.Cells[0].OptinBase
	if s := power.OptinShare(p, power.OptinSample); math.Abs(s-0.5) > power.OptinTolerance {
		t.Errorf("optin_base %v gives opt-in share %v, want 0.5 ± %v", p.OptinBase, s, power.OptinTolerance)
	}
	for _, f := range []string{"power.csv", "mde.csv"} {
		rows := readCSV(t, filepath.Join(dir, f))
		if len(rows) != map[string]int{"power.csv": 5, "mde.csv": 3}[f] {
			t.Errorf("%s has %d lines", f, len(rows))
		}
	}
	if h := strings.Join(readCSV(t, filepath.Join(dir, "power.csv"))[0], ","); !strings.HasPrefix(h, "hires,optin_rate,optin_base,mentor_gain,true_ate,replications,"+mand+".mean,"+mand+".power") {
		t.Errorf("power.csv header %s", h)
	}
}

// An MDE that is only a bound (power reached 80% at the smallest gain:
// the text's "≤") is marked so in mde.csv and power.json, and only such.
func TestPowerMarksBoundedMDEs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pw")
	code, text, stderr := cli(t, "power", "-hires-list", "1500", "-optin-rates", "0.5", "-gains", "0.2,1", "-replications", "20", "-out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		MDE []struct {
			AtMost []string `json:"mde_at_most"`
		} `json:"mde"`
	}
	js, err := os.ReadFile(filepath.Join(dir, "power.json"))
	if err != nil || json.Unmarshal(js, &out) != nil || len(out.MDE) != 1 {
		t.Fatalf("power.json: %v %s", err, js)
	}
	rows := readCSV(t, filepath.Join(dir, "mde.csv"))
	var csvBounded []string
	for i, h := range rows[0] {
		if id, ok := strings.CutSuffix(h, ".mde_at_most"); ok && rows[1][i] == "1" {
			csvBounded = append(csvBounded, id)
		}
	}
	shown := strings.Count(text, "≤ +")
	if len(csvBounded) == 0 || len(csvBounded) == len(power.KeyEstimands) || shown != len(csvBounded) ||
		strings.Join(csvBounded, ",") != strings.Join(out.MDE[0].AtMost, ",") {
		t.Errorf("bounded MDEs: mde.csv %v, power.json %v, %d shown with ≤ in the text; want the same, some but not all", csvBounded, out.MDE[0].AtMost, shown)
	}
}

func TestPowerReadable(t *testing.T) {
	code, stdout, stderr := cli(t, "power", "-hires-list", "100", "-optin-rates", "0.3", "-gains", "0,2", "-replications", "4", "-hires", "150")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"minimum detectable", "Would a study of 150 reps have seen this?", "mandatory.revenue_lift_2m"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestPowerBadInput(t *testing.T) {
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"-optin-rates", "0.5,1.5"}, []string{"optin-rates", `"0.5,1.5"`, "between 0 and 1"}},
		{[]string{"-gains", "3,1"}, []string{"gains", `"3,1"`, "increasing"}},
		{[]string{"-gains", "0,11"}, []string{"gains", "[0, 10]"}},
		{[]string{"-hires-list", "1,600"}, []string{"hires-list", "from 2"}},
		{[]string{"-replications", "1"}, []string{"replications", "at least 2"}},
		{[]string{"-hires-list", "100,100"}, []string{"hires-list", "100 twice"}},
		{[]string{"-optin-rates", "0.5,0.50"}, []string{"optin-rates", "0.5 twice"}},
		{[]string{"-optin-rates", "0.5", "-optin_noise", "0", "-optin_need", "0", "-optin_shyness", "0", "-optin_eagerness", "0", "-optin_peer", "0"}, []string{"optin-rates", "cannot be reached"}},
	}
	for _, c := range cases {
		dir := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := cli(t, append([]string{"power", "-out", dir}, c.args...)...)
		checkBadInput(t, code, stdout, stderr, c.want...)
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%v: wrote %s", c.args, dir)
		}
	}
}

// Under the Roy model (rational) reps weigh the gain they expect, so each
// gain gets its own roy_cost, each reaching the opt-in rate the row states,
// and the tables name roy_cost, not optin_base.
func TestPowerUnderTheRoyModel(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := cli(t, "power", "-scenario", "rational", "-optin-rates", "0.5", "-hires-list", "100", "-gains", "0,1",
		"-replications", "2", "-json", "-out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Cells []struct {
			OptinBase  *float64 `json:"optin_base"`
			RoyCost    *float64 `json:"roy_cost"`
			MentorGain float64  `json:"mentor_gain"`
		} `json:"cells"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	p, _ := param.Preset("rational")
	for _, c := range out.Cells {
		if c.OptinBase != nil || c.RoyCost == nil {
			t.Fatalf("cell at gain %v: optin_base %v, roy_cost %v; want roy_cost only", c.MentorGain, c.OptinBase, c.RoyCost)
		}
		p.MentorGain, p.RoyCost = c.MentorGain, *c.RoyCost
		if s := power.OptinShare(p, power.OptinSample); math.Abs(s-0.5) > power.OptinTolerance {
			t.Errorf("gain %v, roy_cost %v: opt-in share %v, want 0.5 ± %v", c.MentorGain, p.RoyCost, s, power.OptinTolerance)
		}
	}
	if rows := readCSV(t, filepath.Join(dir, "power.csv")); rows[0][2] != "roy_cost" {
		t.Errorf("power.csv's third column is %q, want roy_cost", rows[0][2])
	}
}

// An estimand undefined in every replication (no opt-outs when everyone
// opts in) reads n/a with no verdict, never NaN or "it would usually miss
// it"; so do targets' tables for studies too small to define them.
func TestUndefinedReadsNA(t *testing.T) {
	code, stdout, stderr := cli(t, "power", "-hires-list", "5", "-replications", "2", "-optin-rates", "0.5", "-gains", "0,1", "-set", "optin_base=10")
	if code != 0 {
		t.Fatalf("power: exit %d: %s", code, stderr)
	}
	line := regexp.MustCompile(`(?m)^\s+voluntary\.optin_vs_optout_revenue_2m .*$`).FindString(stdout)
	if !strings.Contains(line, "mean estimate n/a") || !strings.Contains(line, "cannot tell") {
		t.Errorf("the opt-in vs opt-out line with no opt-outs reads %q", line)
	}
	code, tables, stderr := cli(t, "targets", "-hires", "2", "-n", "2")
	if code != 0 {
		t.Fatalf("targets: exit %d: %s", code, stderr)
	}
	for name, text := range map[string]string{"power": stdout, "targets": tables} {
		if strings.Contains(text, "NaN") {
			t.Errorf("%s prints NaN:\n%s", name, text)
		}
	}
}
