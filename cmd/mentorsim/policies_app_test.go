package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

// The app's money panel shows exactly what the command it names prints:
// the lesson's step 6, and the same step under another preset with a
// changed parameter.
func TestMoneyPanelMatchesCommandLine(t *testing.T) {
	s, err := session.Open("?lesson=6&seed=7&policy=3", lesson.Default(), 2)
	if err != nil || s.Notice != "" {
		t.Fatalf("Open: %v, %q", err, s.Notice)
	}
	check := func() {
		t.Helper()
		m, err := s.Money()
		if err != nil {
			t.Fatal(err)
		}
		args := strings.Fields(m.Command)
		if args[0] != "mentorsim" {
			t.Fatalf("command %q", m.Command)
		}
		code, stdout, stderr := cli(t, append(args[1:], "-json")...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", m.Command, code, stderr)
		}
		var cliOut struct {
			Policies json.RawMessage `json:"policies"`
			VsNone   json.RawMessage `json:"net_gain_vs_none"`
		}
		if err := json.Unmarshal([]byte(stdout), &cliOut); err != nil {
			t.Fatal(err)
		}
		policies, _ := json.Marshal(m.Policies)
		vsNone, _ := json.Marshal(m.VsNone)
		if !jsonEqual(t, policies, cliOut.Policies) || !jsonEqual(t, vsNone, cliOut.VsNone) {
			t.Errorf("%s prints\n%s\n%s\nthe app has\n%s\n%s", m.Command, cliOut.Policies, cliOut.VsNone, policies, vsNone)
		}
		if len(m.Policies) != 5 || m.Hires != int(s.Scenario.Params.Hires) || m.Price != s.Scenario.Params.Price {
			t.Errorf("money %+v", m)
		}
	}
	check()
	if err := s.SetPreset("overconfident"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetParam("mentor_gain", 1.5); err != nil {
		t.Fatal(err)
	}
	check()
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y bytes.Buffer
	if err := json.Compact(&x, a); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&y, b); err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(x.Bytes(), y.Bytes())
}
