package desktop

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mentorsim/sim/param"
	"mentorsim/ui/session"
)

func TestParseArgsAppliesFlagsInOrder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "s.json")
	if err := os.WriteFile(file, []byte(`{"preset": "insecure", "seed": 7, "params": {"mentor_gain": 2, "hires": 2000}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := ParseArgs([]string{"-scenario", file, "-seed", "9", "-mentor_gain", "3", "-set", "mentor_gain=4", "-set", "belonging=0.5"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := param.NewScenario("insecure")
	want.Seed = 9
	want.Params.MentorGain, want.Params.Hires, want.Params.Belonging = 4, 2000, 0.5
	if o.Scenario != want {
		t.Errorf("scenario = %+v\nwant %+v", o.Scenario, want)
	}
	if o.Play || o.Frames != 0 || o.Screenshot != "" {
		t.Errorf("options = %+v; want no play, frames or screenshot", o)
	}
}

func TestFramesImpliesPlay(t *testing.T) {
	for _, tc := range []struct {
		args []string
		play bool
	}{
		{[]string{"-frames", "5"}, true},
		{[]string{"-frames", "5", "-play=false"}, false},
		{[]string{"-play"}, true},
		{nil, false},
	} {
		o, err := ParseArgs(tc.args, &bytes.Buffer{})
		if err != nil || o.Play != tc.play {
			t.Errorf("%v: play %v, error %v; want play %v", tc.args, o.Play, err, tc.play)
		}
	}
}

func TestParseArgsBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-set", "mentor_gain=99"}, "mentor_gain: 99 is not allowed; want a number from 0 to 10"},
		{[]string{"-seed", "x"}, `seed: "x" is not allowed`},
		{[]string{"-set", "nope=1"}, `parameter: "nope" is not allowed`},
		{[]string{"-scenario", "nope"}, `scenario: "nope" is neither a preset`},
		{[]string{"-frames", "1", "-frames", "-2"}, "frames: -2 is not allowed"},
		{[]string{"-screenshot", "a.png"}, "screenshot: needs -frames N"},
	} {
		_, err := ParseArgs(tc.args, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error %v; want one line containing %q", tc.args, err, tc.want)
		}
	}
	var usage bytes.Buffer
	if _, err := ParseArgs([]string{"-h"}, &usage); !errors.Is(err, ErrHelp) || !strings.Contains(usage.String(), "mentorsim-export-SEED-N") {
		t.Errorf("-h: error %v, usage %q", err, usage.String())
	}
}

// The command line CopyLink prints opens the same run as the link.
func TestCopyLinkCommandLineReproducesTheRun(t *testing.T) {
	sc, problems := session.ParseQuery("preset=overconfident&seed=42&hires=1000&mentor_gain=3.5")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	sess, err := session.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	p := &Platform{Stdout: &out, Dir: t.TempDir()}
	msg, done := p.CopyLink(sess.Query())
	if msg != "link printed to the terminal: ?"+sess.Query() || !done {
		t.Errorf("CopyLink said %q, done %v", msg, done)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2 || lines[0] != "link: ?"+sess.Query() {
		t.Fatalf("CopyLink printed %q", out.String())
	}
	args := strings.Fields(strings.TrimPrefix(lines[1], "  or: "))
	if args[0] != "mentorsim-desktop" {
		t.Fatalf("command line %q", lines[1])
	}
	o, err := ParseArgs(args[1:], &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if o.Scenario != sc {
		t.Errorf("%s opens %+v; want %+v", lines[1], o.Scenario, sc)
	}
}

func TestExportMakesANewDirectoryEachTime(t *testing.T) {
	base := t.TempDir()
	p := &Platform{Stdout: &bytes.Buffer{}, Dir: base}
	p.Share("preset=advice&seed=17&hires=100")
	for n, want := range []string{"mentorsim-export-17-1", "mentorsim-export-17-2"} {
		summary, reps := []byte(`{"n":`+string(rune('1'+n))+`}`), []byte("id\n1\n")
		msg, done := p.Export(summary, reps)
		dir := filepath.Join(base, want)
		if msg != "wrote "+dir || !done {
			t.Errorf("export %d said %q, done %v; want %q", n+1, msg, done, "wrote "+dir)
		}
		for name, data := range map[string][]byte{"summary.json": summary, "reps.csv": reps} {
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s/%s = %q, %v; want %q", want, name, got, err, data)
			}
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 2 {
			t.Errorf("%s holds %d files; want summary.json and reps.csv only", want, len(entries))
		}
	}
	bad := &Platform{Stdout: &bytes.Buffer{}, Dir: filepath.Join(base, "missing", "dir")}
	bad.Share("preset=advice&seed=1")
	if msg, done := bad.Export(nil, nil); !strings.HasPrefix(msg, "export failed: ") || done {
		t.Errorf("export into a missing directory said %q, done %v", msg, done)
	}
}
