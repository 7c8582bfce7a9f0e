package plot

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"testing"
)

// FuzzFigure: any CSV text of any kind either draws or fails with an
// InputError; it never panics.
func FuzzFigure(f *testing.F) {
	seeds := []string{
		"arm,day,employed,revenue\nmandatory_mentored,0,10,1200\n",
		"arm,day,employed,revenue\nmandatory_mentored,x,10,1200\n",
		"id,class,branch,arm,opted_in,mentored,ability,self_assessment,insecurity,eagerness,frailty,mentor_gain,days_employed,left\n0,0,mandatory,mandatory_control,,false,0.1,0,0,0,1,0,12,true\n",
		"point,replication,seed,mandatory.revenue_lift_2m,mandatory.revenue_lift_2m.lo,mandatory.revenue_lift_2m.hi\n0,0,1,0.2,0.1,0.3\n",
		"hires,optin_rate,optin_base,mentor_gain,true_ate,replications\n603,0.5,0,1,0.1,20\n",
	}
	for i, s := range seeds {
		f.Add(s, uint8(i))
	}
	// Every kind of file plot accepts, as mentorsim writes it, each read as
	// every kind.
	for _, recs := range files(f) {
		var b bytes.Buffer
		csv.NewWriter(&b).WriteAll(recs)
		for k := range Kinds {
			f.Add(b.String(), uint8(k))
		}
	}
	f.Fuzz(func(t *testing.T, text string, k uint8) {
		records, err := csv.NewReader(bytes.NewReader([]byte(text))).ReadAll()
		if err != nil {
			return // not CSV: the command reports that before drawing
		}
		kind := Kinds[int(k)%len(Kinds)]
		p, err := Figure(kind, records, Options{X: "mentor_gain", Y: "mandatory.revenue_lift_2m", OptinRate: math.NaN()})
		var ie *InputError
		if err != nil && !errors.As(err, &ie) {
			t.Fatalf("Figure(%s): error %v (%T) is not an InputError", kind, err, err)
		}
		if err == nil {
			Write(io.Discard, p, "svg", 200, 150) // drawing must not panic either
		}
	})
}
