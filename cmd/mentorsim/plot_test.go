package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mentorsim/sim/sweep"
)

// makePlotInputs makes one input of every kind plot reads, with small runs.
func makePlotInputs(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	if code, _, stderr := cli(t, "run", "-hires", "300", "-out", run); code != 0 {
		t.Fatalf("run: %s", stderr)
	}
	rep := filepath.Join(dir, "rep")
	if code, _, stderr := cli(t, "replicate", "-n", "20", "-hires", "300", "-out", rep); code != 0 {
		t.Fatalf("replicate: %s", stderr)
	}
	pw := filepath.Join(dir, "pw")
	if code, _, stderr := cli(t, "power", "-hires-list", "100,200", "-optin-rates", "0.5", "-gains", "0,2",
		"-replications", "5", "-hires", "100", "-out", pw); code != 0 {
		t.Fatalf("power: %s", stderr)
	}
	// A sweep's summary.csv, written by hand so as to depend only on its format.
	var b strings.Builder
	b.WriteString("point,mentor_gain,optin_shyness,n,voluntary.revenue_lift_2m.mean,voluntary.revenue_lift_2m.sd," +
		"voluntary.revenue_lift_2m.q025,voluntary.revenue_lift_2m.q975,voluntary.revenue_lift_2m.share_significant\n")
	pt := 0
	for _, g := range []string{"0", "1", "2"} {
		for _, s := range []string{"0", "4"} {
			b.WriteString(strings.Join([]string{strconv.Itoa(pt), g, s, "10", "0.0" + g, "0.02", "-0.0" + g, "0.1" + g, "0.1"}, ",") + "\n")
			pt++
		}
	}
	sw := writeTemp(t, "summary.csv", b.String())
	return map[string]string{
		"daily":        filepath.Join(run, "daily.csv"),
		"reps":         run, // a directory, with -kind reps
		"replications": rep,
		"sweep":        sw,
		"power":        filepath.Join(pw, "power.csv"),
	}
}

func TestPlotEveryKind(t *testing.T) {
	in := makePlotInputs(t)
	out := t.TempDir()
	for kind, file := range in {
		for _, ext := range []string{"png", "svg"} {
			path := filepath.Join(out, kind+"."+ext)
			args := []string{"plot", "-in", file, "-out", path, "-width", "640", "-height", "400"}
			if kind == "reps" {
				args = append(args, "-kind", "reps")
			}
			if kind == "sweep" {
				args = append(args, "-x", "mentor_gain", "-y", "voluntary.revenue_lift_2m")
			}
			code, stdout, stderr := cli(t, args...)
			if code != 0 {
				t.Fatalf("%s %s: exit %d: %s", kind, ext, code, stderr)
			}
			if !strings.Contains(stdout, kind+" figure") {
				t.Errorf("%s: stdout %q", kind, stdout)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if ext == "svg" {
				if !bytes.HasPrefix(data, []byte("<?xml")) && !bytes.HasPrefix(data, []byte("<svg")) {
					t.Errorf("%s: not SVG: %.40q", path, data)
				}
				continue
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			checkPicture(t, path, img, 640, 400)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 2*len(in) {
		t.Errorf("out holds %d files, want %d (temporary files left behind?)", len(entries), 2*len(in))
	}
}

// checkPicture checks the size, and that the figure is not blank: a good
// share of non-white pixels and several colours (the lines).
func checkPicture(t *testing.T, name string, img image.Image, w, h int) {
	t.Helper()
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("%s: %dx%d, want %dx%d", name, b.Dx(), b.Dy(), w, h)
	}
	colours := map[[3]uint32]bool{}
	ink := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				ink++
			}
		}
	}
	if share := float64(ink) / float64(b.Dx()*b.Dy()); share < 0.01 || share > 0.9 {
		t.Errorf("%s: %.3f of pixels are not white", name, share)
	}
	if len(colours) < 10 {
		t.Errorf("%s: only %d colours", name, len(colours))
	}
}

func TestPlotBadInput(t *testing.T) {
	dir := t.TempDir()
	wrong := writeTemp(t, "data.csv", "a,b\n1,2\n")
	noCols := writeTemp(t, "daily.csv", "arm,day\noptout,0\n")
	notNum := writeTemp(t, "power.csv", "hires,optin_rate,mentor_gain,mandatory.revenue_lift_2m.power\n100,0.5,x,0.1\n")
	sweepCSV := writeTemp(t, "summary.csv", "point,mentor_gain,n,voluntary.revenue_lift_2m.mean,voluntary.revenue_lift_2m.q025,voluntary.revenue_lift_2m.q975\n0,1,5,0.1,0,0.2\n")
	missing := filepath.Join(dir, "nope.csv")
	out := filepath.Join(dir, "fig.png")
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"-in", missing, "-out", out}, []string{missing, "cannot be read", "daily.csv"}},
		{[]string{"-in", wrong, "-out", out}, []string{wrong, "match no mentorsim output", "power.csv"}},
		{[]string{"-in", noCols, "-out", out}, []string{noCols, `"employed" is missing`, "arm, day, employed, revenue"}},
		{[]string{"-in", notNum, "-out", out}, []string{notNum, `"x"`, "a number"}},
		{[]string{"-in", sweepCSV, "-out", out, "-y", "mandatory.revenue_lift_2m"}, []string{sweepCSV, "-y", "voluntary.revenue_lift_2m"}},
		{[]string{"-in", sweepCSV, "-out", out, "-x", "hires"}, []string{sweepCSV, "-x", "mentor_gain"}},
		{[]string{"-in", sweepCSV, "-out", filepath.Join(dir, "fig.pdf")}, []string{"out", ".png or .svg"}},
		{[]string{"-in", sweepCSV, "-out", out, "-kind", "pie"}, []string{"kind", `"pie"`, "daily"}},
		{[]string{"-in", sweepCSV, "-out", out, "-kind", "power"}, []string{sweepCSV, `"hires" is missing`, "power.csv columns hires, optin_rate"}},
		{[]string{"-in", dir, "-out", out}, []string{dir, "no file to plot"}},
		{[]string{"-out", out}, []string{"in", "missing"}},
	}
	for _, c := range cases {
		code, stdout, stderr := cli(t, append([]string{"plot"}, c.args...)...)
		checkBadInput(t, code, stdout, stderr, c.want...)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "nope.csv" {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

// replicate -out writes replications.csv in the format of a sweep's
// results.csv with one point and no swept parameters.
func TestReplicationsCSVIsASweepsResults(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rep")
	if code, _, stderr := cli(t, "replicate", "-n", "5", "-hires", "100", "-seed", "7", "-out", dir); code != 0 {
		t.Fatalf("replicate: %s", stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "replications.csv"))
	if err != nil {
		t.Fatal(err)
	}
	header, _, _ := bytes.Cut(data, []byte("\n"))
	if want := bytes.TrimSuffix(sweep.Spec{}.Header(), []byte("\n")); !bytes.Equal(header, want) {
		t.Errorf("header\n%s\nwant the sweep's\n%s", header, want)
	}
	rows := readCSV(t, filepath.Join(dir, "replications.csv"))
	if len(rows) != 6 {
		t.Fatalf("%d lines, want 6", len(rows))
	}
	for k, r := range rows[1:] {
		if r[0] != "0" || r[1] != strconv.Itoa(k) || r[2] != strconv.Itoa(7+k) {
			t.Errorf("row %d starts %v, want point 0, replication %d, seed %d", k, r[:3], k, 7+k)
		}
	}
}
