// Command mdpage renders the project's Markdown documents (docs/model.md,
// docs/worksheet.md) into standalone HTML pages for the web site, at build
// time: `make web` runs it. Each page carries a small stylesheet that also
// prints well, and a link back to the app.
//
//	go run ./internal/tools/mdpage -out DIR FILE.md...
//
// writes DIR/NAME.html for each FILE, NAME.md. Relative links between the
// files rendered together point to their pages; a relative link to any other
// file of the repository (which the site does not hold) keeps its text but
// loses its link; relative images are embedded, so a page needs nothing
// beside it. A link or image leading out of the repository is an error.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "mdpage:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	flags := flag.NewFlagSet("mdpage", flag.ContinueOnError)
	out := flags.String("out", "", "the directory to write NAME.html into")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *out == "" || flags.NArg() == 0 {
		return errors.New("usage: mdpage -out DIR FILE.md...")
	}
	files, err := repoPaths(flags.Args())
	if err != nil {
		return err
	}
	pages, err := pageNames(files)
	if err != nil {
		return err
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		html, err := render(file, src, pages)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if err := writeIfChanged(filepath.Join(*out, pages[filepath.Clean(file)]), html); err != nil {
			return err
		}
	}
	return nil
}

// repoPaths makes the files' paths relative to the current directory, the
// repository's root, against which links are checked.
func repoPaths(files []string) ([]string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	rel := make([]string, len(files))
	for i, f := range files {
		abs, err := filepath.Abs(f)
		if err == nil {
			rel[i], err = filepath.Rel(wd, abs)
		}
		if err != nil || !filepath.IsLocal(rel[i]) {
			return nil, fmt.Errorf("%s: want a file inside the current directory, the repository", f)
		}
	}
	return rel, nil
}

// pageNames maps each (cleaned) input path to its page's file name.
func pageNames(files []string) (map[string]string, error) {
	pages := map[string]string{}
	taken := map[string]string{}
	for _, f := range files {
		base := filepath.Base(f)
		name, ok := strings.CutSuffix(base, ".md")
		if !ok || name == "" {
			return nil, fmt.Errorf("%s: want a Markdown file named NAME.md", f)
		}
		page := name + ".html"
		if other, dup := taken[page]; dup && other != filepath.Clean(f) {
			return nil, fmt.Errorf("%s and %s would both become %s", other, f, page)
		}
		taken[page] = filepath.Clean(f)
		pages[filepath.Clean(f)] = page
	}
	return pages, nil
}

// writeIfChanged leaves an identical file alone, so browsers keep their
// cached copy.
func writeIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".new") // hidden: never served
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
