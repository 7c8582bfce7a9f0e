package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestClassRoomAndRoster: a teacher starts a session in a room with a
// roster from the home page; a student opens the room's lasting link,
// picks their label and joins; the teacher sees the label (on Show names
// only: it is a name), removes the student from the analysis with one
// click, which the export records, and frees the name for a rejoin.
func TestClassRoomAndRoster(t *testing.T) {
	db := filepath.Join(t.TempDir(), "class.db")
	srv := startClass(t, freeAddr(t), db, 0)
	teacher := newTab(t, 1024, 768)
	teacher.run(chromedp.Navigate(srv.base + "/"))
	teacher.setValue("#room", "econ101")
	teacher.setValue("#roster", "Ann\nBo\nCy")
	teacher.click("#create")
	teacher.wait(`document.getElementById("code") && /^[A-Z0-9]{6}$/.test(document.getElementById("code").textContent)`)
	code := teacher.text("#code")

	s := newTab(t, 390, 844)
	// A mistyped code says so on the join page, before anything is typed.
	s.run(chromedp.Navigate(srv.base + "/j/QQQQQQ"))
	s.screen("join")
	s.wait(`document.querySelector("#app .error").textContent.includes("There is no session QQQQQQ")`)
	s.run(chromedp.Navigate(srv.base + "/r/econ101"))
	s.screen("join")
	s.wait(`!document.getElementById("label").hidden && document.getElementById("label").options.length === 4`)
	if got := evalIn[string](s, `location.pathname`); got != "/j/"+code {
		t.Errorf("the room's link led to %s; want /j/%s", got, code)
	}
	s.click("#join") // no name picked: the page says so, in words
	s.wait(`document.querySelector("#app .error").textContent === "Pick your name from the list first."`)
	s.setValue("#label", "Bo")
	s.click("#join")
	s.screen("lobby")
	if got := s.text("#app bdi"); got != "Bo" {
		t.Errorf("the lobby names the student %q; want the name picked, Bo", got)
	}

	// The label is a name: hidden on the projector until Show names.
	teacher.wait(`!!document.querySelector('[data-student="S001"]')`)
	if got := teacher.text(`[data-student="S001"]`); strings.Contains(got, "Bo") {
		t.Errorf("the roster shows %q with names hidden; want no label", got)
	}
	teacher.click("#names")
	teacher.wait(`!!document.querySelector('[data-student="S001"]') && document.querySelector('[data-student="S001"]').textContent.includes("[Bo]")`)
	teacher.click(`[data-exclude="S001"]`)
	teacher.wait(`document.querySelector('[data-student="S001"]').classList.contains("excluded")`)
	// Freeing the name (a student who lost their link) puts Bo back on the
	// join page's list.
	teacher.click(`[data-release="S001"]`)
	teacher.wait(`!document.querySelector('[data-student="S001"]').textContent.includes("[Bo]")`)
	if got := string(fetch(t, srv.base+"/api/s/"+code+"/labels", "")); !strings.Contains(got, `"Bo"`) {
		t.Errorf("the free labels after freeing Bo: %s; want Bo among them", got)
	}
	rows := readCSV(t, filepath.Join(classExport(t, db, code), "students.csv"))
	if len(rows) != 1 || rows[0]["label"] != "" || rows[0]["excluded"] != "true" || !strings.Contains(rows[0]["status"], "removed") {
		t.Errorf("export: %v; want the student without the name freed, excluded, removed from the analysis", rows)
	}
}
