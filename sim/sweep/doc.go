// Package sweep runs a scenario over a grid of parameter values, many
// replications at each point, as independent tasks whose results never
// depend on the order or the number of workers that run them. It parses grid
// specifications and sweep files, seeds and runs tasks, and formats the tidy
// results (one CSV row per task) and the per-point summary. It does no I/O
// of its own: the mentorsim command journals rows, resumes and shards.
package sweep
