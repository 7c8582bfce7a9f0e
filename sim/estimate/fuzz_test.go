package estimate

import (
	"encoding/binary"
	"math"
	"testing"
)

// wellFormed: either all NaN (undefined) or all finite with SE >= 0 and
// Lo <= Estimate <= Hi.
func wellFormed(e Estimate) bool {
	if math.IsNaN(e.Estimate) {
		return math.IsNaN(e.SE) && math.IsNaN(e.Lo) && math.IsNaN(e.Hi)
	}
	return isFinite(e.Estimate) && isFinite(e.SE) && isFinite(e.Lo) && isFinite(e.Hi) &&
		e.SE >= 0 && e.Lo <= e.Estimate && e.Estimate <= e.Hi
}

// FuzzRevenueLift decodes 10 bytes per rep: days (may be negative), flags
// (bit 0 treated, bit 1 raw float bits for revenue, else a modest integer),
// revenue.
func FuzzRevenueLift(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{5, 0, 100, 0, 0, 0, 0, 0, 0, 0, 7, 1, 200, 1, 0, 0, 0, 0, 0, 0, 3, 0, 50, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{5, 2, 0, 0, 0, 0, 0, 0, 0xf0, 0x7f, 7, 3, 0, 0, 0, 0, 0, 0, 0xe0, 0x7f, 1, 0, 9, 9, 9, 9, 9, 9, 9, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		var reps []Cluster
		finite := true
		for len(data) >= 10 {
			c := Cluster{Days: int(int8(data[0])), Treated: data[1]&1 == 1}
			bits := binary.LittleEndian.Uint64(data[2:10])
			if data[1]&2 != 0 {
				c.Revenue = math.Float64frombits(bits)
			} else {
				c.Revenue = float64(int32(bits))
			}
			finite = finite && isFinite(c.Revenue)
			reps = append(reps, c)
			data = data[10:]
		}
		e := RevenueLift(reps)
		if finite && !wellFormed(e) {
			t.Fatalf("RevenueLift(%v) = %+v", reps, e)
		}
	})
}

// FuzzSurvival decodes 2 bytes per spell (signed time, event flag) and
// checks Survival, KaplanMeier and SurvivalLift on the two halves.
func FuzzSurvival(f *testing.F) {
	f.Add([]byte{}, 0)
	f.Add([]byte{6, 1, 6, 1, 6, 0, 7, 1, 9, 0, 10, 1, 10, 0}, 7)
	f.Add([]byte{2, 1, 2, 1, 0xff, 1, 3, 0}, 1<<40)
	f.Fuzz(func(t *testing.T, data []byte, day int) {
		var sp []Spell
		for i := 0; i+1 < len(data); i += 2 {
			sp = append(sp, Spell{Time: int(int8(data[i])), Event: data[i+1]&1 == 1})
		}
		s := Survival(sp, day)
		if !wellFormed(s) || !math.IsNaN(s.Estimate) && (s.Lo < 0 || s.Hi > 1) {
			t.Fatalf("Survival(%v, %d) = %+v", sp, day, s)
		}
		c := KaplanMeier(sp, 130)
		for x := 1; x < len(c.S); x++ {
			if c.S[x] > c.S[x-1] || c.AtRisk[x] > c.AtRisk[x-1] {
				t.Fatalf("curve rises on day %d: %+v", x, c)
			}
		}
		if 0 <= day && day <= 130 && !same(c.S[day], s.Estimate, 0) {
			t.Fatalf("curve %v and Survival %v disagree on day %d", c.S[day], s.Estimate, day)
		}
		half := len(sp) / 2
		if l := SurvivalLift(sp[:half], sp[half:], day); !wellFormed(l) || l.Estimate < -1 {
			t.Fatalf("SurvivalLift = %+v", l)
		}
	})
}
