// Package export formats a study's outputs — summary.json, reps.csv,
// daily.csv, days.csv and panel.csv — the same way for the command line, the desktop
// app and the browser. It writes to an io.Writer and does no other I/O.
package export
