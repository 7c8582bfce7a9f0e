package session

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"mentorsim/sim/param"
	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
)

// TestLinkBeyondTheAppIsClamped: hires above what the app shows opens at
// the app's limit, with a notice naming the field, the value and the limit.
func TestLinkBeyondTheAppIsClamped(t *testing.T) {
	t.Parallel()
	for _, q := range []string{"hires=10000000", "hires=2800000", "hires=1e6", "hires=20001"} {
		s, err := Open(q, nil, 1)
		if err != nil {
			t.Fatal(err)
		}
		if s.Scenario.Params.Hires != layout.MaxAppHires || len(s.Study.Reps) != layout.MaxAppHires {
			t.Errorf("%s: hires %v, %d reps; want %d", q, s.Scenario.Params.Hires, len(s.Study.Reps), layout.MaxAppHires)
		}
		v, _ := param.ParseNumber(strings.TrimPrefix(q, "hires="))
		for _, w := range []string{"hires", plainNumber(v), "20000", "10000000"} {
			if !strings.Contains(s.Notice, w) {
				t.Errorf("%s: notice %q does not say %s", q, s.Notice, w)
			}
		}
	}
	if s, _ := Open("hires=20000", nil, 1); s.Notice != "" || s.Scenario.Params.Hires != 20000 {
		t.Errorf("hires=20000: notice %q, hires %v", s.Notice, s.Scenario.Params.Hires)
	}
}

// TestManyBadKeysMakeAShortNotice: 1,000 unknown keys make a two-line
// notice that counts them and names the first few; a few bad values still
// get a line each.
func TestManyBadKeysMakeAShortNotice(t *testing.T) {
	t.Parallel()
	var q []string
	for i := range 1000 {
		q = append(q, fmt.Sprintf("k%03d=", i))
	}
	s, err := Open(strings.Join(q, "&")+"&hires=700", nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(s.Notice, "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], `link: 1000 values were ignored: "k000", "k001", "k002", …`) ||
		!strings.Contains(lines[1], "k000") {
		t.Errorf("notice %q", s.Notice)
	}
	if s.Scenario.Params.Hires != 700 {
		t.Errorf("the good value among them: hires %v; want 700", s.Scenario.Params.Hires)
	}
	s, _ = Open("a=1&b=2&hires=x", nil, 1)
	if n := strings.Count(s.Notice, "\n") + 1; n != 3 || !strings.Contains(s.Notice, `"x"`) {
		t.Errorf("three bad values: %d lines %q; want one each", n, s.Notice)
	}
}

// TestLongQueryIsRefused: a query string above maxQuery is not read at
// all, and the notice says why in one line.
func TestLongQueryIsRefused(t *testing.T) {
	t.Parallel()
	q := "hires=700&junk=" + strings.Repeat("x", maxQuery)
	s, err := Open(q, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	if s.Scenario.Params.Hires != param.Defaults().Hires || strings.Count(s.Notice, "\n") != 0 ||
		!strings.Contains(s.Notice, fmt.Sprint(maxQuery)) || len(s.Notice) > 300 {
		t.Errorf("a %d-byte link: hires %v, notice %q", len(q), s.Scenario.Params.Hires, s.Notice)
	}
}

// FuzzQueryRoundTrip: any value in a parameter's range is written into the
// link so that reading the link back gives the same scenario — or, above
// the app's limit, the limit with a notice saying so.
func FuzzQueryRoundTrip(f *testing.F) {
	specs := param.Specs()
	for i, s := range specs {
		f.Add(uint8(i), s.Min)
		f.Add(uint8(i), s.Max)
		f.Add(uint8(i), (s.Min+s.Max)/2)
	}
	for _, v := range []float64{1e6, 2.8e6, 1e7, 20000, 20001, 603, 123456.5} { // the reported cases: hires=1e+06
		f.Add(uint8(0), v)
	}
	f.Add(uint8(1), 1e6) // class_size
	f.Fuzz(func(t *testing.T, which uint8, v float64) {
		spec := specs[int(which)%len(specs)]
		v = inRange(spec, v)
		sc, _ := param.NewScenario("study")
		p := sc.Params
		if err := p.Set(spec.Name, v); err != nil {
			t.Fatalf("%s=%v: %v", spec.Name, v, err)
		}
		if p.Validate() != nil {
			return // against another parameter's value (program_days and horizon)
		}
		sc.Params = p
		q := (&Session{Scenario: sc}).Query()
		got, problems := ParseQuery(q)
		want := sc
		if limit, ok := appLimits[spec.Name]; ok && v > limit {
			_ = want.Params.Set(spec.Name, limit)
			if len(problems) != 1 || !strings.Contains(problems[0], spec.Name) || !strings.Contains(problems[0], plainNumber(v)) {
				t.Errorf("%s: problems %q; want one naming %s=%s", q, problems, spec.Name, plainNumber(v))
			}
		} else if len(problems) > 0 {
			t.Errorf("%s: problems %q", q, problems)
		}
		if got != want {
			g, _ := got.Params.Get(spec.Name)
			t.Errorf("%s=%v: link %q reads back %s=%v", spec.Name, v, q, spec.Name, g)
		}
	})
}

// inRange maps any number into the parameter's range (whole for a whole
// parameter), keeping those already in it.
func inRange(s param.Spec, v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	if v < s.Min || v > s.Max {
		v = s.Min + math.Mod(math.Abs(v), 1)*(s.Max-s.Min)
	}
	if s.Integer {
		v = math.Round(v)
	}
	return math.Max(s.Min, math.Min(s.Max, v))
}

// TestLongValuesMakeShortLines: a long bad value, of a parameter or of an
// option, is cut short in the notice.
func TestLongValuesMakeShortLines(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("9", 3000)
	s, err := Open("hires=x"+long+"&lesson="+long, lesson.Default(), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(s.Notice, "\n") {
		if n := len([]rune(l)); n > maxLine {
			t.Errorf("a notice line of %d characters: %.80s…", n, l)
		}
	}
	if !strings.Contains(s.Notice, "hires") || !strings.Contains(s.Notice, "lesson") {
		t.Errorf("notice %q does not name hires and lesson", s.Notice)
	}
}
