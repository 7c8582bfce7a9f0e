// Package replicate runs many independent studies of one scenario and
// summarises each estimand across them (docs/model.md, 7.8, "Replications").
package replicate
