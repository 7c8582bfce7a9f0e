package param

import (
	"strings"
	"testing"
)

// Every parameter and preset has plain words for a class: a short label and
// one line of help, none of them repeated.
func TestPlainWords(t *testing.T) {
	t.Parallel()
	labels := map[string]string{}
	for _, s := range Specs() {
		if s.Label == "" || s.Help == "" {
			t.Errorf("%s lacks a label or help", s.Name)
		}
		if len(s.Label) > 34 || strings.Contains(s.Help, "\n") || len(s.Help) > 140 {
			t.Errorf("%s: label %q or help %q is too long for a caption or tooltip", s.Name, s.Label, s.Help)
		}
		if strings.Contains(s.Label, "_") || strings.Contains(s.Help, "_") {
			t.Errorf("%s: label or help uses a raw name: %q / %q", s.Name, s.Label, s.Help)
		}
		if other, ok := labels[s.Label]; ok {
			t.Errorf("%s and %s share the label %q", s.Name, other, s.Label)
		}
		labels[s.Label] = s.Name
	}
	for _, s := range Specs() {
		if u := s.PlainUnit(); strings.Contains(u, "utility") || strings.Contains(u, "log") || strings.Contains(u, "/") {
			t.Errorf("%s: plain unit %q", s.Name, u)
		}
	}
	for _, name := range PresetNames() {
		if h := PresetHelp(name); h == "" || strings.Contains(h, "\n") {
			t.Errorf("preset %s: help %q, want one line", name, h)
		}
	}
	if PresetHelp("nonesuch") != "" {
		t.Error("an unknown preset has help")
	}
}
