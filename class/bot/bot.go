package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"time"

	"mentorsim/class"
)

// Client calls a class server at Base and reports each request's latency
// and outcome to Observe (if set).
type Client struct {
	Base    string
	HTTP    *http.Client
	Observe func(path string, d time.Duration, err error)
}

// Call sends a JSON request (body nil for GET) with a bearer token and
// decodes a JSON answer into out (if not nil). A status other than 2xx is
// an error carrying the server's message.
func (c *Client) Call(method, path, token string, body, out any) error {
	start := time.Now()
	err := c.call(method, path, token, body, out)
	if c.Observe != nil {
		c.Observe(path, time.Since(start), err)
	}
	return err
}

func (c *Client) call(method, path, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.Base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(data))
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

// Teacher controls a session.
type Teacher struct {
	*Client
	Session, Token string
}

// NewSession creates a session with the given framing.
func NewSession(c *Client, framing string) (*Teacher, error) {
	var v struct{ Session, Teacher_token string }
	if err := c.Call("POST", "/api/sessions", "", map[string]string{"framing": framing}, &v); err != nil {
		return nil, err
	}
	return &Teacher{c, v.Session, v.Teacher_token}, nil
}

// Phase moves the session to a phase.
func (t *Teacher) Phase(p string) error {
	return t.Call("POST", "/api/s/"+t.Session+"/phase", t.Token, map[string]string{"phase": p}, nil)
}

// View fetches the teacher's view; Results is what the projector shows.
func (t *Teacher) View() (View, error) {
	var v View
	err := t.Call("GET", "/api/s/"+t.Session+"/teacher", t.Token, nil, &v)
	return v, err
}

// View is the part of the teacher's view the bots and tests read.
type View struct {
	Session struct{ Phase string }
	Results json.RawMessage
	Roster  []struct{ Student, Status string }
}

// Player is a simulated student's way of playing. Skill is the chance
// that, after a call sells, they see what kind of customer it was (the
// job's group) and keep that pitch for the group; a pitch that then fails
// is dropped. Coached, they follow the card.
type Player struct {
	Skill  float64
	pcg    *rand.PCG
	rng    *rand.Rand
	memory map[int]int // the job's group → the pitch kept for it
}

// NewPlayer makes a player; seed makes their choices reproducible.
func NewPlayer(skill float64, seed uint64) *Player {
	pcg := rand.NewPCG(seed, 0xb07)
	return &Player{Skill: skill, pcg: pcg, rng: rand.New(pcg), memory: map[int]int{}}
}

// Clone copies the player, memory and random state included, so that one
// student can be played both coached and not.
func (p *Player) Clone() *Player {
	q := *p
	pcg := *p.pcg
	q.pcg, q.rng = &pcg, rand.New(&pcg)
	q.memory = maps.Clone(p.memory)
	return &q
}

// Pick chooses a pitch for a customer with the given job.
func (p *Player) Pick(job string, coached bool) int {
	if coached {
		return class.JobType(job)
	}
	if q, ok := p.memory[class.JobType(job)]; ok {
		return q
	}
	return p.rng.IntN(3)
}

// Learn is told the result of a pitch.
func (p *Player) Learn(job string, pitch int, sale bool) {
	g := class.JobType(job)
	switch q, ok := p.memory[g]; {
	case ok && q == pitch && !sale:
		delete(p.memory, g)
	case !ok && sale && p.rng.Float64() < p.Skill:
		p.memory[g] = pitch
	}
}

// Student is one simulated student playing through a server.
type Student struct {
	*Client
	*Player
	Session, Token, ID string
	Think              time.Duration // mean pause before each action (uniform on [0, 2·Think])
	Scores             [2]int
}

// Join joins a session as a student of the given skill; seed makes the
// student's choices reproducible.
func Join(c *Client, session, nickname string, skill float64, seed uint64) (*Student, error) {
	var v struct{ Token, Student string }
	if err := c.Call("POST", "/api/s/"+session+"/join", "", map[string]string{"nickname": nickname}, &v); err != nil {
		return nil, err
	}
	return &Student{Client: c, Player: NewPlayer(skill, seed), Session: session, Token: v.Token, ID: v.Student}, nil
}

// Me is the part of the student's view the bots read.
type Me struct {
	Phase    string
	Status   string
	Branch   string
	Asked    bool
	Coaching string
	Rounds   [2]struct {
		Started, Done bool
		Score         int
		Items         []class.Item
		Answers       map[int]struct{ Pitch string }
	}
	Result *struct {
		Round1, Round2    int
		Complete, Removed bool
	}
}

func (s *Student) path(p string) string { return "/api/s/" + s.Session + "/" + p }

// Pause waits as long as the student thinks before an action.
func (s *Student) Pause() {
	if s.Think > 0 {
		time.Sleep(time.Duration(s.rng.Int64N(int64(2 * s.Think))))
	}
}

// Me fetches the student's view.
func (s *Student) Me() (Me, error) {
	var m Me
	err := s.Call("GET", s.path("me"), s.Token, nil, &m)
	return m, err
}

// Play starts round r and makes every call; coached students follow the
// card, the others what they remember, or guess.
func (s *Student) Play(r int) error {
	var m Me
	s.Pause()
	if err := s.Call("POST", s.path("start"), s.Token, map[string]int{"round": r}, &m); err != nil {
		return err
	}
	items := m.Rounds[r-1].Items
	if len(items) == 0 && !m.Rounds[r-1].Done {
		return fmt.Errorf("student %s: round %d started without calls", s.ID, r)
	}
	for c, it := range items {
		if _, done := m.Rounds[r-1].Answers[c]; done {
			continue
		}
		s.Pause()
		p := s.Pick(it.Job, r == 2 && m.Coaching == "card")
		var a struct {
			Sale  bool
			Score int
		}
		if err := s.Call("POST", s.path("answer"), s.Token, map[string]any{"round": r, "call": c, "pitch": class.Pitches[p]}, &a); err != nil {
			return err
		}
		s.Learn(it.Job, p, a.Sale)
		s.Scores[r-1] = a.Score
	}
	return nil
}

// Offer answers the self-assessment (the share of the class they think
// they beat: their true standing, pulled towards the middle, with noise)
// and, if asked, the offer: students who think themselves weak ask more.
func (s *Student) Offer(m Me) (share int, optin bool, err error) {
	share = int(min(100, max(0, 50+0.5*(float64(s.Scores[0])-6)*12+s.rng.NormFloat64()*12)))
	if err = s.Call("POST", s.path("assess"), s.Token, map[string]int{"share": share}, nil); err != nil {
		return
	}
	if m.Branch == "voluntary" {
		optin = s.rng.Float64() < 0.8-0.6*float64(share)/100
		err = s.Call("POST", s.path("choose"), s.Token, map[string]bool{"optin": optin}, nil)
	}
	return
}
