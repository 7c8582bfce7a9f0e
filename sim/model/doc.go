// Package model is one rep's life (docs/model.md, 7.1 to 7.7): traits drawn
// at hire, the opt-in decision, and a workday's revenue and urge to leave,
// simulated in two worlds at once (with and without a mentor) from the same
// random draws, so that each rep's true effect of mentoring is known.
package model
