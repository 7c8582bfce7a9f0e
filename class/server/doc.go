// Package server is the class experiment's web server: the teacher's page,
// the students' page and the JSON API behind them, over a class/store
// database. Pages hear of changes by server-sent events.
package server
