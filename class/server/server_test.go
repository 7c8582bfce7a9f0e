package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"mentorsim/class"
	"mentorsim/class/bot"
	"mentorsim/class/store"
)

// clock is a settable time for deadline tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type fixture struct {
	srv   *httptest.Server
	st    *store.Store
	c     *bot.Client
	clock *clock
}

func newFixture(t *testing.T, cfg Config) *fixture {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "class.db"))
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Unix(1_700_000_000, 0)}
	cfg.Store, cfg.Now, cfg.Logf = st, clk.now, t.Logf
	if cfg.Seed == 0 {
		cfg.Seed = 1 // the same sessions every run
	}
	s := New(cfg)
	srv := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); srv.Close(); st.Close() })
	return &fixture{srv, st, &bot.Client{Base: srv.URL, HTTP: srv.Client()}, clk}
}

// do sends a raw request and returns the status and body.
func (f *fixture) do(t *testing.T, method, path, token, ctype string, body []byte, hdr ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, bytes.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
		if hdr[i] == "Host" { // the client sends req.Host, not the header
			req.Host = hdr[i+1]
		}
	}
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// playAll runs a session through to the reveal with n bots.
func playAll(t *testing.T, f *fixture, n int) (*bot.Teacher, []*bot.Student) {
	t.Helper()
	tch, err := bot.NewSession(f.c, "split")
	if err != nil {
		t.Fatal(err)
	}
	var sts []*bot.Student
	for i := range n {
		s, err := bot.Join(f.c, tch.Session, "n"+strconv.Itoa(i), float64(i%5)/4, uint64(i))
		if err != nil {
			t.Fatal(err)
		}
		sts = append(sts, s)
	}
	must(t, tch.Phase(class.Round1))
	for _, s := range sts {
		must(t, s.Play(1))
		m, err := s.Me()
		must(t, err)
		_, _, err = s.Offer(m)
		must(t, err)
	}
	must(t, tch.Phase(class.Round2))
	for _, s := range sts {
		must(t, s.Play(2))
	}
	must(t, tch.Phase(class.Revealed))
	return tch, sts
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestWholeActivityAndExport(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{})
	tch, sts := playAll(t, f, 24)
	v, err := tch.View()
	must(t, err)
	var res class.Results
	must(t, json.Unmarshal(v.Results, &res))
	if res.N != 24 || res.Counts.Complete != 24 || res.Fit == nil || res.Sim == nil {
		t.Fatalf("results: N %d, complete %d, fit %v, sim %v; want 24 complete with a fit and a simulation", res.N, res.Counts.Complete, res.Fit, res.Sim)
	}
	// Each student sees their own scores after the reveal.
	for _, s := range sts {
		m, err := s.Me()
		must(t, err)
		if m.Result == nil || !m.Result.Complete || m.Result.Round1 != s.Scores[0] || m.Result.Round2 != s.Scores[1] {
			t.Fatalf("student %s sees %+v; played %v", s.ID, m.Result, s.Scores)
		}
	}
	// After the reveal the projector shows the choices of the students
	// whose offer was public, and only theirs.
	var tv struct {
		Roster []struct {
			Public  bool
			OptedIn *bool `json:"opted_in"`
		}
	}
	must(t, tch.Call("GET", "/api/s/"+tch.Session+"/teacher", tch.Token, nil, &tv))
	public := 0
	for _, r := range tv.Roster {
		if r.Public != (r.OptedIn != nil) {
			t.Errorf("roster row %+v: a choice is shown for a private offer or hidden for a public one", r)
		}
		if r.Public {
			public++
		}
	}
	if public == 0 {
		t.Error("no student had a public offer under split framing")
	}
	code, body := f.do(t, "GET", "/api/s/"+tch.Session+"/export.csv", tch.Token, "", nil)
	if code != 200 {
		t.Fatalf("export: %d %s", code, body)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	must(t, err)
	if len(rows) != 25 || strings.Join(rows[0], ",") != strings.Join(class.CSVHeader, ",") {
		t.Fatalf("export has %d rows, header %v", len(rows), rows[0])
	}
	if strings.Contains(body, "n0,") || strings.Contains(body, sts[0].Token) {
		t.Error("the export holds a nickname or a token; want pseudonyms only")
	}
	// The assignment is reproducible from the seed and the join order.
	sess, _, err := f.st.Session(tch.Session)
	must(t, err)
	vol := 0
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, row := range rows[1:] {
		a := class.Assign(sess.Seed, i, vol)
		if row[col["slot"]] != strconv.Itoa(a.Slot) || row[col["branch"]] != a.Branch {
			t.Fatalf("row %d: slot %s branch %s; Assign gives %d %s", i, row[col["slot"]], row[col["branch"]], a.Slot, a.Branch)
		}
		if a.Branch == "voluntary" {
			vol++
		}
	}
}

func TestTeacherActionsNeedTheToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{})
	tch, err := bot.NewSession(f.c, "private")
	must(t, err)
	other, err := bot.NewSession(f.c, "private")
	must(t, err)
	st, err := bot.Join(f.c, tch.Session, "x", 0.5, 1)
	must(t, err)
	p := "/api/s/" + tch.Session
	for _, rq := range []struct{ method, path, body string }{
		{"GET", p + "/teacher", ""},
		{"POST", p + "/phase", `{"phase":"round1"}`},
		{"POST", p + "/framing", `{"framing":"public"}`},
		{"GET", p + "/export.csv", ""},
		{"POST", p + "/delete", `{}`},
	} {
		for _, tok := range []struct {
			name, token string
			want        int
		}{{"missing", "", 401}, {"a student's", st.Token, 403}, {"another session's", other.Token, 403}, {"made up", "abc", 403}} {
			code, body := f.do(t, rq.method, rq.path, tok.token, "application/json", []byte(rq.body))
			if code != tok.want || !strings.Contains(body, "teacher token") {
				t.Errorf("%s %s with %s token: %d %s; want %d naming the teacher token", rq.method, rq.path, tok.name, code, body, tok.want)
			}
		}
	}
	// Nothing changed.
	sess, _, err := f.st.Session(tch.Session)
	must(t, err)
	if sess.Phase != class.Lobby || sess.Framing != "private" {
		t.Errorf("session is now %s/%s after refused requests", sess.Phase, sess.Framing)
	}
	// A student cannot act for another: their token only reaches their own record.
	code, _ := f.do(t, "GET", "/api/s/"+other.Session+"/me", st.Token, "", nil)
	if code != 401 {
		t.Errorf("a student's token in another session: %d; want 401", code)
	}
}

func TestHostileInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{})
	tch, err := bot.NewSession(f.c, "split")
	must(t, err)
	p := "/api/s/" + tch.Session
	big := []byte(`{"nickname":"` + strings.Repeat("a", MaxBody) + `"}`)
	cases := []struct {
		name, method, path, ctype, body string
		hdr                             []string
		want                            int
		says                            string
	}{
		{"oversized body", "POST", p + "/join", "application/json", string(big), nil, 413, "larger than"},
		{"malformed JSON", "POST", p + "/join", "application/json", `{"nickname":`, nil, 400, "not valid"},
		{"two values", "POST", p + "/join", "application/json", `{} {}`, nil, 400, "more than one"},
		{"a stray bracket after", "POST", p + "/join", "application/json", `{} ]`, nil, 400, "more than one"},
		{"unknown field", "POST", p + "/join", "application/json", `{"admin":true}`, nil, 400, `admin`},
		{"a field in other case", "POST", p + "/join", "application/json", `{"Nickname":"a"}`, nil, 400, `Nickname`},
		{"a key twice", "POST", p + "/join", "application/json", `{"nickname":"a","nickname":"b"}`, nil, 400, `twice`},
		{"null", "POST", p + "/join", "application/json", `{"nickname":null}`, nil, 400, "null"},
		{"deep nesting", "POST", p + "/join", "application/json", `{"nickname":` + strings.Repeat("[", 2000), nil, 400, "nests more than"},
		{"forged host", "GET", "/", "", ``, []string{"Host", "evil.example"}, 421, `evil.example`},
		{"wrong type", "POST", p + "/join", "application/json", `{"nickname":7}`, nil, 400, `request body's \"nickname\" is a JSON number; want a string`},
		{"not an object", "POST", p + "/join", "application/json", `[1]`, nil, 400, "is a JSON array; want an object"},
		{"form content type", "POST", p + "/join", "application/x-www-form-urlencoded", `nickname=a`, nil, 415, "content type"},
		{"long nickname", "POST", p + "/join", "application/json", `{"nickname":"` + strings.Repeat("é", 33) + `"}`, nil, 400, "nickname"},
		{"control character", "POST", p + "/join", "application/json", `{"nickname":"a\u0007b"}`, nil, 400, "control"},
		{"unknown session", "POST", "/api/s/ABCDEF/join", "application/json", `{}`, nil, 404, "unknown"},
		{"ill-formed session", "GET", "/api/s/<script>/qr.png", "", ``, nil, 400, "not allowed"},
		{"cross-site", "POST", p + "/join", "application/json", `{}`, []string{"Sec-Fetch-Site", "cross-site"}, 403, "Sec-Fetch-Site"},
		{"foreign origin", "POST", p + "/join", "application/json", `{}`, []string{"Origin", "http://evil.example"}, 403, "Origin"},
		{"unknown path", "GET", "/api/nothing", "", ``, nil, 404, "not a page"},
		{"a POST route read", "GET", p + "/join", "", ``, nil, 405, "want POST"},
		{"a route put", "PUT", "/api/sessions", "application/json", `{}`, nil, 405, "want POST"},
		{"a GET route posted", "POST", p + "/me", "application/json", `{}`, nil, 405, "want GET"},
	}
	for _, c := range cases {
		code, body := f.do(t, c.method, c.path, "", c.ctype, []byte(c.body), c.hdr...)
		if code != c.want || !strings.Contains(body, c.says) {
			t.Errorf("%s: %d %s; want %d saying %q", c.name, code, body, c.want, c.says)
		}
	}
	// A script in a nickname is kept as text (the pages show it with textContent).
	s, err := bot.Join(f.c, tch.Session, "<script>alert(1)</script>", 0.5, 1)
	must(t, err)
	var v struct{ Roster []struct{ Nickname string } }
	must(t, f.c.Call("GET", p+"/teacher", tch.Token, nil, &v))
	if v.Roster[0].Nickname != "<script>alert(1)</script>" {
		t.Errorf("nickname came back as %q", v.Roster[0].Nickname)
	}
	student := []struct{ path, body, says string }{
		{"/answer", `{"round":1,"call":0,"pitch":"demo"}`, "not open"},
		{"/answer", `{"round":1,"call":12,"pitch":"demo"}`, "call"},
		{"/answer", `{"round":1,"call":-1,"pitch":"demo"}`, "call"},
		{"/answer", `{"round":3,"call":0,"pitch":"demo"}`, "round"},
		{"/answer", `{"round":1,"call":0,"pitch":"bribe"}`, "pitch"},
		{"/assess", `{"share":101}`, "share"},
		{"/assess", `{"share":50.5}`, `is a JSON number 50.5; want a whole number`},
		{"/choose", `{}`, "optin"},
	}
	for _, c := range student {
		code, body := f.do(t, "POST", p+c.path, s.Token, "application/json", []byte(c.body))
		if code/100 != 4 || !strings.Contains(body, c.says) {
			t.Errorf("POST %s %s: %d %s; want a 4xx saying %q", c.path, c.body, code, body, c.says)
		}
	}
	// Creating a session from another machine is refused.
	req := httptest.NewRequest("POST", "/api/sessions", strings.NewReader(`{}`))
	req.RemoteAddr, req.Header["Content-Type"], req.Host = "192.0.2.7:5555", []string{"application/json"}, "127.0.0.1:8080"
	w := httptest.NewRecorder()
	New(Config{Store: f.st}).ServeHTTP(w, req)
	if w.Code != 403 {
		t.Errorf("session created from 192.0.2.7: %d %s; want 403", w.Code, w.Body)
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{IPRate: 1, IPBurst: 5})
	codes := map[int]int{}
	for range 8 {
		code, _ := f.do(t, "GET", "/api/s/ABCDEF/qr.png", "", "", nil)
		codes[code]++
	}
	if codes[404] != 5 || codes[429] != 3 {
		t.Errorf("8 quick requests with a burst of 5: %v; want 5 answered (404) and 3 refused (429)", codes)
	}
}

// A class behind one NAT address joins at once: joins have a burst of a
// class, apart from the address's other requests.
func TestAClassJoinsFromOneAddress(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{IPRate: 1, IPBurst: 5})
	tch, err := bot.NewSession(f.c, "private")
	must(t, err)
	codes := map[int]int{}
	for range 150 {
		code, _ := f.do(t, "POST", "/api/s/"+tch.Session+"/join", "", "application/json", []byte(`{}`))
		codes[code]++
	}
	if codes[201] != 150 {
		t.Errorf("150 joins from one address: %v; want all 201", codes)
	}
}

// Wrong tokens count against the address: after the burst of wrong ones,
// wrong tokens from it are answered 429. Right ones still pass: a class
// behind one NAT address shares the bucket, and one stale token must not
// lock out the rest, or the teacher.
func TestWrongTokensCountAgainstTheAddress(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{BadTokenRate: 0.01, BadTokenBurst: 5})
	tch, err := bot.NewSession(f.c, "private")
	must(t, err)
	_, joined := f.do(t, "POST", "/api/s/"+tch.Session+"/join", "", "application/json", []byte(`{}`))
	var st struct{ Token string }
	json.Unmarshal([]byte(joined), &st)
	codes := map[int]int{}
	for i := range 30 {
		code, _ := f.do(t, "GET", "/api/s/"+tch.Session+"/me", fmt.Sprintf("guess%03d", i), "", nil)
		codes[code]++
	}
	if codes[401] != 5 || codes[429] != 25 {
		t.Errorf("30 random tokens: %v; want 5 refused as wrong (401), then 25 as too many (429)", codes)
	}
	if code, _ := f.do(t, "GET", "/api/s/"+tch.Session+"/teacher", "wrong-teacher", "", nil); code != 429 {
		t.Errorf("a wrong teacher token from the same address: %d; want 429", code)
	}
	if code, _ := f.do(t, "GET", "/api/s/"+tch.Session+"/teacher", tch.Token, "", nil); code != 200 {
		t.Errorf("the right teacher token from the same address: %d; want 200", code)
	}
	if code, _ := f.do(t, "GET", "/api/s/"+tch.Session+"/me", st.Token, "", nil); code != 200 {
		t.Errorf("a student's right token from the same address: %d; want 200", code)
	}
}

// Unknown session codes count against the address too, whatever token
// comes with them (each new token had a rate limit of its own), so codes
// cannot be tried without end; a known session is still served.
func TestUnknownSessionsCountAgainstTheAddress(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{BadTokenRate: 0.01, BadTokenBurst: 5})
	tch, err := bot.NewSession(f.c, "private")
	must(t, err)
	codes := map[int]int{}
	for i := range 30 {
		code, _ := f.do(t, "GET", "/api/s/ZZZZ"+codeAlphabet[i:i+2]+"/me", fmt.Sprintf("guess%03d", i), "", nil)
		codes[code]++
	}
	if codes[404] != 5 || codes[429] != 25 {
		t.Errorf("30 unknown codes: %v; want 5 unknown (404), then 25 too many (429)", codes)
	}
	if code, _ := f.do(t, "GET", "/api/s/"+tch.Session+"/teacher", tch.Token, "", nil); code != 200 {
		t.Errorf("the teacher of a known session from the same address: %d; want 200", code)
	}
}

// Live-update streams are capped per session and in all; beyond the cap
// the server answers 503 at once (the page then polls).
func TestStreamsAreCapped(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{MaxStreams: 3, MaxSessionStreams: 2})
	a, err := bot.NewSession(f.c, "private")
	must(t, err)
	b, err := bot.NewSession(f.c, "private")
	must(t, err)
	open := func(session string) int {
		resp, err := f.srv.Client().Get(f.srv.URL + "/api/s/" + session + "/events")
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 {
			resp.Body.Close()
		} else {
			t.Cleanup(func() { resp.Body.Close() })
		}
		return resp.StatusCode
	}
	got := []int{open(a.Session), open(a.Session), open(a.Session), open(b.Session), open(b.Session)}
	if want := []int{200, 200, 503, 200, 503}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("streams: %v; want %v (2 a session, 3 in all)", got, want)
	}
}

// No directory is listed; files are served.
func TestStaticListsNoDirectory(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{})
	for path, want := range map[string]int{"/static/": 404, "/static": 404, "/static/common.js": 200} {
		if code, body := f.do(t, "GET", path, "", "", nil); code != want || strings.Contains(body, "student.js") && path != "/static/common.js" {
			t.Errorf("GET %s: %d; want %d and no listing", path, code, want)
		}
	}
}

// A client that sends the headers and half a body is cut off after the
// body timeout, not kept open.
func TestHalfABodyIsCutOff(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{BodyTimeout: 300 * time.Millisecond})
	conn, err := net.Dial("tcp", strings.TrimPrefix(f.srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"fram")
	conn.SetReadDeadline(time.Now().Add(30 * time.Second)) // far beyond the body timeout: only a bound
	start := time.Now()
	reply, err := io.ReadAll(conn) // returns when the server closes the connection
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("the half-sent request was kept open until the client gave up (%v)", time.Since(start))
	}
	t.Logf("cut off after %v: %.60q", time.Since(start), reply)
}

func TestAnswersAreIdempotentAndTimed(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{RoundSeconds: 60})
	tch, err := bot.NewSession(f.c, "private")
	must(t, err)
	s, err := bot.Join(f.c, tch.Session, "", 0.5, 1)
	must(t, err)
	p := "/api/s/" + tch.Session
	ans := func(call int, pitch string) (int, string) {
		return f.do(t, "POST", p+"/answer", s.Token, "application/json", []byte(fmt.Sprintf(`{"round":1,"call":%d,"pitch":%q}`, call, pitch)))
	}
	must(t, tch.Phase(class.Round1))
	if code, body := ans(0, "demo"); code != 409 || !strings.Contains(body, "not started") {
		t.Errorf("answer before start: %d %s", code, body)
	}
	must(t, s.Call("POST", p+"/start", s.Token, map[string]int{"round": 1}, nil))
	_, first := ans(0, "demo")
	_, again := ans(0, "demo")
	_, other := ans(0, "story")
	if first != again || first != other {
		t.Errorf("repeated answers differ: %s, %s, %s; want the first stored answer each time", first, again, other)
	}
	all, err := f.st.Students(tch.Session)
	must(t, err)
	if len(all[0].Answers[0]) != 1 || all[0].Answers[0][0].Pitch != 1 {
		t.Errorf("stored answers %v; want one, the demo", all[0].Answers[0])
	}
	f.clock.add(61 * time.Second)
	if code, body := ans(1, "demo"); code != 409 || !strings.Contains(body, "time") {
		t.Errorf("answer after the deadline: %d %s", code, body)
	}
	m, err := s.Me()
	must(t, err)
	if !m.Rounds[0].Done {
		t.Error("round 1 is not done for the student after their time ran out")
	}
	// A late joiner after round 1 closes is shown as late and cannot play.
	must(t, s.Call("POST", p+"/assess", s.Token, map[string]int{"share": 30}, nil))
	must(t, tch.Phase(class.Round2))
	late, err := bot.Join(f.c, tch.Session, "", 0.5, 2)
	must(t, err)
	if err := late.Play(2); err == nil || !strings.Contains(err.Error(), "joined after") {
		t.Errorf("late joiner played round 2: %v", err)
	}
	if m, _ := late.Me(); m.Status != "late" {
		t.Errorf("late joiner's status %q; want late", m.Status)
	}
	// Phases only move forward one at a time; repeating one is harmless.
	if err := tch.Phase(class.Round2); err != nil {
		t.Errorf("repeating the phase: %v", err)
	}
	if err := tch.Phase(class.Round1); err == nil {
		t.Error("the session went back to round 1")
	}
}

func TestDeleteSession(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{})
	tch, _ := playAll(t, f, 3)
	if code, body := f.do(t, "POST", "/api/s/"+tch.Session+"/delete", tch.Token, "application/json", []byte(`{}`)); code != 200 {
		t.Fatalf("delete: %d %s", code, body)
	}
	if _, _, err := f.st.Session(tch.Session); err != store.ErrNotFound {
		t.Errorf("session still there: %v", err)
	}
	if n, err := f.st.Students(tch.Session); err != nil || len(n) != 0 {
		t.Errorf("%d students left after the delete (%v)", len(n), err)
	}
}

func TestPagesAreSmallAndSelfContained(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{})
	for _, p := range []string{"/", "/t/ABCDEF", "/static/home.js", "/static/teacher.js"} {
		if code, body := f.do(t, "GET", p, "", "", nil); code != 200 || strings.Contains(body, "style=") || strings.Contains(body, "https://") {
			t.Errorf("GET %s: %d, or an inline style or a link to another site", p, code)
		}
	}
	total := 0
	for _, p := range []string{"/j/ABCDEF", "/static/common.js", "/static/student.js", "/static/style.css"} {
		code, body := f.do(t, "GET", p, "", "", nil)
		if code != 200 {
			t.Fatalf("GET %s: %d", p, code)
		}
		if strings.Contains(body, "http://") || strings.Contains(body, "https://") {
			t.Errorf("%s refers to another site", p)
		}
		// The Content-Security-Policy allows no inline style or script.
		if !strings.HasSuffix(p, ".css") && (strings.Contains(body, "style=") || strings.Contains(body, "style:") || strings.Contains(body, "<script>")) {
			t.Errorf("%s has an inline style or script, which the page's policy blocks", p)
		}
		total += len(body)
	}
	if total > 100_000 {
		t.Errorf("the student page weighs %d bytes; want under 100 KB", total)
	}
}

// A student cannot learn the coin flip and then change their answers: /me
// says nothing of the coaching until round 2 begins, and from then on
// choose and assess answer 409, so the export keeps the answers given
// before, with when they were given.
func TestAnswersLockBeforeTheCoinShows(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{RoundSeconds: 60})
	tch, err := bot.NewSession(f.c, "private")
	must(t, err)
	must(t, tch.Phase(class.Round1))
	var vol []*bot.Student
	for i := 0; len(vol) < 2 && i < 40; i++ {
		s, err := bot.Join(f.c, tch.Session, "", 0.5, uint64(i))
		must(t, err)
		must(t, s.Play(1))
		m, err := s.Me()
		must(t, err)
		if m.Branch == "voluntary" {
			vol = append(vol, s)
		}
	}
	if len(vol) < 2 {
		t.Fatal("no two students in the voluntary branch among 40")
	}
	p := "/api/s/" + tch.Session
	for _, s := range vol {
		must(t, s.Call("POST", p+"/assess", s.Token, map[string]int{"share": 40}, nil))
		must(t, s.Call("POST", p+"/choose", s.Token, map[string]bool{"optin": true}, nil))
		if _, body := f.do(t, "GET", p+"/me", s.Token, "", nil); strings.Contains(body, `"coaching"`) {
			t.Errorf("before round 2, /me shows the coaching: %s", body)
		}
		// Before round 2 a student may still change their mind.
		must(t, s.Call("POST", p+"/assess", s.Token, map[string]int{"share": 45}, nil))
	}
	f.clock.add(time.Second)
	must(t, tch.Phase(class.Round2))
	for _, s := range vol {
		if _, body := f.do(t, "GET", p+"/me", s.Token, "", nil); !strings.Contains(body, `"coaching"`) {
			t.Errorf("in round 2, /me does not show the coaching: %s", body)
		}
		for path, body := range map[string]string{"/choose": `{"optin": false}`, "/assess": `{"share": 99}`} {
			if code, msg := f.do(t, "POST", p+path, s.Token, "application/json", []byte(body)); code != 409 || !strings.Contains(msg, "locked") {
				t.Errorf("%s after round 2 began: %d %s; want 409, locked", path, code, msg)
			}
		}
	}
	all, err := f.st.Students(tch.Session)
	must(t, err)
	var buf bytes.Buffer
	must(t, class.WriteCSV(&buf, []class.Session{{ID: tch.Session, Framing: "private", Phase: class.Round2, RoundSeconds: 60}}, [][]class.Student{all}, f.clock.now()))
	rows, err := csv.NewReader(&buf).ReadAll()
	must(t, err)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	locked := 0
	for _, r := range rows[1:] {
		if r[col["branch"]] != "voluntary" || r[col["opted_in"]] == "" {
			continue
		}
		locked++
		if r[col["opted_in"]] != "true" || r[col["self_assessment"]] != "45" || r[col["opted_in_at"]] == "" || r[col["self_assessment_at"]] == "" {
			t.Errorf("export row %v: want opted in, 45, and when", r)
		}
	}
	if locked != len(vol) {
		t.Errorf("%d voluntary students answered in the export; want %d", locked, len(vol))
	}
}

// Nicknames are text: bidi overrides and isolates, zero-width joiners and
// every other invisible format character (Unicode Cf) are stripped, so
// none can reverse or hide the projector's text; a nickname too wide on
// screen (wide characters count twice) is refused.
func TestNicknamesAreText(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"abc\u202e for asked":                          "abc for asked",
		"\u2066left\u2069 \u2067x\u2069 \u2068y\u2069": "left x y",
		"a\u200db\u200cc\u200bd\ufeff":                 "abcd",
		"👩\u200d💻 dev":                                 "👩💻 dev",
		"  Ann  ":                                      "Ann",
		"\u115f\u3164x\u1160":                          "x",
	} {
		got, err := checkNickname(in)
		if err != nil || got != want {
			t.Errorf("checkNickname(%q) = %q, %v; want %q", in, got, err, want)
		}
		for _, c := range got {
			if unicode.Is(unicode.Cf, c) {
				t.Errorf("checkNickname(%q) kept the format character %U", in, c)
			}
		}
	}
	for _, in := range []string{strings.Repeat("😀", 17), strings.Repeat("字", 17), strings.Repeat("a", 33), "a\u0007b", "a\u2028b", "a\u2029b"} {
		if got, err := checkNickname(in); err == nil {
			t.Errorf("checkNickname(%q) = %q; want it refused", in, got)
		}
	}
	if got, err := checkNickname(strings.Repeat("😀", 16)); err != nil || displayWidth(got) != 32 {
		t.Errorf("16 emoji: %q, %v; want them kept (32 columns)", got, err)
	}
	// A body that is not UTF-8 is refused, not read with U+FFFD in its place.
	f := newFixture(t, Config{})
	tch, err := bot.NewSession(f.c, "private")
	must(t, err)
	if code, body := f.do(t, "POST", "/api/s/"+tch.Session+"/join", "", "application/json", []byte("{\"nickname\": \"\xff\xfe\"}")); code != 400 || !strings.Contains(body, "UTF-8") {
		t.Errorf("a nickname of bytes that are not UTF-8: %d %s; want 400 naming UTF-8", code, body)
	}
}

// Rooms, rosters and the teacher's per-student controls, as in oTree: a
// room's lasting link leads to its newest session; students pick a label
// from the roster, each once; the teacher removes a student from the
// analysis or ends their round, and the export records both.
func TestRoomsRostersAndControls(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{RoundSeconds: 60})
	create := func(body string) (map[string]string, int) {
		code, b := f.do(t, "POST", "/api/sessions", "", "application/json", []byte(body))
		var v map[string]string
		json.Unmarshal([]byte(b), &v)
		return v, code
	}
	if _, code := create(`{"room": "Econ 101"}`); code != 400 {
		t.Errorf("a room name with a space: %d; want 400", code)
	}
	if _, code := create(`{"roster": ["A", "A"]}`); code != 400 {
		t.Errorf("a roster with a repeated label: %d; want 400", code)
	}
	if code, body := f.do(t, "POST", "/api/sessions", "", "application/json", []byte(`{"roster": ["Ann", "a\nb"]}`)); code != 400 || !strings.Contains(body, `\"a\\nb\"`) {
		t.Errorf("a roster label with a control character: %d %s; want 400 naming it", code, body)
	}
	first, _ := create(`{"room": "econ101"}`)
	f.clock.add(time.Second)
	second, code := create(`{"room": "econ101", "roster": ["Ann", "Bo", "Cy"], "framing": "private"}`)
	if code != 201 || !strings.HasSuffix(second["room_url"], "/r/econ101") {
		t.Fatalf("create with a room: %d %v", code, second)
	}
	noRedirect := *f.srv.Client()
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noRedirect.Get(f.srv.URL + "/r/econ101")
	must(t, err)
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != 302 || loc != "/j/"+second["session"] || first["session"] == second["session"] {
		t.Errorf("the room link: %d to %q; want 302 to the newest session /j/%s", resp.StatusCode, loc, second["session"])
	}
	if code, body := f.do(t, "GET", "/r/nosuchroom", "", "", nil); code != 404 || !strings.Contains(body, "No session has started here yet") || !strings.Contains(body, `http-equiv="refresh"`) {
		t.Errorf("an unknown room: %d; want 404", code)
	}
	p := "/api/s/" + second["session"]
	join := func(body string) (int, string) {
		return f.do(t, "POST", p+"/join", "", "application/json", []byte(body))
	}
	if code, _ := join(`{}`); code != 400 {
		t.Errorf("joining a rostered session without a label: %d; want 400", code)
	}
	if code, _ := join(`{"label": "Zed"}`); code != 400 {
		t.Errorf("a label not on the roster: %d; want 400", code)
	}
	// A join sent again with the page's token (its answer was lost) finds
	// the student it made: no second student, no "label taken".
	const pageToken = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	joinFirst := func() (int, string) {
		return f.do(t, "POST", "/api/s/"+first["session"]+"/join", "", "application/json", []byte(`{"token": "`+pageToken+`"}`))
	}
	code1, body1 := joinFirst()
	code2, body2 := joinFirst()
	if code1 != 201 || code2 != 200 || body1 != body2 || !strings.Contains(body1, pageToken) {
		t.Errorf("a join sent twice: %d %s, then %d %s; want 201, then 200 with the same student", code1, body1, code2, body2)
	}
	if code, _ := join(`{"label": "Ann", "token": "short"}`); code != 400 {
		t.Errorf("a malformed token: %d; want 400", code)
	}
	if code, body := join(`{"label": "Ann", "token": "` + pageToken + `"}`); code != 409 || !strings.Contains(body, "in use") {
		t.Errorf("a token in use in another session: %d %s; want 409", code, body)
	}
	code, body := join(`{"label": "Bo"}`)
	if code != 201 {
		t.Fatalf("joining as Bo: %d %s", code, body)
	}
	if code, _ := join(`{"label": "Bo"}`); code != 409 {
		t.Errorf("a label taken twice: %d; want 409", code)
	}
	if _, body := f.do(t, "GET", p+"/labels", "", "", nil); !strings.Contains(body, `"Ann"`) || strings.Contains(body, `"Bo"`) {
		t.Errorf("free labels: %s; want Ann and Cy, not Bo", body)
	}
	var joined struct{ Token string }
	json.Unmarshal([]byte(body), &joined)
	// Bo's join sent again finds Bo; naming another label is refused.
	if code, again := join(`{"label": "Bo", "token": "` + joined.Token + `"}`); code != 200 || !strings.Contains(again, "S001") {
		t.Errorf("Bo's join sent again: %d %s; want 200 as S001", code, again)
	}
	if code, again := join(`{"label": "Ann", "token": "` + joined.Token + `"}`); code != 409 || !strings.Contains(again, `joined already, as \"Bo\"`) {
		t.Errorf("Bo's token with another label: %d %s; want 409", code, again)
	}
	tok := second["teacher_token"]
	must(t, (&bot.Teacher{Client: f.c, Session: second["session"], Token: tok}).Phase(class.Round1))
	control := func(body string) int {
		code, _ := f.do(t, "POST", p+"/student", tok, "application/json", []byte(body))
		return code
	}
	// A round not under way cannot be ended (it would be over before it
	// began), and one request asks for one action.
	if c := control(`{"student": "S001", "end_round": 1}`); c != 409 {
		t.Errorf("ending a round not yet started: %d; want 409", c)
	}
	if c := control(`{"student": "S001", "end_round": 1, "exclude": false}`); c != 400 {
		t.Errorf("two actions at once: %d; want 400", c)
	}
	if code, body := f.do(t, "POST", p+"/start", joined.Token, "application/json", []byte(`{"round":1}`)); code != 200 {
		t.Fatalf("start: %d %s", code, body)
	}
	if control(`{"student": "S001", "end_round": 1}`) != 200 || control(`{"student": "S001", "exclude": true}`) != 200 {
		t.Fatal("the teacher's controls were refused")
	}
	if c := control(`{"student": "S001", "end_round": 1}`); c != 409 {
		t.Errorf("ending a round already over: %d; want 409", c)
	}
	if control(`{"student": "S009", "exclude": true}`) != 404 || control(`{"student": "S001"}`) != 400 {
		t.Error("controls for an unknown student or with no action were not refused")
	}
	if code, _ := f.do(t, "POST", p+"/student", "wrong", "application/json", []byte(`{"student": "S001", "exclude": true}`)); code != 403 {
		t.Errorf("a control with a wrong teacher token: %d; want 403", code)
	}
	m, err := (&bot.Student{Client: f.c, Session: second["session"], Token: joined.Token}).Me()
	must(t, err)
	if !m.Rounds[0].Done {
		t.Error("the round the teacher ended is not over for the student")
	}
	all, err := f.st.Students(second["session"])
	must(t, err)
	var buf bytes.Buffer
	sess, _, _ := f.st.Session(second["session"])
	must(t, class.WriteCSV(&buf, []class.Session{sess}, [][]class.Student{all}, f.clock.now()))
	rows, _ := csv.NewReader(&buf).ReadAll()
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if r := rows[1]; r[col["label"]] != "Bo" || r[col["excluded"]] != "true" || r[col["round1_ended_by_teacher"]] == "" {
		t.Errorf("export row: label %q, excluded %q, round 1 ended %q; want Bo, true and when", r[col["label"]], r[col["excluded"]], r[col["round1_ended_by_teacher"]])
	}
	// After the reveal the removed student is told so (the page says the
	// teacher left them out, not that they did not finish).
	tch := &bot.Teacher{Client: f.c, Session: second["session"], Token: tok}
	must(t, tch.Phase(class.Round2))
	must(t, tch.Phase(class.Revealed))
	m, err = (&bot.Student{Client: f.c, Session: second["session"], Token: joined.Token}).Me()
	must(t, err)
	if m.Result == nil || m.Result.Complete || !m.Result.Removed {
		t.Errorf("the removed student's result: %+v; want removed, not complete", m.Result)
	}
}

// clip shortens what a message quotes without cutting a character in two.
func TestClipKeepsCharactersWhole(t *testing.T) {
	s := strings.Repeat("漢", 30) // 3 bytes each
	if c := clip(s); !utf8.ValidString(c) || !strings.HasSuffix(c, "…") || len(c) > 43 {
		t.Errorf("clip: %q", c)
	}
}

// A record gone since the request began (another process deleted its
// session) is a 404, not a server error.
func TestGoneIsNotFound(t *testing.T) {
	rec := httptest.NewRecorder()
	writeError(rec, fmt.Errorf("answer: %w", store.ErrNotFound))
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "no longer there") {
		t.Errorf("status %d, %s; want 404", rec.Code, rec.Body)
	}
}

// A student who did not play round 1 is "late" either way, and the page
// learns which way: joined before round 1 closed (and never started it)
// or after.
func TestLateSaysWhenTheStudentJoined(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{})
	tch, err := bot.NewSession(f.c, "private")
	must(t, err)
	early, err := bot.Join(f.c, tch.Session, "early", 0.5, 1)
	must(t, err)
	must(t, tch.Phase("round1"))
	must(t, tch.Phase("round2"))
	late, err := bot.Join(f.c, tch.Session, "late", 0.5, 2)
	must(t, err)
	for _, tc := range []struct {
		s      *bot.Student
		joined string
	}{{early, "lobby"}, {late, "round2"}} {
		var m struct {
			Status      string
			JoinedPhase string `json:"joined_phase"`
		}
		must(t, tc.s.Call("GET", "/api/s/"+tch.Session+"/me", tc.s.Token, nil, &m))
		if m.Status != "late" || m.JoinedPhase != tc.joined {
			t.Errorf("%s: status %q, joined in %q; want late, %s", tc.s.ID, m.Status, m.JoinedPhase, tc.joined)
		}
	}
}

// A student who lost their link cannot take their roster name again until
// the teacher frees it; then they join anew, and the old record keeps its
// place without the name.
func TestFreeNameLetsAStudentRejoin(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Config{})
	code, body := f.do(t, "POST", "/api/sessions", "", "application/json", []byte(`{"roster": ["Ann", "Bo"]}`))
	var sess map[string]string
	json.Unmarshal([]byte(body), &sess)
	if code != 201 {
		t.Fatalf("create: %d %s", code, body)
	}
	p, tok := "/api/s/"+sess["session"], sess["teacher_token"]
	join := func() int {
		code, _ := f.do(t, "POST", p+"/join", "", "application/json", []byte(`{"label": "Ann"}`))
		return code
	}
	control := func(body string) int {
		code, _ := f.do(t, "POST", p+"/student", tok, "application/json", []byte(body))
		return code
	}
	if join() != 201 || join() != 409 {
		t.Fatal("Ann joined twice, or not at all")
	}
	if c := control(`{"student": "S001", "release_label": true, "exclude": true}`); c != 400 {
		t.Errorf("freeing a name and removing at once: %d; want 400", c)
	}
	if c := control(`{"student": "S001", "release_label": true}`); c != 200 {
		t.Fatalf("freeing Ann's name: %d", c)
	}
	if c := control(`{"student": "S001", "release_label": true}`); c != 409 {
		t.Errorf("freeing a name already freed: %d; want 409", c)
	}
	if c := join(); c != 201 {
		t.Errorf("Ann joining again after the teacher freed the name: %d; want 201", c)
	}
	all, err := f.st.Students(sess["session"])
	must(t, err)
	if len(all) != 2 || all[0].Label != "" || all[1].Label != "Ann" {
		t.Errorf("students after the rejoin: %+v; want S001 without a name and S002 as Ann", all)
	}
}
