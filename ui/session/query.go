package session

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"mentorsim/sim/param"
	"mentorsim/ui/lesson"
)

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
		fmt.Fprintf(&b, "&%s=%s", name, param.Format(v))
	}
	if s.InLesson() {
		fmt.Fprintf(&b, "&lesson=%d", s.Step)
	}
	if s.Large {
		b.WriteString("&large=1")
	}
	return b.String()
}

// Options are a link's settings of the app rather than of the run.
type Options struct {
	Lesson int  // the lesson's step to show (1-based); 0: none
	Large  bool // large text
}

// optionKeys are the query keys Options reads; ParseQuery skips them.
var optionKeys = map[string]bool{"lesson": true, "large": true}

// ParseOptions reads lesson=N (a whole number from 0 to lesson.MaxSteps)
// and large=0|1 from a query string; a bad value is skipped and described.
func ParseOptions(q string) (o Options, problems []string) {
	values, _ := url.ParseQuery(strings.TrimPrefix(q, "?")) // ParseQuery reports a malformed string
	if text := last(values["lesson"]); text != "" {
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 || n > lesson.MaxSteps {
			problems = append(problems, fmt.Sprintf("link: lesson: %q is not allowed; want a step number, 0 for none", text))
		} else {
			o.Lesson = n
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
	sc, problems := ParseQuery(query)
	o, more := ParseOptions(query)
	problems = append(problems, more...)
	s, err := New(sc)
	if err != nil {
		return nil, err
	}
	s.Large, s.Workers = o.Large, workers
	s.SetLesson(l)
	if o.Lesson > 0 {
		if err := s.GoToStep(o.Lesson, workers); err != nil {
			problems = append(problems, "link: "+err.Error())
		} else {
			changed, more := s.linkParams(sc)
			problems = append(problems, more...)
			if err := s.rerunIf(changed); err != nil {
				problems = append(problems, "link: "+err.Error())
			}
		}
	}
	s.Notice = strings.Join(problems, "\n")
	return s, nil
}

// ParseQuery reads a query string (with or without its leading '?') into a
// scenario. A bad or unknown key or value is skipped — the default stands —
// and described in the returned problems, so that a damaged link still
// opens. The result is always valid.
func ParseQuery(q string) (sc param.Scenario, problems []string) {
	values, err := url.ParseQuery(strings.TrimPrefix(q, "?"))
	if err != nil {
		problems = append(problems, fmt.Sprintf("link: the query string is malformed (%v); using the defaults", err))
	}
	sc, _ = param.NewScenario("study")
	if name := last(values["preset"]); name != "" {
		if next, err := param.NewScenario(name); err != nil {
			problems = append(problems, "link: "+err.Error())
		} else {
			sc = next
		}
	}
	if text := last(values["seed"]); text != "" {
		if seed, err := param.ParseSeed(text); err != nil {
			problems = append(problems, "link: "+err.Error())
		} else {
			sc.Seed = seed
		}
	}
	for _, key := range sortedKeys(values) {
		if key == "preset" || key == "seed" || optionKeys[key] {
			continue
		}
		p := sc.Params
		if err := p.SetString(key, last(values[key])); err != nil {
			problems = append(problems, "link: "+err.Error())
			continue
		}
		if err := p.Validate(); err != nil {
			problems = append(problems, "link: "+err.Error())
			continue
		}
		sc.Params = p
	}
	return sc, problems
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
