package param

import (
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]float64{"603": 603, "-0.5": -0.5, "+2": 2, ".25": 0.25, "5.": 5, "2.5e-3": 0.0025, "1e6": 1e6, "1E+06": 1e6, "007": 7} {
		if v, ok := ParseNumber(in); !ok || v != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, v, ok, want)
		}
	}
	for _, in := range []string{"", "0x100", "0x1p8", "6_03", "inf", "Inf", "NaN", "1e400", "1e", "e5", ".", "-", "1.2.3", " 5", "5 ", "1,5", "١٢"} {
		if v, ok := ParseNumber(in); ok {
			t.Errorf("ParseNumber(%q) = %v; want it refused", in, v)
		}
	}
}

// Flags and links (SetString) and files (JSON) take the same numbers.
func TestOneNumberSyntax(t *testing.T) {
	t.Parallel()
	p := Defaults()
	for _, in := range []string{"0x1p8", "6_03", "0x100"} {
		if err := p.SetString("hires", in); err == nil || !strings.Contains(err.Error(), "plain decimal") {
			t.Errorf("hires %s: %v; want refused, naming the syntax", in, err)
		}
	}
	if err := p.SetString("hires", "6.03e2"); err != nil || p.Hires != 603 {
		t.Errorf("hires 6.03e2: %v, %v", p.Hires, err)
	}
	sc, err := ParseScenario([]byte(`{"params": {"hires": 6.03e2}}`))
	if err != nil || sc.Params.Hires != 603 {
		t.Errorf("a file's hires 6.03e2: %v, %v", sc.Params.Hires, err)
	}
}
