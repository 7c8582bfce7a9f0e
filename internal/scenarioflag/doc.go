// Package scenarioflag is the command-line flags that choose a scenario,
// shared by mentorsim and mentorsim-desktop: -scenario NAME|FILE, -seed,
// -set name=value and one flag per parameter, all from the parameter table.
package scenarioflag
