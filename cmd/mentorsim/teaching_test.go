package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mentorsim/sim/study"
)

// The files whose numbers are checked.
const (
	teachingDoc = "../../docs/teaching.md"
	lessonFile  = "../../ui/lesson/lesson.json"
	worksheet   = "../../docs/worksheet.md"
	modelDoc    = "../../docs/model.md"
)

// The commands the quoted numbers come from.
var (
	// The class's run: the lesson's steps 1 to 4 with seed 7 (603 hires).
	classRun = []string{"run", "-seed", "7"}
	// Step 5's self-assessment view with seed 7, under the two presets.
	insecureRun      = []string{"run", "-scenario", "insecure", "-seed", "7"}
	overconfidentRun = []string{"run", "-scenario", "overconfident", "-seed", "7"}
	// Step 6's money panel with seed 7: the class's 603 reps.
	classPolicies = []string{"policies", "-scenario", "advice", "-seed", "7", "-hires", "603"}
	// The policies on 20,000 hires, seed 1, as the README quotes them.
	bigPolicies = []string{"policies", "-scenario", "advice"}
)

// A quote is text in a file with numbers in it: text is a format whose %s
// are filled, in order, by the numbers the CLI computes now, written the
// way the text writes them. Line breaks in the file do not matter.
type quote struct {
	file   string
	text   string
	values []value
}

// A value computes one quoted number with the CLI and formats it.
type value func(t *testing.T, c *cliCache) string

// quotes lists every number taken from a simulation that teaching.md and
// the lesson quote (the lesson quotes none today: its numbers are on the
// screen). A model change that moves one of them fails the test,
// which prints the text as it should now read.
var quotes = []quote{
	// teaching.md, step 1.
	{teachingDoc, "is %s above the others' (95%% interval %s to %s", []value{
		pct(jsonNum(classRun, "estimates", "mandatory.revenue_lift_2m", "estimate")),
		pct(jsonNum(classRun, "estimates", "mandatory.revenue_lift_2m", "ci95", "0")),
		pct(jsonNum(classRun, "estimates", "mandatory.revenue_lift_2m", "ci95", "1"))}},
	{teachingDoc, "share still employed after a month %s above", []value{
		pct(jsonNum(classRun, "estimates", "mandatory.retention_lift_1m", "estimate"))}},
	// Step 2.
	{teachingDoc, "it is %s (interval %s to %s)", []value{
		pct(jsonNum(classRun, "estimates", "voluntary.revenue_lift_2m", "estimate")),
		pct(jsonNum(classRun, "estimates", "voluntary.revenue_lift_2m", "ci95", "0")),
		pct(jsonNum(classRun, "estimates", "voluntary.revenue_lift_2m", "ci95", "1"))}},
	{teachingDoc, "The %s of opt-ins over opt-outs", []value{
		pct(jsonNum(classRun, "estimates", "voluntary.optin_vs_optout_revenue_2m", "estimate"))}},
	// Step 3: the volunteers' lead in ability, in standard deviations.
	{teachingDoc, "seed 7 the opt-ins are %s standard deviations ahead", []value{
		func(t *testing.T, c *cliCache) string {
			return fmt.Sprintf("%.2f", repsMean(classRun, "ability", "true")(t, c)-repsMean(classRun, "ability", "false")(t, c))
		}}},
	// Step 4.
	{teachingDoc, "about %s for everyone, about %s for the opt-ins", []value{
		pct(jsonNum(classRun, "truth", "truth.ate")), pct(jsonNum(classRun, "truth", "truth.att_optin"))}},
	{teachingDoc, "and about %s for the opt-outs", []value{pct(jsonNum(classRun, "truth", "truth.atu_optout"))}},
	// Step 5: the self-assessment view, means over the voluntary branch.
	{teachingDoc, "| `insecure` | %s | %s | %s | %s |", []value{
		signed2(repsMean(insecureRun, "ability", "true")), signed2(repsMean(insecureRun, "self_assessment", "true")),
		signed2(repsMean(insecureRun, "ability", "false")), signed2(repsMean(insecureRun, "self_assessment", "false"))}},
	{teachingDoc, "| `overconfident` | %s | %s | %s | %s |", []value{
		signed2(repsMean(overconfidentRun, "ability", "true")), signed2(repsMean(overconfidentRun, "self_assessment", "true")),
		signed2(repsMean(overconfidentRun, "ability", "false")), signed2(repsMean(overconfidentRun, "self_assessment", "false"))}},
	// Step 6: the money panel for the class, and the large population.
	{teachingDoc, "mentor everyone %s, mentor the %s the screening score marks as weakest %s, enrol by default %s, ask for volunteers %s", []value{
		dollars(jsonNum(classPolicies, "net_gain_vs_none", "mandatory")),
		share(jsonNum(classPolicies, "policies", "2", "mentored_share")),
		dollars(jsonNum(classPolicies, "net_gain_vs_none", "targeted")),
		dollars(jsonNum(classPolicies, "net_gain_vs_none", "default")),
		dollars(jsonNum(classPolicies, "net_gain_vs_none", "voluntary"))}},
	{teachingDoc, "%s, %s, %s and %s", []value{
		dollars(jsonNum(bigPolicies, "net_gain_vs_none", "mandatory")),
		dollars(jsonNum(bigPolicies, "net_gain_vs_none", "targeted")),
		dollars(jsonNum(bigPolicies, "net_gain_vs_none", "default")),
		dollars(jsonNum(bigPolicies, "net_gain_vs_none", "voluntary"))}},
	{teachingDoc, "mentors' time at %s a mentee-day", []value{money(jsonNum(classRun, "scenario", "params", "mentor_cost"))}},
}

// Numbers the texts may quote that no simulation computes: the study's
// published numbers (its targets, and the other sources' versions of them)
// and the confidence level.
func fixedNumbers() map[string]bool {
	fixed := map[string]bool{"95%": true, "17%": true, "11%": true} // 17%: NBER abstract; 11%: a press summary
	for _, t := range study.Targets {
		for _, n := range numberRE.FindAllString(t.Study, -1) {
			fixed[strings.TrimPrefix(n, "+")] = true
		}
	}
	return fixed
}

// numberRE matches the numbers the check looks for: percentages, dollar
// amounts and signed decimals (− is the minus sign the texts use).
var numberRE = regexp.MustCompile(`[+−-]?\$[0-9]+(,[0-9]{3})*|[+−-]?[0-9]+(\.[0-9]+)?%|[+−][0-9]+\.[0-9]+`)

// Every number quoted in teaching.md and the lesson is what the CLI
// computes now, and every percentage, dollar amount and signed decimal in
// them is either such a number or a published one.
func TestTeachingNumbersMatchTheCLI(t *testing.T) {
	c := &cliCache{runs: map[string]map[string]any{}, reps: map[string][][]string{}}
	allowed := map[string]map[string]bool{teachingDoc: {}, lessonFile: {}}
	for _, q := range quotes {
		args := make([]any, len(q.values))
		for i, v := range q.values {
			args[i] = v(t, c)
		}
		want := fmt.Sprintf(q.text, args...)
		if !strings.Contains(words(read(t, q.file)), want) {
			t.Errorf("%s should quote %q (the CLI's numbers now)", q.file, want)
		}
		for _, n := range numberRE.FindAllString(want, -1) {
			allowed[q.file][n] = true
		}
	}
	fixed := fixedNumbers()
	for _, n := range numberRE.FindAllString(predictionChoices(t), -1) { // guesses on offer, not quotes
		allowed[lessonFile][n], allowed[teachingDoc][n] = true, true
	}
	for file, ok := range allowed {
		for _, n := range numberRE.FindAllString(read(t, file), -1) {
			if !ok[n] && !fixed[strings.TrimLeft(n, "+")] {
				t.Errorf("%s quotes %s, which is neither checked against the CLI here nor a published number", file, n)
			}
		}
	}
}

// predictionChoices are the lesson's predictions' choices, one per line.
func predictionChoices(t *testing.T) string {
	var l struct {
		Steps []struct {
			Predict *struct{ Choices []struct{ Label string } }
		}
	}
	if err := json.Unmarshal([]byte(read(t, lessonFile)), &l); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range l.Steps {
		if s.Predict != nil {
			for _, c := range s.Predict.Choices {
				b.WriteString(c.Label + "\n")
			}
		}
	}
	return b.String()
}

// The worksheet asks the lesson's seven questions, in order, each with its
// step's teacher link.
func TestTeachingWorksheetHasTheLessonsQuestions(t *testing.T) {
	var l struct {
		Steps []struct{ Question string }
	}
	if err := json.Unmarshal([]byte(read(t, lessonFile)), &l); err != nil {
		t.Fatal(err)
	}
	sheet := words(read(t, worksheet))
	at := 0
	for i, s := range l.Steps {
		link := fmt.Sprintf("?lesson=%d&seed=", i+1)
		j := strings.Index(sheet[at:], link)
		if j < 0 {
			t.Errorf("worksheet: step %d's teacher link %s… is missing or out of order", i+1, link)
			continue
		}
		at += j
		q := words(s.Question)
		j = strings.Index(sheet[at:], q)
		if j < 0 {
			t.Errorf("worksheet: step %d's question is missing or out of order: %q", i+1, q)
			continue
		}
		at += j
	}
}

// docs/model.md defines every estimand and true effect the CLI reports,
// by its id (sim/param's test checks the parameters).
func TestTeachingModelDocNamesEveryEstimand(t *testing.T) {
	doc := read(t, modelDoc)
	for _, e := range study.Estimands {
		if id := e.ID; !strings.Contains(doc, "| `"+string(id)+"` |") {
			t.Errorf("docs/model.md has no table row for %s", id)
		}
	}
	for p := study.Policy(0); p < study.NumPolicies; p++ {
		if !strings.Contains(doc, fmt.Sprintf("| %d | %s |", p, p)) {
			t.Errorf("docs/model.md has no row for policy %d (%s)", p, p)
		}
	}
}

// words is text with every run of white space made one space, so that a
// quote may be wrapped anywhere.
func words(text string) string { return strings.Join(strings.Fields(text), " ") }

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// cliCache runs each command once.
type cliCache struct {
	runs map[string]map[string]any // -json output by command line
	reps map[string][][]string     // reps.csv rows by command line
}

func (c *cliCache) json(t *testing.T, args []string) map[string]any {
	t.Helper()
	key := strings.Join(args, " ")
	if out, ok := c.runs[key]; ok {
		return out
	}
	code, stdout, stderr := cli(t, append(append([]string(nil), args...), "-json")...)
	var out map[string]any
	if code != 0 {
		t.Fatalf("mentorsim %s -json: status %d: %s", key, code, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("mentorsim %s -json: %v", key, err)
	}
	c.runs[key] = out
	return out
}

func (c *cliCache) repsCSV(t *testing.T, args []string) [][]string {
	t.Helper()
	key := strings.Join(args, " ")
	if rows, ok := c.reps[key]; ok {
		return rows
	}
	dir := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := cli(t, append(append([]string(nil), args...), "-out", dir)...); code != 0 {
		t.Fatalf("mentorsim %s -out: status %d: %s", key, code, stderr)
	}
	f, err := os.Open(filepath.Join(dir, "reps.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	c.reps[key] = rows
	return rows
}

// A number is a value before formatting.
type number func(t *testing.T, c *cliCache) float64

// jsonNum is the number at path (object keys, or array indices) in the
// command's -json output.
func jsonNum(args []string, path ...string) number {
	return func(t *testing.T, c *cliCache) float64 {
		t.Helper()
		var v any = c.json(t, args)
		for _, k := range path {
			switch x := v.(type) {
			case map[string]any:
				v = x[k]
			case []any:
				i, err := strconv.Atoi(k)
				if err != nil || i >= len(x) {
					t.Fatalf("%v: no element %s", path, k)
				}
				v = x[i]
			}
		}
		f, ok := v.(float64)
		if !ok {
			t.Fatalf("mentorsim %s -json: %v is %v, not a number", strings.Join(args, " "), path, v)
		}
		return f
	}
}

// repsMean is the mean of a reps.csv column over the voluntary branch's
// reps whose opted_in is optedIn ("true" or "false").
func repsMean(args []string, column, optedIn string) number {
	return func(t *testing.T, c *cliCache) float64 {
		t.Helper()
		rows := c.repsCSV(t, args)
		col, opt := -1, -1
		for i, h := range rows[0] {
			switch h {
			case column:
				col = i
			case "opted_in":
				opt = i
			}
		}
		if col < 0 || opt < 0 {
			t.Fatalf("reps.csv lacks %s or opted_in: %v", column, rows[0])
		}
		sum, n := 0.0, 0
		for _, r := range rows[1:] {
			if r[opt] == optedIn {
				x, err := strconv.ParseFloat(r[col], 64)
				if err != nil {
					t.Fatal(err)
				}
				sum += x
				n++
			}
		}
		return sum / float64(n)
	}
}

// minus writes negative numbers with the minus sign the texts use.
func minus(s string) string { return strings.Replace(s, "-", "−", 1) }

// pct writes a lift as the texts do: +20%, −5%.
func pct(n number) value {
	return func(t *testing.T, c *cliCache) string { return minus(fmt.Sprintf("%+.0f%%", 100*n(t, c))) }
}

// share writes a share as a percentage without a sign: 40%.
func share(n number) value {
	return func(t *testing.T, c *cliCache) string { return fmt.Sprintf("%.0f%%", 100*n(t, c)) }
}

// signed2 writes a mean in standard deviations: +0.63, −0.57.
func signed2(n number) value {
	return func(t *testing.T, c *cliCache) string { return minus(fmt.Sprintf("%+.2f", n(t, c))) }
}

// dollars writes a gain per hire as `mentorsim policies` rounds it, with a
// thousands separator: +$4,744.
func dollars(n number) value {
	return func(t *testing.T, c *cliCache) string {
		x := n(t, c)
		sign := "+"
		if x < 0 {
			sign = "−"
		}
		return sign + money(func(*testing.T, *cliCache) float64 { return math.Abs(x) })(t, c)
	}
}

// money writes a dollar amount: $60, $4,744.
func money(n number) value {
	return func(t *testing.T, c *cliCache) string {
		digits := strconv.FormatFloat(n(t, c), 'f', 0, 64)
		for i := len(digits) - 3; i > 0; i -= 3 {
			digits = digits[:i] + "," + digits[i:]
		}
		return "$" + digits
	}
}
