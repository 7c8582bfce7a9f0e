package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// inDir runs the test in a fresh directory laid out like the repository:
// docs/ with the given files.
func inDir(t *testing.T, files map[string]string) {
	t.Helper()
	t.Chdir(t.TempDir())
	for name, body := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readPage(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRenderPages(t *testing.T) {
	inDir(t, map[string]string{
		"docs/model.md": "# The model: `ODD`\n\nSee [the worksheet](worksheet.md#q1), [parameters](parameters.md), " +
			"[the README](../README.md), [a paper](https://www.nber.org/papers/w29148) and [below](#entities).\n\n" +
			"## Entities\n\n| name | default |\n|---|---|\n| `mentor_gain` | 1.5 |\n\n![a dot](figures/dot.svg)\n\n<div class=\"answer\"></div>\n",
		"docs/worksheet.md":    "# Worksheet\n\n1. What do you see? [model](./model.md)\n",
		"docs/figures/dot.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	})
	if err := run([]string{"-out", "web", "docs/model.md", "docs/worksheet.md"}); err == nil {
		t.Fatal("no error writing into a missing directory")
	}
	if err := os.Mkdir("web", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"-out", "web", "docs/model.md", "docs/worksheet.md"}); err != nil {
		t.Fatal(err)
	}
	model := readPage(t, "web/model.html")
	for _, want := range []string{
		"<title>The model: ODD — mentorsim</title>",
		`<a href="index.html">`, // back to the app
		`<body class="page-model">`,
		`<a href="worksheet.html#q1">the worksheet</a>`,
		`<a href="https://www.nber.org/papers/w29148">a paper</a>`,
		`<a href="#entities">below</a>`,
		`<h2 id="entities">Entities</h2>`,
		"<th>name</th>", "<td><code>mentor_gain</code></td>", // a GFM table
		`src="data:image/svg+xml;base64,`,
		`<div class="answer"></div>`,
		"@media print",
		"white-space: pre-wrap",                             // formula blocks wrap in print rather than run off the page
		".page-worksheet table, .page-worksheet blockquote", // a step's table stays with its heading
	} {
		if !strings.Contains(model, want) {
			t.Errorf("model.html lacks %s", want)
		}
	}
	// Files the site does not hold keep their text but lose their link.
	for _, bad := range []string{"parameters.md", "README.md", "figures/dot.svg"} {
		if strings.Contains(model, bad) {
			t.Errorf("model.html still refers to %s", bad)
		}
	}
	if !strings.Contains(model, ", parameters, the README, ") {
		t.Errorf("model.html lost the text of the dropped links")
	}
	if ws := readPage(t, "web/worksheet.html"); !strings.Contains(ws, `<a href="model.html">model</a>`) || !strings.Contains(ws, `class="page-worksheet"`) {
		t.Errorf("worksheet.html: link to the model not rewritten, or no page class:\n%s", ws)
	}

	// A second run with the same sources leaves the pages untouched.
	info, _ := os.Stat("web/model.html")
	old := info.ModTime().Add(-time.Hour)
	if err := os.Chtimes("web/model.html", old, old); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"-out", "web", "docs/model.md", "docs/worksheet.md"}); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat("web/model.html"); !info.ModTime().Equal(old) {
		t.Error("an unchanged page was rewritten")
	}
}

func TestRenderRefuses(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"outside.md", "# X\n\n[up](../../outside-the-repo/notes.md)\n", "leads out of the repository"},
		{"rooted.md", "# X\n\n[root](/etc/passwd)\n", "relative to the file"},
		{"image.md", "# X\n\n![pdf](figure.pdf)\n", "want one of .png"},
		{"missing.md", "# X\n\n![gone](gone.png)\n", "gone.png"},
		{"untitled.md", "Some text.\n", "no heading"},
		{"notmd.txt", "# X\n", "NAME.md"},
	}
	for _, c := range cases {
		inDir(t, map[string]string{"docs/" + c.name: c.body, "web/.keep": ""})
		err := run([]string{"-out", "web", "docs/" + c.name})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
	inDir(t, map[string]string{"web/.keep": ""})
	if err := run([]string{"-out", "web", "../x.md"}); err == nil || !strings.Contains(err.Error(), "inside the current directory") {
		t.Errorf("a file outside the repository: error %v", err)
	}
	inDir(t, map[string]string{"a/x.md": "# A\n", "b/x.md": "# B\n", "web/.keep": ""})
	if err := run([]string{"-out", "web", "a/x.md", "b/x.md"}); err == nil || !strings.Contains(err.Error(), "both become x.html") {
		t.Errorf("two files named x.md: error %v", err)
	}
}
