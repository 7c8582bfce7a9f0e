package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// markdown is GitHub-flavoured Markdown (tables, strikethrough, autolinks,
// task lists) with heading ids, so that links to #sections work as they do
// on GitHub. Raw HTML is kept: the sources are the repository's own.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	goldmark.WithRendererOptions(html.WithUnsafe()),
)

// render turns the Markdown file (its path and contents) into a standalone
// page; pages maps the files rendered together to their pages' names.
func render(file string, src []byte, pages map[string]string) ([]byte, error) {
	doc := markdown.Parser().Parse(text.NewReader(src))
	if err := fixLinks(doc, filepath.Dir(file), pages); err != nil {
		return nil, err
	}
	var body bytes.Buffer
	if err := markdown.Renderer().Render(&body, src, doc); err != nil {
		return nil, err
	}
	title := firstHeading(doc, src)
	if title == "" {
		return nil, fmt.Errorf("no heading to take the page's title from; start the file with '# Title'")
	}
	var page bytes.Buffer
	err := pageTemplate.Execute(&page, pageData{
		Title:  title,
		Name:   strings.TrimSuffix(pages[filepath.Clean(file)], ".html"),
		Source: filepath.ToSlash(file),
		Body:   template.HTML(body.String()),
	})
	return page.Bytes(), err
}

// fixLinks rewrites the document's relative links and images (see the
// package comment); dir is the Markdown file's directory.
func fixLinks(doc ast.Node, dir string, pages map[string]string) error {
	var unlink []*ast.Link
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			target, keep, err := linkTarget(string(n.Destination), dir, pages)
			if err != nil {
				return ast.WalkStop, err
			}
			if !keep {
				unlink = append(unlink, n)
			}
			n.Destination = []byte(target)
		case *ast.Image:
			data, err := embedImage(string(n.Destination), dir)
			if err != nil {
				return ast.WalkStop, err
			}
			n.Destination = []byte(data)
		}
		return ast.WalkContinue, nil
	})
	for _, l := range unlink {
		replaceWithChildren(l)
	}
	return err
}

// linkTarget is where a link should point on the site, and whether it stays
// a link: absolute URLs and #fragments are kept, a rendered document becomes
// its page, and another file of the repository is not on the site, so its
// link is dropped.
func linkTarget(dest, dir string, pages map[string]string) (string, bool, error) {
	file, fragment, local, err := localPath(dest, dir)
	if err != nil || !local {
		return dest, true, err
	}
	if page, ok := pages[file]; ok {
		if fragment != "" {
			page += "#" + fragment
		}
		return page, true, nil
	}
	return "", false, nil
}

// localPath resolves a relative link against dir; local is false for
// absolute URLs and bare #fragments, and a path leading out of the
// repository (the current directory) is an error.
func localPath(dest, dir string) (file, fragment string, local bool, err error) {
	u, err := url.Parse(dest)
	if err != nil {
		return "", "", false, fmt.Errorf("link %q: %v", dest, err)
	}
	if u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", "", false, nil
	}
	if path.IsAbs(u.Path) {
		return "", "", false, fmt.Errorf("link %q: want a path relative to the file", dest)
	}
	file = filepath.Join(dir, filepath.FromSlash(u.Path))
	if !filepath.IsLocal(file) {
		return "", "", false, fmt.Errorf("link %q leads out of the repository; nothing in the project may refer to files outside it", dest)
	}
	return file, u.Fragment, true, nil
}

// imageTypes are the images a page may embed.
var imageTypes = map[string]string{
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp",
}

// embedImage returns a data: URL holding a relative image (absolute URLs
// are kept), so the page stands alone.
func embedImage(dest, dir string) (string, error) {
	file, _, local, err := localPath(dest, dir)
	if err != nil || !local {
		return dest, err
	}
	typ, ok := imageTypes[strings.ToLower(filepath.Ext(file))]
	if !ok {
		return "", fmt.Errorf("image %q: want one of .png, .jpg, .gif, .svg, .webp", dest)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("image %q: %w", dest, err)
	}
	return "data:" + typ + ";base64," + base64.StdEncoding.EncodeToString(data), nil
}

// replaceWithChildren puts n's children in its place.
func replaceWithChildren(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; c = n.FirstChild() {
		n.RemoveChild(n, c)
		parent.InsertBefore(parent, n, c)
	}
	parent.RemoveChild(parent, n)
}

// firstHeading is the plain text of the document's first level-1 heading.
func firstHeading(doc ast.Node, src []byte) string {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			return plainText(h, src)
		}
	}
	return ""
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
