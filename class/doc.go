// Package class is the class experiment: the students are the reps. It holds
// the activity's rules — the sales-call task, the randomised offer of
// coaching and the class's results — apart from storage (class/store) and
// the web server (class/server).
package class
