package main

import "html/template"

type pageData struct {
	Title  string
	Name   string // the page's name: "model" for model.html
	Source string // the Markdown file it was made from
	Body   template.HTML
}

// pageTemplate is a page that stands alone: its stylesheet is inline, it
// links only to the app beside it, and it prints black on white without the
// navigation. On the worksheet (page-worksheet), rules are lines to write
// answers on and table cells leave room to fill in.
var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>{{.Title}} — mentorsim</title>
<link rel="icon" href="data:,">
<!-- Generated from {{.Source}} by make web (internal/tools/mdpage); edit that file, not this one. -->
<style>
body { margin: 0; background: #fff; color: #1d1d1d;
  font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
nav.app { background: #f3f1ea; border-bottom: 1px solid #dcd8cc; padding: .6rem 1.25rem; }
nav.app a { font-weight: 600; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 1rem 0; }
h2 { margin-top: 2.2rem; padding-bottom: .2rem; border-bottom: 1px solid #ddd; }
h3 { margin-top: 1.6rem; }
a { color: #0b5cad; }
code { font: .88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #f1f1f1; padding: .05em .3em; border-radius: 3px; }
pre { background: #f6f6f6; padding: .75rem 1rem; overflow-x: auto; border-radius: 4px; line-height: 1.4; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
blockquote { margin: 1rem 0; padding: .1rem 1rem; border-left: 4px solid #ccc; color: #3b3b3b; }
img { max-width: 100%; height: auto; }
hr { border: 0; border-top: 1px solid #ccc; margin: 2rem 0; }
/* The worksheet's answer lines are rules (___ in Markdown), its tables blanks to fill. */
.page-worksheet hr { margin: 2.1em 0 0; border-top: 1px solid #999; }
.page-worksheet hr + h2 { margin-top: 2.6rem; }
.page-worksheet td { height: 2.2em; min-width: 4.5em; }
@media print {
  @page { margin: 1.5cm; }
  nav.app { display: none; }
  body { font-size: 11pt; line-height: 1.45; color: #000; background: #fff; }
  main { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  code, pre, th { background: none; }
  pre { border: 1px solid #999; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 9pt; }
  table { display: table; }
  h1, h2, h3, h4 { break-after: avoid; }
  tr, pre, blockquote, img { break-inside: avoid; }
  .page-worksheet table, .page-worksheet blockquote, .page-worksheet h2 + p { break-inside: avoid; break-before: avoid; }
  .page-worksheet h2 { margin-top: 1.4rem; }
  .page-worksheet hr { border-top-color: #888; }
}
</style>
</head>
<body class="page-{{.Name}}">
<nav class="app"><a href="index.html">← Back to the mentorsim simulator</a></nav>
<main>
{{.Body}}
</main>
</body>
</html>
`))
