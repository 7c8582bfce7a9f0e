package main

import "testing"

// rscript returns an Rscript that can load sandwich, survival and
// jsonlite: the first Rscript on PATH, else Debian's.
func rscript(t *testing.T) string {
	return findTool(t, []string{"Rscript", "/usr/bin/Rscript"}, []string{"-e", "library(sandwich); library(survival); library(jsonlite)"},
		"Rscript with sandwich, survival and jsonlite; install Debian's r-base-core r-cran-sandwich r-cran-survival r-cran-jsonlite (make deps)")
}

// examples/analysis.R, the twin of analysis.py, recomputes every estimate
// of `run -json` from the exported rep-day panel alone, with lm, sandwich
// and survival, and agrees to 1e-8, for both specs (-spec fe: lm with
// explicit dummies).
func TestAnalysisRReproducesRun(t *testing.T) {
	r := rscript(t)
	for _, spec := range []string{"ols", "fe"} {
		t.Run(spec, func(t *testing.T) { checkAnalysis(t, r, "../../examples/analysis.R", spec) })
	}
}
