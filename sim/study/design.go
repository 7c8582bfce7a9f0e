package study

// Arm is the group a rep ends up in.
type Arm uint8

// The arms, mandatory branch first.
const (
	MandatoryMentored Arm = iota // mandatory branch, drawn for mentoring
	MandatoryControl             // mandatory branch, not mentored
	OptinMentored                // voluntary branch, said yes and got a mentor
	OptinDenied                  // voluntary branch, said yes and was told none was available
	Optout                       // voluntary branch, said no
	NumArms
)

var armNames = [NumArms]string{"mandatory_mentored", "mandatory_control", "optin_mentored", "optin_denied", "optout"}

func (a Arm) String() string { return armNames[a] }

// Mentored reports whether reps in the arm get a mentor.
func (a Arm) Mentored() bool { return a == MandatoryMentored || a == OptinMentored }

// Branch names the branch of the study the arm belongs to.
func (a Arm) Branch() string {
	if a <= MandatoryControl {
		return "mandatory"
	}
	return "voluntary"
}

// The study's split of its 603 hires.
const (
	studyHires     = 603
	studyMentored  = 110
	studyControl   = 171
	ClassInterval  = 5 // workdays between training classes
	assignStreamID = 0 // the seed's stream for assignment; reps use 1, 2, ...
)

// branchSizes splits n hires in the study's proportions.
func branchSizes(n int) (mentored, control, voluntary int) {
	mentored = (n*studyMentored*2 + studyHires) / (2 * studyHires) // rounded
	control = (n*studyControl*2 + studyHires) / (2 * studyHires)
	return mentored, control, n - mentored - control
}
