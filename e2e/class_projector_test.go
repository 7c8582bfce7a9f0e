//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mentorsim/class/bot"
)

// TestClassProjectorForTheBackRow drives a session of 24 simulated
// students (over the API) while the teacher's page sits on a 1024×768
// projector, and checks what the back row can read: in the join view a QR
// code at least a third of the screen high, the code and the link large;
// during a round a big progress count; after the reveal the key result in
// one sentence that agrees with the intervals, and the scatter above the
// fold with the page not scrolled. Body text is at least 20 px, and the
// cells the tests read explain themselves on hover.
func TestClassProjectorForTheBackRow(t *testing.T) {
	const W, H = 1024, 768
	srv := startClass(t, freeAddr(t), filepath.Join(t.TempDir(), "class.db"), 3)
	var sess struct{ Session, Teacher_token, Join_url string }
	post(t, srv.base+"/api/sessions", "", `{"framing":"split"}`, &sess)
	teacher := newTab(t, W, H)
	teacher.run(chromedp.Navigate(srv.base + "/t/" + sess.Session + "#k=" + sess.Teacher_token))
	teacher.wait(`app.dataset.phase === "lobby"`)

	students := joinBots(t, srv.base, sess.Session, 24, 100)

	// The lobby is the join view: QR, link and code, large.
	teacher.wait(`/24 joined/.test(document.getElementById("joined")?.textContent) && document.getElementById("qr").complete && document.getElementById("qr").naturalWidth > 0`)
	checkJoinView(t, teacher, sess.Session, sess.Join_url)
	checkBodyText(t, teacher)
	shots := os.Getenv("MENTORSIM_PROJECTOR_SHOTS") // for looking at the pages while working on them
	if shots != "" {
		teacher.shot(shots, "projector-lobby.png")
	}

	// Round 1: 17 of the 24 finish; the count is big and on screen.
	phase := func(p string) {
		post(t, srv.base+"/api/s/"+sess.Session+"/phase", sess.Teacher_token, `{"phase":"`+p+`"}`, nil)
	}
	phase("round1")
	play(t, students[:17], 1)
	teacher.wait(`document.getElementById("progress")?.textContent === "17 of 24 finished round 1"`)
	type box struct {
		Top, Bottom, Height, Font, ScrollY float64
		Shown                              bool
	}
	measure := func(sel string) box {
		t.Helper()
		q, _ := json.Marshal(sel)
		return evalIn[box](teacher, `(e => { if (!e) return {}; const r = e.getBoundingClientRect();
			return {top: r.top, bottom: r.bottom, height: r.height, font: parseFloat(getComputedStyle(e).fontSize),
				scrollY: window.scrollY, shown: r.height > 0 && getComputedStyle(e).visibility === "visible"} })(document.querySelector(`+string(q)+`))`)
	}
	if b := measure("#progress-count"); !b.Shown || b.Top < 0 || b.Bottom > H || b.Font < 60 {
		t.Errorf("the progress count is at %.0f–%.0f px in %.0f px type (shown %v); want it on screen, 60 px or more", b.Top, b.Bottom, b.Font, b.Shown)
	}
	if b := measure("#progress"); b.Font < 40 {
		t.Errorf("the progress line is in %.0f px type; want 40 px or more", b.Font)
	}
	if teacher.text("#join-view") != "(no #join-view)" {
		t.Error("the join view is still up during round 1")
	}
	// The join view comes back on demand, and goes again.
	teacher.click("#join-toggle")
	teacher.wait(`!!document.getElementById("join-view")`)
	checkJoinView(t, teacher, sess.Session, sess.Join_url)
	teacher.click("#join-toggle")
	teacher.wait(`!document.getElementById("join-view")`)
	if shots != "" {
		teacher.shot(shots, "projector-round1.png")
	}
	play(t, students[17:], 1)

	phase("round2")
	play(t, students, 2)
	teacher.wait(`document.getElementById("progress")?.textContent === "24 of 24 finished round 2"`)
	phase("revealed")
	teacher.wait(`app.dataset.phase === "revealed" && !!document.getElementById("key-result")`)
	if shots != "" {
		teacher.shot(shots, "projector-revealed.png")
	}

	// The sentence says what the intervals allow, and no more.
	var view struct {
		Results struct {
			Estimands []struct {
				ID       string
				Estimate struct {
					Estimate *float64
					CI95     [2]*float64
				}
			}
		}
	}
	getJSON(t, srv.base+"/api/s/"+sess.Session+"/teacher", sess.Teacher_token, &view)
	est := map[string][3]*float64{}
	for _, e := range view.Results.Estimands {
		est[e.ID] = [3]*float64{e.Estimate.Estimate, e.Estimate.CI95[0], e.Estimate.CI95[1]}
	}
	lead, coach := est["optin_vs_optout"], est["voluntary_lift"]
	want := "unknown"
	if lead[1] != nil && coach[1] != nil {
		want = "no"
		if *lead[1] > 0 && *coach[1] <= 0 {
			want = "yes"
		}
	}
	sentence := teacher.text("#key-result")
	t.Logf("the key result (%s): %s", want, sentence)
	if got := evalIn[string](teacher, `document.getElementById("key-result").dataset.paradox`); got != want {
		t.Errorf("the key result's verdict is %q; the intervals give %q: %s", got, want, sentence)
	}
	zero := func(e [3]*float64) bool { return e[1] != nil && *e[1] <= 0 && *e[2] >= 0 }
	zeros := len(slices.DeleteFunc([][3]*float64{lead, coach}, func(e [3]*float64) bool { return !zero(e) }))
	if n := strings.Count(sentence, "not clearly different from zero"); want != "unknown" && n != zeros {
		t.Errorf("the key result says %d times that a difference is not clear; the intervals include 0 %d times: %s", n, zeros, sentence)
	}
	if want == "yes" && !strings.Contains(sentence, "paradox") || want == "no" && !strings.Contains(sentence, "no paradox") {
		t.Errorf("the key result does not give its verdict: %s", sentence)
	}

	// Above the fold, not scrolled: the sentence, the estimates and the
	// scatter.
	for _, sel := range []string{"#key-result", "#estimands", "#scatter"} {
		if b := measure(sel); !b.Shown || b.ScrollY != 0 || b.Top < 0 || b.Bottom > H {
			t.Errorf("%s is at %.0f–%.0f px with the page scrolled %.0f px; want it all within the first %d px", sel, b.Top, b.Bottom, b.ScrollY, H)
		}
	}
	// Nothing spills out of its card or off the screen's side, also with
	// the secondary tables open.
	teacher.click("#more summary")
	teacher.wait(`document.getElementById("more").open`)
	if shots != "" {
		evalIn[bool](teacher, `(document.getElementById("more").scrollIntoView(), true)`)
		teacher.shot(shots, "projector-more.png")
		evalIn[bool](teacher, `(scrollTo(0, 0), true)`)
	}
	if spill := evalIn[[]string](teacher, `[...document.querySelectorAll("#app table, #app svg, #key-result, #small")].filter(e => {
			const r = e.getBoundingClientRect(), p = e.closest(".card, #app").getBoundingClientRect();
			return r.width > 0 && (r.right > Math.min(p.right, innerWidth) + 0.5 || r.left < p.left - 0.5);
		}).map(e => e.id || e.tagName)`); len(spill) > 0 {
		t.Errorf("these stick out of their card or off the screen: %v", spill)
	}
	if b := measure("#key-result"); b.Font < 22 {
		t.Errorf("the key result is in %.0f px type; want at least 22 px", b.Font)
	}
	checkBodyText(t, teacher)
	// Every cell of the estimates explains itself on hover.
	if n := evalIn[int](teacher, `[...document.querySelectorAll("#estimands td, #estimands th, #rank td, #framing-table td")].filter(e => !e.title && e.textContent).length`); n > 0 {
		t.Errorf("%d cells of the results have no title to explain them", n)
	}
	if m := evalIn[string](teacher, `document.querySelector('[data-means="mandatory_lift"]').title`); !strings.Contains(m, "Mean sales") {
		t.Errorf("the means cell explains itself as %q", m)
	}

	// The sentence in every case: the paradox, none, unclear, too few.
	for _, tc := range []struct {
		lead, coach string // estimate, low, high as JSON, or null
		verdict     string
		has         []string
	}{
		{"[0.3, 0.1, 0.52]", "[0.02, -0.2, 0.25]", "yes", []string{
			"In this class, students who asked for coaching sold 30% more in round 2 than those who declined, " +
				"and coaching them changed their sales by +2%, not clearly different from zero — the study's paradox."}},
		{"[0.3, 0.1, 0.52]", "[-0.3, -0.5, -0.1]", "yes", []string{"sold 30% more", "lowered their sales by 30% — the study's paradox"}},
		{"[-0.08, -0.3, 0.2]", "[0.45, 0.12, 0.88]", "no", []string{
			"In this class, students who asked for coaching sold 8% less in round 2 than those who declined, not clearly different from zero, " +
				"and coaching them raised their sales by 45% — no paradox."}},
		{"[0.3, 0.1, 0.52]", "[0.4, 0.1, 0.8]", "no", []string{"sold 30% more in round 2 than those who declined, and coaching them raised their sales by 40% — no paradox."}},
		{"[0.001, -0.2, 0.3]", "[0.1, -0.2, 0.5]", "no", []string{"sold about as much in round 2 as those who declined, not clearly different from zero,", "by +10%, not clearly different from zero — no paradox."}},
		{"[0.3, 0.1, 0.52]", "null", "unknown", []string{"sold 30% more", "cannot be told yet", "(1 coached and 3 denied; each group needs 2), so it is too early to tell whether this class shows the paradox."}},
		{"null", "[0.1, -0.2, 0.5]", "unknown", []string{"coaching the students who asked for it changed their sales by +10%", "(a group sold nothing, so no ratio)", "too early"}},
		{"null", "null", "unknown", []string{"Too few students yet", "(asked: 4, declined: 5; of those who asked, coached: 1, denied: 3)"}},
	} {
		got := evalIn[struct{ Verdict, Text string }](teacher, fmt.Sprintf(`(() => {
			const e = (id, v, n) => ({id, n, estimate: v ? {estimate: v[0], ci95: [v[1], v[2]]} : {estimate: null, ci95: [null, null]}});
			return keySentence({n: 20, estimands: [e("voluntary_lift", %s, [1, 3]), e("optin_vs_optout", %s, [4, 5])]});
		})()`, tc.coach, tc.lead))
		if got.Verdict != tc.verdict {
			t.Errorf("lead %s, coaching %s: verdict %q; want %q (%s)", tc.lead, tc.coach, got.Verdict, tc.verdict, got.Text)
		}
		for _, h := range tc.has {
			if !strings.Contains(got.Text, h) {
				t.Errorf("lead %s, coaching %s: %q does not say %q", tc.lead, tc.coach, got.Text, h)
			}
		}
	}
}

// checkJoinView checks the join view on a 1024×768 screen: the QR code at
// least a third of the height and all on screen, square and drawn at its
// pixels; the code and the link large.
func checkJoinView(t *testing.T, teacher *tab, code, joinURL string) {
	t.Helper()
	type joinView struct {
		QR                       struct{ Top, Bottom, Height, Width, Natural float64 }
		Rendering, Code, URL     string
		CodeFont, URLFont, Inner float64
	}
	v := evalIn[joinView](teacher, `(() => {
		const q = document.getElementById("qr"), r = q.getBoundingClientRect();
		const font = id => parseFloat(getComputedStyle(document.getElementById(id)).fontSize);
		return {qr: {top: r.top, bottom: r.bottom, height: r.height, width: r.width, natural: q.naturalWidth},
			rendering: getComputedStyle(q).imageRendering, code: document.getElementById("join-code").textContent,
			url: document.getElementById("join-url").textContent, codeFont: font("join-code"), urlFont: font("join-url"), inner: innerHeight};
	})()`)
	if v.QR.Height < v.Inner/3 || v.QR.Top < 0 || v.QR.Bottom > v.Inner || v.QR.Width != v.QR.Height {
		t.Errorf("the QR code is %.0f×%.0f px at %.0f–%.0f on a %.0f px screen; want it square, at least a third of the height, all on screen",
			v.QR.Width, v.QR.Height, v.QR.Top, v.QR.Bottom, v.Inner)
	}
	if v.Rendering != "pixelated" || v.QR.Natural < 200 {
		t.Errorf("the QR code is %.0f px wide drawn %s; want the server's image scaled pixelated", v.QR.Natural, v.Rendering)
	}
	if v.Code != code || v.CodeFont < 60 {
		t.Errorf("the join view shows the code %q in %.0f px type; want %s in 60 px or more", v.Code, v.CodeFont, code)
	}
	if v.URL != joinURL || v.URLFont < 28 {
		t.Errorf("the join view shows the link %q in %.0f px type; want %s in 28 px or more", v.URL, v.URLFont, joinURL)
	}
}

// checkBodyText checks the teacher's page's body text is at least 20 px.
func checkBodyText(t *testing.T, teacher *tab) {
	t.Helper()
	if f := evalIn[float64](teacher, `parseFloat(getComputedStyle(document.body).fontSize)`); f < 20 {
		t.Errorf("the teacher's page's body text is %.1f px; want at least 20", f)
	}
	if n := evalIn[int](teacher, `[...document.querySelectorAll("#app td, #app p, #app li, #roster div")].filter(e => e.textContent.trim() && parseFloat(getComputedStyle(e).fontSize) < 20).length`); n > 0 {
		t.Errorf("%d paragraphs or cells of the teacher's page are in type under 20 px", n)
	}
}

func getJSON(t *testing.T, url, token string, out any) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

// In a session whose offers are all private, the framing table under More
// shows the private opt-in rate only: no "public 0 of 0", and no
// difference between a framing and one no one was offered.
func TestClassFramingTableShowsOnlyFramingsOffered(t *testing.T) {
	srv := startClass(t, freeAddr(t), filepath.Join(t.TempDir(), "class.db"), 3)
	var sess struct{ Session, Teacher_token string }
	post(t, srv.base+"/api/sessions", "", `{"framing":"private"}`, &sess)
	students := joinBots(t, srv.base, sess.Session, 12, 200)
	phase := func(p string) {
		post(t, srv.base+"/api/s/"+sess.Session+"/phase", sess.Teacher_token, `{"phase":"`+p+`"}`, nil)
	}
	phase("round1")
	play(t, students, 1)
	phase("round2")
	play(t, students, 2)
	phase("revealed")
	teacher := newTab(t, 1024, 768)
	teacher.run(chromedp.Navigate(srv.base + "/t/" + sess.Session + "#k=" + sess.Teacher_token))
	teacher.wait(`!!document.getElementById("framing-table")`)
	ids := evalIn[string](teacher, `[...document.querySelectorAll("#framing-table [data-est]")].map(e => e.dataset.est).join(" ")`)
	if ids != "optin_rate_private" {
		t.Errorf("the framing table of a private session has rows %q; want the private opt-in rate only", ids)
	}
}

// joinBots joins n bot students to the session, of skills 0 to 1 in turn
// and seeds from seed on.
func joinBots(t *testing.T, base, session string, n int, seed uint64) []*bot.Student {
	t.Helper()
	c := &bot.Client{Base: base, HTTP: http.DefaultClient}
	var students []*bot.Student
	for i := range n {
		s, err := bot.Join(c, session, "", float64(i%6)/5, seed+uint64(i))
		if err != nil {
			t.Fatal(err)
		}
		students = append(students, s)
	}
	return students
}

// play has the bots play round r; after round 1 each answers the
// self-assessment and, if asked, the offer (offer).
func play(t *testing.T, students []*bot.Student, r int) {
	t.Helper()
	for _, s := range students {
		if err := s.Play(r); err != nil {
			t.Fatal(err)
		}
		if r == 1 {
			offer(t, s)
		}
	}
}

// offer has a bot that finished round 1 answer the self-assessment and,
// if asked, the offer.
func offer(t *testing.T, s *bot.Student) {
	t.Helper()
	m, err := s.Me()
	if err == nil {
		_, _, err = s.Offer(m)
	}
	if err != nil {
		t.Fatal(err)
	}
}
