#!/bin/sh
# Writes Go-Regular.ttf and Go-Bold.ttf here: golang.org/x/image's Go fonts
# without their TrueType hinting (fpgm, prep, cvt, gasp and each glyph's
# instructions), half of each font's bytes, which the app never runs: it
# draws unhinted. Every glyph, outline and advance is kept (TestSameGlyphs).
# Needs pyftsubset (Debian: apt-get install fonttools).
set -eu
cd "$(dirname "$0")"
src="$(go list -m -f '{{.Dir}}' golang.org/x/image)/font/gofont/ttfs"
for f in Go-Regular Go-Bold; do
	pyftsubset "$src/$f.ttf" --glyphs='*' --unicodes='*' --no-hinting --notdef-outline \
		--name-IDs='*' --name-languages='*' --name-legacy --output-file="$f.ttf"
done
