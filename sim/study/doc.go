// Package study is the two-branch field experiment (docs/model.md, 7.3) run
// on simulated reps: who is hired when, who is asked, who is mentored, the
// study's calendar, and the estimates computed from what it observes.
package study
