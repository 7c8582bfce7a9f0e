package export

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"

	"mentorsim/sim/model"
	"mentorsim/sim/study"
)

// MaxDaysHires is the largest study for which days.csv (one row per
// rep-day) is written.
const MaxDaysHires = 10_000

// SummaryJSON writes the study's summary as indented JSON and a newline.
func SummaryJSON(w io.Writer, s *study.Study) error { return JSON(w, s.Summary()) }

// JSON writes v as indented JSON and a newline: the form of every JSON
// output of mentorsim.
func JSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

var windowNames = [len(model.Windows)]string{"1m", "2m", "3m", "6m"}

// RepsHeader is the header of reps.csv.
func RepsHeader() []string {
	h := []string{"id", "class", "branch", "arm", "opted_in", "mentored"}
	h = append(h, latentNames...)
	h = append(h, "survey_self_assessment", "survey_insecurity", "survey_eagerness",
		"experience", "screen", "know_how", "peer_share", "mentor_gain", "days_employed", "left")
	for _, w := range windowNames {
		h = append(h, "revenue_"+w, "days_"+w)
	}
	return h
}

// RepsCSV writes one row per rep. opted_in is empty (NA) for the mandatory
// branch, who were never asked.
func RepsCSV(w io.Writer, s *study.Study) error {
	c := csv.NewWriter(w)
	c.Write(RepsHeader())
	price := s.Scenario.Params.Price
	row := make([]string, 0, len(RepsHeader()))
	for i := range s.Reps {
		r, a := &s.Reps[i], s.Arms[i]
		optedIn := ""
		if a.Branch() == "voluntary" {
			optedIn = strconv.FormatBool(r.OptedIn)
		}
		row = append(row[:0], itoa(i), itoa(s.Class(i)), a.Branch(), a.String(), optedIn, strconv.FormatBool(r.Mentored))
		row = append(row, latent(r)...)
		row = append(row, ftoa(r.SurveySelfAssessment), ftoa(r.SurveyInsecurity),
			ftoa(r.SurveyEagerness), ftoa(r.Experience), ftoa(r.Screen), ftoa(r.KnowHow), ftoa(r.PeerShare), ftoa(r.Gain()),
			itoa(int(r.DaysEmployed)), strconv.FormatBool(r.Left()))
		for k, end := range model.Windows {
			row = append(row, ftoa(float64(price*float64(r.Sales[k]))), itoa(min(int(r.DaysEmployed), end)))
		}
		c.Write(row)
	}
	c.Flush()
	return c.Error()
}

// DailyCSV writes, per arm and tenure day, the reps employed and their
// revenue.
func DailyCSV(w io.Writer, s *study.Study) error {
	c := csv.NewWriter(w)
	c.Write([]string{"arm", "day", "employed", "revenue"})
	price := s.Scenario.Params.Price
	for a := range study.NumArms {
		for t, d := range s.Daily[a] {
			c.Write([]string{a.String(), itoa(t), itoa(int(d.Employed)), ftoa(float64(price * float64(d.Sales)))})
		}
	}
	c.Flush()
	return c.Error()
}

// DaysCSV writes one row per rep-day worked, replaying each rep.
func DaysCSV(w io.Writer, s *study.Study) error {
	c := csv.NewWriter(w)
	c.Write([]string{"id", "day", "revenue"})
	price := s.Scenario.Params.Price
	for i := range s.Reps {
		id := itoa(i)
		s.Replay(i, func(t, sales int) {
			c.Write([]string{id, itoa(t), ftoa(float64(price * float64(sales)))})
		})
	}
	c.Flush()
	return c.Error()
}

// latentNames are the latent traits, as reps.csv and panel.csv name them:
// what no firm observes, and a simulation knows.
var latentNames = []string{"ability", "self_assessment", "insecurity", "eagerness", "frailty", "peer_access", "propensity"}

func latent(r *model.Rep) []string {
	return []string{ftoa(r.Ability), ftoa(r.SelfAssessment), ftoa(r.Insecurity), ftoa(r.Eagerness), ftoa(r.Frailty),
		ftoa(r.PeerAccess), ftoa(r.Propensity)}
}

// PanelHeader is the header of panel.csv. After the day's columns come
// what the firm measured at hire, then the latent traits, the same on
// every row of a rep.
var PanelHeader = append([]string{"rep", "arm", "class", "calendar_day", "tenure_day", "calls", "sales", "revenue", "employed",
	"survey_self_assessment", "survey_insecurity", "survey_eagerness", "experience"}, latentNames...)

// PanelCSV writes the long rep-day panel for R, Stata and pandas: one row
// per rep and tenure day simulated, employed or not (calls, sales and
// revenue are 0 once the rep has left), replaying each rep. The calendar
// day counts workdays from the first class's first day. Calls are the day's
// expected calls (model.DayCalls: calls_per_day times the class's and the
// day's factors, 0 on a day absent), as Rep.Calls sums them.
func PanelCSV(w io.Writer, s *study.Study) error {
	c := csv.NewWriter(w)
	c.Write(PanelHeader)
	p := &s.Scenario.Params
	for i := range s.Reps {
		r := &s.Reps[i]
		worked := make(map[int]int, s.Reps[i].DaysEmployed)
		s.Replay(i, func(t, sales int) { worked[t] = sales })
		id, arm, class := itoa(i), s.Arms[i].String(), s.Class(i)
		hire := append([]string{ftoa(r.SurveySelfAssessment), ftoa(r.SurveyInsecurity), ftoa(r.SurveyEagerness), ftoa(r.Experience)}, latent(r)...)
		for t := range int(r.Tenure) {
			row := append([]string{id, arm, itoa(class), itoa(class*study.ClassInterval + t), itoa(t), "0", "0", "0", "0"}, hire...)
			if sales, ok := worked[t]; ok {
				row[5], row[6], row[7], row[8] = ftoa(s.Engine.DayCalls(r, t)), itoa(sales), ftoa(float64(p.Price*float64(sales))), "1"
			}
			c.Write(row)
		}
	}
	c.Flush()
	return c.Error()
}

func itoa(v int) string     { return strconv.Itoa(v) }
func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
