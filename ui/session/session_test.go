package session

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"mentorsim/sim/export"
	"mentorsim/sim/param"
	"mentorsim/sim/study"
)

func newSession(t *testing.T, query string) *Session {
	t.Helper()
	sc, problems := ParseQuery(query)
	if len(problems) > 0 {
		t.Fatalf("ParseQuery(%q): %v", query, problems)
	}
	s, err := New(sc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestQueryRoundTrip(t *testing.T) {
	t.Parallel()
	s := newSession(t, "?preset=insecure&seed=42&mentor_gain=3.5&hires=1000")
	if err := s.SetParam("belonging", 0.25); err != nil {
		t.Fatal(err)
	}
	q := s.Query()
	if q != "preset=insecure&seed=42&hires=1000&mentor_gain=3.5&belonging=0.25" {
		t.Errorf("Query() = %q", q)
	}
	back, problems := ParseQuery(q)
	if len(problems) > 0 || back != s.Scenario {
		t.Errorf("round trip: %v\n got %+v\nwant %+v", problems, back, s.Scenario)
	}
}

func TestBadQueryValuesFallBackAndAreNamed(t *testing.T) {
	t.Parallel()
	sc, problems := ParseQuery("preset=shy&seed=x&mentor_gain=99&bogus=1&belonging=0.5&hires=abc")
	want := []string{`"shy"`, `"x"`, "mentor_gain", `"bogus"`, "hires"}
	if len(problems) != len(want) {
		t.Fatalf("problems %q, want %d", problems, len(want))
	}
	all := strings.Join(problems, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no problem names %s: %q", w, problems)
		}
	}
	def := param.Defaults()
	if sc.Preset != "advice" || sc.Seed != param.DefaultSeed || sc.Params.MentorGain != def.MentorGain || sc.Params.Belonging != 0.5 {
		t.Errorf("fallback scenario %+v", sc)
	}
}

// FuzzParseQuery: any query opens a valid scenario; it never panics.
func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{"", "?preset=rational&seed=3", "hires=1e9", "%zz", "program_days=126&program_start=100", "seed=18446744073709551616"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		sc, _ := ParseQuery(q)
		if err := sc.Params.Validate(); err != nil {
			t.Fatalf("ParseQuery(%q) gave an invalid scenario: %v", q, err)
		}
	})
}

func TestAdvanceFollowsSpeed(t *testing.T) {
	t.Parallel()
	s := newSession(t, "hires=100")
	if s.Advance(1, 10) != 0 {
		t.Error("advanced while paused")
	}
	s.Playing, s.Speed = true, 4
	got := 0
	for range 30 { // 30 frames of 1/60 s at 4 days a second: 2 days
		got += s.Advance(1.0/60, 10)
	}
	if got != 2 || s.Study.Day() != 2 {
		t.Errorf("stepped %d days (day %d), want 2", got, s.Study.Day())
	}
	s.Speed = MaxSpeed
	if n := s.Advance(1.0/60, 50); n != 50 {
		t.Errorf("at max speed stepped %d days, want the 50 allowed", n)
	}
	for s.Playing {
		s.Advance(1, 1000)
	}
	if !s.Study.Done() {
		t.Error("stopped playing before the end")
	}
}

func TestChangesRestartWithSameSeed(t *testing.T) {
	t.Parallel()
	s := newSession(t, "seed=9&hires=300")
	s.RunToEnd(1)
	if err := s.SetPreset("overconfident"); err != nil {
		t.Fatal(err)
	}
	if s.Study.Day() != 0 || s.Scenario.Seed != 9 || s.Scenario.Params.Hires != 300 || s.Scenario.Preset != "overconfident" {
		t.Errorf("after SetPreset: day %d, seed %d, hires %v, preset %s", s.Study.Day(), s.Scenario.Seed, s.Scenario.Params.Hires, s.Scenario.Preset)
	}
	if err := s.SetParam("mentor_gain", 11); err == nil {
		t.Error("out-of-range slider value accepted")
	}
	if err := s.SetParam("program_start", 120); err == nil {
		t.Error("program past the horizon accepted")
	}
}

// The app's exports are byte-for-byte what the command line writes.
func TestFilesMatchCommandLine(t *testing.T) {
	t.Parallel()
	s := newSession(t, "seed=5&hires=200&preset=random")
	for !s.Study.Done() {
		s.StepDay()
	}
	sum, reps, err := s.Files()
	if err != nil {
		t.Fatal(err)
	}
	cli, _ := study.New(s.Scenario)
	cli.RunToEnd(2)
	var a, b bytes.Buffer
	export.SummaryJSON(&a, cli)
	export.RepsCSV(&b, cli)
	if !bytes.Equal(sum, a.Bytes()) || !bytes.Equal(reps, b.Bytes()) {
		t.Error("the app's summary.json or reps.csv differs from the command line's")
	}
}

func TestPanels(t *testing.T) {
	t.Parallel()
	s := newSession(t, "hires=2000&seed=3")
	for range 60 {
		s.StepDay()
	}
	p := s.Panels()
	if len(p.Revenue) != int(study.NumArms) || len(p.Retention) != int(study.NumArms) {
		t.Fatalf("%d revenue and %d retention series", len(p.Revenue), len(p.Retention))
	}
	r := p.Retention[study.MandatoryControl]
	if r.Y[0] != 1 || !(r.Y[20] < 1 && r.Y[20] > 0.5) || !(r.Lo[20] <= r.Y[20] && r.Y[20] <= r.Hi[20]) {
		t.Errorf("control retention day 0 %v, day 20 %v [%v, %v]", r.Y[0], r.Y[20], r.Lo[20], r.Hi[20])
	}
	if !math.IsNaN(r.Y[100]) {
		t.Errorf("retention on day 100 is %v after 60 days: want NaN (no data)", r.Y[100])
	}
	v := p.Revenue[study.Optout]
	if !(v.Y[0] > 0) || !(v.Lo[0] < v.Y[0] && v.Y[0] < v.Hi[0]) {
		t.Errorf("opt-out revenue day 0: %v [%v, %v]", v.Y[0], v.Lo[0], v.Hi[0])
	}
	h := p.Ability
	total := 0
	for i := range h.OptIn {
		total += h.OptIn[i] + h.OptOut[i]
	}
	if total != h.NOptIn+h.NOptOut || total == 0 {
		t.Errorf("histogram holds %d reps, counts %d + %d", total, h.NOptIn, h.NOptOut)
	}
	if len(p.Effects) != len(study.HeadlineIDs)+3 {
		t.Errorf("%d effects", len(p.Effects))
	}
}
