package session

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"mentorsim/sim/param"
	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
)

// maxQuery is the longest query string the app reads: a link that sets
// every parameter is under 2 KB, and a longer one would only make a
// longer notice.
const maxQuery = 8 << 10

// appLimits are the largest values the app can show, where they are below
// the parameter table's (which the command line keeps): the floor draws a
// desk per rep each frame.
var appLimits = map[string]float64{"hires": layout.MaxAppHires}

// maxLine is the most characters of a line of a link's notice (a bad
// value is quoted in it).
const maxLine = 240

// maxProblems is the most problems a link's notice lists one by one; more
// are summed up in a line naming the first few keys.
const maxProblems = 3

// Query is the URL query string that reproduces the session's run: the
// preset, the seed and every parameter that differs from the preset, in
// table order, then the lesson's step (lesson=N) and large=1 when they are
// on.
func (s *Session) Query() string {
	sc := s.Scenario
	var b strings.Builder
	fmt.Fprintf(&b, "preset=%s&seed=%d", url.QueryEscape(sc.Preset), sc.Seed)
	base, err := param.Preset(sc.Preset)
	if err != nil {
		base = param.Defaults()
	}
	for _, name := range sc.Params.Diff(base) {
		v, _ := sc.Params.Get(name)
		fmt.Fprintf(&b, "&%s=%s", name, linkNumber(v))
	}
	if s.InLesson() {
		fmt.Fprintf(&b, "&lesson=%d", s.Step)
	}
	for _, id := range s.guessKeys() {
		// An answer shown without a guess (a clicker's Next) stays out, so
		// that a link copied from the teacher's screen still asks for one.
		if g, ok := s.Guesses[id]; ok && g != ShownGuess {
			fmt.Fprintf(&b, "&%s%s=%d", GuessPrefix, id, g+1)
		}
	}
	if s.Large {
		b.WriteString("&large=1")
	}
	return b.String()
}

// linkNumber writes v for a link so that it reads back as the same number.
func linkNumber(v float64) string { return url.QueryEscape(plainNumber(v)) }

// plainNumber is v without an exponent's '+', which a query string decodes
// as a space (1e+06 is written 1000000); small numbers keep their exponent
// (1e-07).
func plainNumber(v float64) string {
	s := param.Format(v)
	if strings.Contains(s, "e+") {
		s = strconv.FormatFloat(v, 'f', -1, 64)
	}
	return s
}

// Options are a link's settings of the app rather than of the run.
type Options struct {
	Lesson int  // the lesson's step to show (1-based); 0: none
	Large  bool // large text
	// Guesses are the predictions made (guess_ID=N: choice N, 1-based;
	// 0: the answer shown without a guess), as Session.Guesses keeps them.
	Guesses map[string]int
}

// GuessPrefix starts a prediction's key in a link.
const GuessPrefix = "guess_"

// optionKeys are the query keys Options reads; ParseQuery skips them.
var optionKeys = map[string]bool{"lesson": true, "large": true}

// ParseOptions reads lesson=N (a whole number from 0 to lesson.MaxSteps)
// and large=0|1 from a query string; a bad value is skipped and described.
func ParseOptions(q string) (o Options, problems []string) {
	values, _ := queryValues(q) // ParseQuery reports a malformed or long string
	if text := last(values["lesson"]); text != "" {
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 || n > lesson.MaxSteps {
			problems = append(problems, fmt.Sprintf("link: lesson: %q is not allowed; want a step number, 0 for none", text))
		} else {
			o.Lesson = n
		}
	}
	for _, key := range slices.Sorted(maps.Keys(values)) {
		id, ok := strings.CutPrefix(key, GuessPrefix)
		if !ok {
			continue
		}
		text := last(values[key])
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 || n > 5 {
			problems = append(problems, fmt.Sprintf("link: %s: %q is not allowed; want a choice from 1 to 5, or 0 for the answer without a guess", shorten(key, 40), shorten(text, 40)))
			continue
		}
		if o.Guesses == nil {
			o.Guesses = map[string]int{}
		}
		o.Guesses[id] = n - 1
		if n == 0 {
			o.Guesses[id] = ShownGuess
		}
	}
	switch text := last(values["large"]); text {
	case "", "0", "false":
	case "1", "true":
		o.Large = true
	default:
		problems = append(problems, fmt.Sprintf("link: large: %q is not allowed; want 0 or 1", text))
	}
	return o, problems
}

// Open is the session a link asks for: the run of its query string, with
// large text and the lesson's step if it asks for them (l is the lesson to
// follow; nil for none). Problems with the link go to the session's
// notice; the session always opens.
func Open(query string, l *lesson.Lesson, workers int) (*Session, error) {
	sc, clamped, bad := parseQuery(query)
	o, more := ParseOptions(query)
	problems := append(clamped, summary(bad)...)
	problems = append(problems, more...)
	s, err := New(sc)
	if err != nil {
		return nil, err
	}
	s.Large, s.Workers = o.Large, workers
	s.SetLesson(l)
	problems = append(problems, s.keepGuesses(o.Guesses)...)
	if o.Lesson > 0 {
		if !namesPreset(query) {
			sc.Preset = "" // the step's own
		}
		problems = append(problems, s.OpenStep(o.Lesson, sc, "link")...)
	}
	for i, p := range problems {
		problems[i] = shorten(p, maxLine)
	}
	s.Notice = strings.Join(problems, "\n")
	return s, nil
}

// namesPreset reports whether a link names a preset that exists (an
// unknown one, refused with a notice, leaves the step its own).
func namesPreset(q string) bool {
	values, _ := queryValues(q)
	_, err := param.NewScenario(last(values["preset"]))
	return last(values["preset"]) != "" && err == nil
}

// problem is a value of a link that was ignored.
type problem struct {
	key  string // the query key ("" for the whole string)
	text string // what is wrong with it
}

// summary describes the ignored values: each on a line of its own, or,
// when there are many, in two lines — how many and the first few keys,
// then the first problem — so that a damaged link cannot fill the screen.
func summary(bad []problem) []string {
	if len(bad) <= maxProblems {
		lines := make([]string, len(bad))
		for i, p := range bad {
			lines[i] = p.text
		}
		return lines
	}
	keys := make([]string, maxProblems)
	for i, p := range bad[:maxProblems] {
		keys[i] = strconv.Quote(shorten(p.key, 24))
	}
	return []string{
		fmt.Sprintf("link: %d values were ignored: %s, …", len(bad), strings.Join(keys, ", ")),
		bad[0].text,
	}
}

// shorten cuts s to at most n runes, ending in … where it cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// queryValues parses a query string (with or without its leading '?') of
// at most maxQuery bytes.
func queryValues(q string) (url.Values, error) {
	if len(q) > maxQuery {
		return url.Values{}, fmt.Errorf("the query string is %d bytes long, more than the %d the app reads", len(q), maxQuery)
	}
	values, err := url.ParseQuery(strings.TrimPrefix(q, "?"))
	if err != nil {
		err = fmt.Errorf("the query string is malformed (%w)", err)
	}
	return values, err
}

// ParseQuery reads a query string (with or without its leading '?') into a
// scenario. A bad or unknown key or value is skipped — the default stands —
// and described in the returned problems, so that a damaged link still
// opens; a value beyond what the app can show (appLimits) is lowered to
// the limit, and that is described too. The result is always valid.
func ParseQuery(q string) (sc param.Scenario, problems []string) {
	sc, problems, bad := parseQuery(q)
	for _, p := range bad {
		problems = append(problems, p.text)
	}
	return sc, problems
}

// parseQuery is ParseQuery, with the values lowered to the app's limits
// and those ignored apart.
func parseQuery(q string) (sc param.Scenario, clamped []string, bad []problem) {
	values, err := queryValues(q)
	if err != nil {
		bad = append(bad, problem{"", "link: " + err.Error() + "; using the defaults"})
	}
	sc, _ = param.NewScenario(param.DefaultPreset)
	if name := last(values["preset"]); name != "" {
		if next, err := param.NewScenario(name); err != nil {
			bad = append(bad, problem{"preset", "link: " + err.Error()})
		} else {
			sc = next
		}
	}
	if text := last(values["seed"]); text != "" {
		if seed, err := param.ParseSeed(text); err != nil {
			bad = append(bad, problem{"seed", "link: " + err.Error()})
		} else {
			sc.Seed = seed
		}
	}
	for _, key := range sortedKeys(values) {
		if key == "preset" || key == "seed" || optionKeys[key] || strings.HasPrefix(key, GuessPrefix) {
			continue
		}
		p := sc.Params
		if err := p.SetString(key, last(values[key])); err != nil {
			bad = append(bad, problem{key, "link: " + err.Error()})
			continue
		}
		if msg, ok := clamp(&p, key); ok {
			clamped = append(clamped, msg)
		}
		if err := p.Validate(); err != nil {
			bad = append(bad, problem{key, "link: " + err.Error()})
			continue
		}
		sc.Params = p
	}
	return sc, clamped, bad
}

// clamp lowers parameter name to the app's limit, if it is above it, and
// says so.
func clamp(p *param.Params, name string) (string, bool) {
	limit, ok := appLimits[name]
	v, _ := p.Get(name)
	if !ok || v <= limit {
		return "", false
	}
	_ = p.Set(name, limit) // the limit is within the table's range
	s, _ := param.Lookup(name)
	return fmt.Sprintf("link: %s: %s is more than the app can show; using %s (the app's limit; the command line takes up to %s)",
		name, plainNumber(v), plainNumber(limit), plainNumber(s.Max)), true
}

func last(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[len(vs)-1]
}

// sortedKeys orders keys as the parameter table does, unknown ones last, so
// that constraints between parameters are checked in a fixed order.
func sortedKeys(values url.Values) []string {
	order := map[string]int{}
	for i, n := range param.Names() {
		order[n] = i
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		oi, iok := order[keys[i]]
		oj, jok := order[keys[j]]
		if iok != jok {
			return iok
		}
		if iok {
			return oi < oj
		}
		return keys[i] < keys[j]
	})
	return keys
}
