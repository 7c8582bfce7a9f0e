package param

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestTableIsConsistent(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, s := range Specs() {
		if seen[s.Name] {
			t.Errorf("%s listed twice", s.Name)
		}
		seen[s.Name] = true
		if err := s.Check(s.Default); err != nil {
			t.Errorf("default of %s: %v", s.Name, err)
		}
		if s.Description == "" || s.Group == "" {
			t.Errorf("%s lacks a description or group", s.Name)
		}
	}
	if err := Defaults().Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

// docs/model.md describes the model in words; it must name every parameter
// of the table with its default, and every preset with its changes, so
// that a parameter added, renamed or refitted cannot leave it behind.
func TestModelDocCoversTheTable(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/model.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{} // first cell of a table row -> the first such row
	for _, line := range strings.Split(string(doc), "\n") {
		cells := strings.Split(line, "|")
		if key := strings.TrimSpace(cells[min(1, len(cells)-1)]); len(cells) > 3 && rows[key] == "" {
			rows[key] = line
		}
	}
	for _, s := range Specs() {
		want := fmt.Sprintf("| `%s` | %s |", s.Name, Format(s.Default))
		if !strings.HasPrefix(rows["`"+s.Name+"`"], want) {
			t.Errorf("docs/model.md lacks the parameter row %q (its default is %s)", want, Format(s.Default))
		}
	}
	def := Defaults()
	for _, name := range PresetNames() {
		row, ok := rows["`"+name+"`"]
		if !ok {
			t.Errorf("docs/model.md has no row for preset %s", name)
			continue
		}
		p, _ := Preset(name)
		var want []string
		for _, d := range p.Diff(def) {
			v, _ := p.Get(d)
			want = append(want, fmt.Sprintf("`%s` %s", d, Format(v)))
		}
		if len(want) == 0 {
			want = []string{"none"}
		}
		// The second cell lists the changes, in table order.
		if got := strings.TrimSpace(strings.Split(row, "|")[2]); got != strings.Join(want, ", ") {
			t.Errorf("docs/model.md: preset %s's changes are %q, want %q", name, got, strings.Join(want, ", "))
		}
	}
	// The numbers the text derives from the values.
	words := strings.Join(strings.Fields(string(doc)), " ")
	var derived []string
	for _, name := range []string{"study", "insecure", "overconfident"} {
		p, _ := Preset(name)
		c := 1 - p.SACompression
		derived = append(derived, fmt.Sprintf("%.2f under `%s`", c/math.Sqrt(c*c+p.SANoise*p.SANoise), name))
	}
	gain := math.Min(def.MentorFloor+1, def.MentorGain*math.Pow(def.MentorFloor+1, def.MentorGainPow))
	derived = append(derived,
		fmt.Sprintf("(%.2f at the default)", 1/math.Sqrt(1+def.ScreenNoise*def.ScreenNoise)),
		fmt.Sprintf("%.0f%% at %s)", 100*math.Erfc(-def.TargetCutoff/math.Sqrt2)/2, strings.Replace(Format(def.TargetCutoff), "-", "−", 1)),
		fmt.Sprintf("a rep of ability −1 gains %.2f and ends the program at %+.2f", gain, gain-1))
	for _, want := range derived {
		if !strings.Contains(words, want) {
			t.Errorf("docs/model.md should say %q (from the table's values)", want)
		}
	}
}

func TestPresetsAreValidAndDistinct(t *testing.T) {
	t.Parallel()
	seen := map[Params]string{}
	for _, name := range PresetNames() {
		p, err := Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Validate(); err != nil {
			t.Errorf("preset %s: %v", name, err)
		}
		if other, dup := seen[p]; dup {
			t.Errorf("presets %s and %s are the same", name, other)
		}
		seen[p] = name
	}
	if _, err := Preset("shy"); err == nil {
		t.Error("unknown preset accepted")
	}
}

func TestSetChecksRangeAndKind(t *testing.T) {
	t.Parallel()
	p := Defaults()
	var fe *FieldError
	if err := p.Set("belonging", 1.5); !errors.As(err, &fe) || fe.Field != "belonging" || fe.Value != "1.5" {
		t.Errorf("belonging=1.5: %v", err)
	}
	if err := p.Set("hires", 100.5); err == nil {
		t.Error("fractional hires accepted")
	}
	if err := p.Set("quit_base", math.NaN()); err == nil {
		t.Error("NaN accepted")
	}
	if err := p.SetString("mentor_gain", "2.5"); err != nil || p.MentorGain != 2.5 {
		t.Errorf("mentor_gain=2.5: %v, got %v", err, p.MentorGain)
	}
	if v, err := p.Get("mentor_gain"); err != nil || v != 2.5 {
		t.Errorf("Get(mentor_gain) = %v, %v", v, err)
	}
	if d := p.Diff(Defaults()); len(d) != 1 || d[0] != "mentor_gain" {
		t.Errorf("Diff = %v, want [mentor_gain]", d)
	}
}

func TestScenarioFileRoundTrip(t *testing.T) {
	t.Parallel()
	sc, err := ParseScenario([]byte(`{"preset": "overconfident", "seed": 18446744073709551615, "params": {"mentor_gain": 2, "hires": 1000}}`))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Preset != "overconfident" || sc.Seed != math.MaxUint64 || sc.Params.MentorGain != 2 || sc.Params.Hires != 1000 {
		t.Fatalf("parsed %+v", sc)
	}
	b, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	again, err := ParseScenario(b)
	if err != nil || again != sc {
		t.Errorf("round trip: %v\n%+v\n%+v", err, again, sc)
	}
	empty, err := ParseScenario([]byte(`{}`))
	if err != nil || empty.Preset != DefaultPreset || empty.Seed != DefaultSeed || empty.Params != Defaults() {
		t.Errorf("empty file: %v, %+v", err, empty)
	}
}

// FuzzParseScenario: any input either parses to a valid scenario or fails
// with a FieldError; it never panics.
func FuzzParseScenario(f *testing.F) {
	for _, s := range []string{`{}`, `{"preset":"insecure","seed":3,"params":{"belonging":0.5}}`, `{"params":{"hires":1e9}}`,
		`[`, `{"seed":-1}`, `{"params":{"x":1}}`, `{"preset":null}`, `{"params":{"mentor_gain":"2"}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseScenario(data)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T) is not a FieldError", err, err)
			}
			return
		}
		if err := sc.Params.Validate(); err != nil {
			t.Fatalf("accepted an invalid scenario: %v", err)
		}
	})
}

// Every field of Params has exactly one row of the table, and every row
// its own field: a field added without a row (or two rows on one field)
// fails here.
func TestEveryFieldHasOneRow(t *testing.T) {
	t.Parallel()
	var p Params
	v := reflect.ValueOf(&p).Elem()
	rows := map[uintptr][]string{}
	for _, s := range Specs() {
		addr := reflect.ValueOf(s.Of(&p)).Pointer()
		rows[addr] = append(rows[addr], s.Name)
	}
	for i := range v.NumField() {
		addr := v.Field(i).Addr().Pointer()
		if n := rows[addr]; len(n) != 1 {
			t.Errorf("field %s has rows %v; want exactly one", v.Type().Field(i).Name, n)
		}
		delete(rows, addr)
	}
	for _, names := range rows {
		t.Errorf("rows %v point at no field of Params", names)
	}
}

// −0, however written, is stored as 0, so that outputs write 0 (JSON's
// "-0" would make a run's files differ from those of the same run with
// 0); a number too large for a double says so, not that its syntax is
// wrong.
func TestNegativeZeroAndOverflow(t *testing.T) {
	if v, ok := ParseNumber("-0"); !ok || math.Signbit(v) { // sweep's grids and power's gains read numbers so
		t.Errorf("ParseNumber -0: %v, signbit %v", ok, math.Signbit(v))
	}
	var p Params
	if err := p.SetString("mentor_gain", "-0"); err != nil || math.Signbit(p.MentorGain) {
		t.Errorf("SetString -0: %v, signbit %v", err, math.Signbit(p.MentorGain))
	}
	p.MentorGain = 1
	if err := p.Set("mentor_gain", math.Copysign(0, -1)); err != nil || math.Signbit(p.MentorGain) {
		t.Errorf("Set −0: %v, signbit %v", err, math.Signbit(p.MentorGain))
	}
	sc, err := ParseScenario([]byte(`{"preset": "advice", "params": {"mentor_gain": -0}}`))
	if err != nil || math.Signbit(sc.Params.MentorGain) {
		t.Errorf("scenario file with -0: %v, signbit %v", err, math.Signbit(sc.Params.MentorGain))
	}
	err = p.SetString("mentor_gain", "1e400")
	if err == nil || !strings.Contains(err.Error(), "too large") || strings.Contains(err.Error(), "plain decimal") {
		t.Errorf("1e400: %v; want it called too large, not mis-written", err)
	}
}
