package session

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"mentorsim/sim/param"
)

// Query is the URL query string that reproduces the session's run: the
// preset, the seed and every parameter that differs from the preset, in
// table order.
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
	return b.String()
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
		if key == "preset" || key == "seed" {
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
