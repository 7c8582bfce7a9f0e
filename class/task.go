package class

import (
	"fmt"

	"mentorsim/sim/rng"
)

// Calls is the number of sales calls in a round; a round's score is the
// number of sales.
const Calls = 12

// Pitches a student can make, in the order the buttons show them.
var Pitches = []string{"discount", "demo", "story"}

// A customer type is won by one pitch. The type shows only in the
// customer's job, which the coaching card reveals; the opening lines and
// moods are the same for every type, so they are noise to be ignored.
var jobs = [3][]string{
	{"shop owner", "accountant", "student", "farmer"},    // discount
	{"engineer", "programmer", "chemist", "pilot"},       // demo
	{"teacher", "nurse", "hairdresser", "social worker"}, // story
}

var (
	names = []string{"Alex", "Sam", "Jo", "Kim", "Ravi", "Mia", "Tom", "Lena", "Omar", "Ana", "Li", "Ben", "Eva", "Noah", "Zoe", "Yuki"}
	lines = []string{
		"Hello? Who is this?",
		"I've got a few minutes, go on.",
		"Is this about the offer I saw?",
		"Make it quick, please.",
		"Oh, hi. What are you selling?",
		"I wasn't expecting a call.",
	}
	moods = []string{"sounds cheerful", "sounds tired", "sounds busy", "sounds curious", "sounds cautious"}
)

// Card is the coaching card: the pattern that wins the calls.
const Card = "Listen for the customer's job, and ignore their mood and opening line. " +
	"Shop owners, accountants, students and farmers buy on a DISCOUNT. " +
	"Engineers, programmers, chemists and pilots buy after a DEMO. " +
	"Teachers, nurses, hairdressers and social workers buy on a STORY."

// Item is one customer call as the student sees it.
type Item struct {
	Name string `json:"name"`
	Job  string `json:"job"`
	Mood string `json:"mood"`
	Line string `json:"line"`
}

// call is an item with what the student does not see: the pitch that wins,
// and whether each wrong pitch happens to sell anyway.
type call struct {
	Item
	best  int
	lucky [3]bool
}

// luck is the chance that a wrong pitch sells anyway, so that a round-1
// score of a student who has not found the pattern is above zero and
// varies.
const luck = 0.25

// Round streams salt the session seed, so round 2 has new customers.
const itemStream = 0xca11

// round returns round r's calls (r is 1 or 2) for a session's seed: the
// same for every student in the session.
func round(seed uint64, r int) [Calls]call {
	g := rng.New(rng.Mix(seed, itemStream), uint64(r))
	var cs [Calls]call
	for i := range cs {
		t := int(g.IntN(3))
		c := call{best: t}
		c.Job = jobs[t][g.IntN(uint64(len(jobs[t])))]
		c.Name = names[g.IntN(uint64(len(names)))]
		c.Mood = moods[g.IntN(uint64(len(moods)))]
		c.Line = lines[g.IntN(uint64(len(lines)))]
		for p := range c.lucky {
			c.lucky[p] = p == t || g.Float64() < luck
		}
		cs[i] = c
	}
	return cs
}

// Items returns what students see of round r's calls.
func Items(seed uint64, r int) []Item {
	cs := round(seed, r)
	out := make([]Item, Calls)
	for i, c := range cs {
		out[i] = c.Item
	}
	return out
}

// Sells reports whether pitch p on call i of round r makes a sale.
func Sells(seed uint64, r, i, p int) bool { return round(seed, r)[i].lucky[p] }

// PitchIndex parses a pitch's name.
func PitchIndex(name string) (int, error) {
	for i, p := range Pitches {
		if p == name {
			return i, nil
		}
	}
	return 0, fmt.Errorf("pitch %q is unknown; want one of discount, demo, story", name)
}

// JobType returns the customer type (the winning pitch) of a job, for the
// simulated students who learn the pattern.
func JobType(job string) int {
	for t, js := range jobs {
		for _, j := range js {
			if j == job {
				return t
			}
		}
	}
	return -1
}
