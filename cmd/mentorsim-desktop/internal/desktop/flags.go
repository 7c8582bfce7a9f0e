package desktop

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"mentorsim/internal/readlimit"
	"mentorsim/internal/scenarioflag"
	"mentorsim/sim/param"
	"mentorsim/ui/layout"
	"mentorsim/ui/lesson"
	"mentorsim/ui/session"
)

// ErrHelp reports that -h was asked for and the usage was printed.
var ErrHelp = errors.New("help requested")

// Options are what the command line asks for.
type Options struct {
	Scenario   param.Scenario
	Play       bool   // start the study playing
	Frames     int    // quit after this many ticks (0: run until the window is closed)
	Screenshot string // after Frames ticks, save the window as this PNG
	// The lesson: the compiled-in one, or the file -lesson names; nil with
	// LessonErr set when that file is not a valid lesson (the app says so
	// and runs without a lesson).
	Lesson     *lesson.Lesson
	LessonErr  error
	LessonStep int  // the step to open at (0: none; 1 with -lesson)
	Large      bool // large text
	// ScenarioNamed is whether -scenario was given: if not, a lesson's
	// step keeps its own preset.
	ScenarioNamed bool
}

// Usage is printed by -h above the flags.
const Usage = `usage: mentorsim-desktop [flags]

Opens mentorsim in a window: the same app as the browser's.

The run is chosen as by mentorsim: -scenario, then -seed, then -set and the
per-parameter flags in command-line order. Bad input exits with status 2 and
one line naming the field, the value and what is allowed, before any window
opens.

Copy link: there is no clipboard; the link's query (?preset=...&seed=...)
and the equivalent mentorsim-desktop command line are printed to standard
output.
Export: summary.json and reps.csv are written to a new directory
mentorsim-export-SEED-N in the current directory (N = 1, 2, ...: the first
that does not exist yet).

-lesson FILE opens the app at the first step of the lesson in FILE (a
JSON file like ui/lesson/lesson.json); without it, the compiled-in lesson
is there for the l key. A file that is not a valid lesson is reported in
the app, which then runs without one; -lesson-step N opens at step N,
with the run's flags set on top of the step's run where the step lets them
change (as a link's lesson=6&policy=3 does); the app says which it could
not use.

-frames N runs N ticks (60 a second) and exits with status 0; with
-screenshot FILE it then saves the window's contents as a PNG. -frames
implies -play unless -play=false is given, so a screenshot shows a study in
progress.

flags:
`

// maxLessonFile bounds a lesson file, so that /dev/zero is refused at once.
const maxLessonFile = 1 << 20

// ParseArgs reads the command line. -h prints the usage and flags to usage
// and returns ErrHelp; every other error is bad input (exit status 2).
func ParseArgs(args []string, usage io.Writer) (Options, error) {
	var o Options
	fs := flag.NewFlagSet("mentorsim-desktop", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	sf := scenarioflag.Add(fs)
	fs.BoolVar(&o.Play, "play", false, "start the study playing (default true with -frames)")
	fs.IntVar(&o.Frames, "frames", 0, "run this many ticks (60 a second), then exit (0: until the window is closed)")
	fs.StringVar(&o.Screenshot, "screenshot", "", "after -frames ticks, save the window's contents to this PNG file")
	lessonFile := fs.String("lesson", "", "open at the first step of the lesson in this JSON file")
	fs.IntVar(&o.LessonStep, "lesson-step", 0, "open at this step of the lesson (the compiled-in one without -lesson)")
	fs.BoolVar(&o.Large, "large", false, "large text, for projectors")

	switch err := fs.Parse(args); {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(usage, Usage)
		fs.SetOutput(usage)
		fs.PrintDefaults()
		return o, ErrHelp
	case err != nil:
		return o, err
	case fs.NArg() > 0:
		return o, fmt.Errorf("argument %q is not a flag; flags go like -name value", fs.Arg(0))
	case o.Frames < 0:
		return o, fmt.Errorf("frames: %d is not allowed; want a whole number of at least 0", o.Frames)
	case o.Screenshot != "" && o.Frames == 0:
		return o, errors.New("screenshot: needs -frames N; want -frames 1 or more with -screenshot")
	case o.LessonStep < 0 || o.LessonStep > lesson.MaxSteps:
		return o, fmt.Errorf("lesson-step: %d is not allowed; want 0 to %d", o.LessonStep, lesson.MaxSteps)
	}
	o.Lesson = lesson.Default()
	if *lessonFile != "" {
		data, err := readlimit.ReadFile(*lessonFile, maxLessonFile)
		var tl *readlimit.TooLarge
		if errors.As(err, &tl) {
			return o, fmt.Errorf("lesson: %q %w; want a lesson file (JSON) of at most %s", *lessonFile, err, readlimit.Size(maxLessonFile))
		}
		if err != nil {
			return o, fmt.Errorf("lesson: %q: %w; want a lesson file (JSON)", *lessonFile, err)
		}
		o.Lesson, o.LessonErr = lesson.Parse(data)
		if o.LessonErr != nil {
			o.LessonErr = fmt.Errorf("%s: %w", *lessonFile, o.LessonErr)
			o.LessonStep = 0
		} else if o.LessonStep == 0 {
			o.LessonStep = 1
		}
	}
	if o.Lesson != nil && o.LessonStep > len(o.Lesson.Steps) {
		return o, fmt.Errorf("lesson-step: %d is not allowed; the lesson has %d steps", o.LessonStep, len(o.Lesson.Steps))
	}
	explicitPlay := false
	fs.Visit(func(f *flag.Flag) {
		explicitPlay = explicitPlay || f.Name == "play"
		o.ScenarioNamed = o.ScenarioNamed || f.Name == "scenario"
	})
	if o.Frames > 0 && !explicitPlay {
		o.Play = true
	}
	var err error
	if o.Scenario, err = sf.Load(); err != nil {
		return o, err
	}
	if h := o.Scenario.Params.Hires; h > layout.MaxAppHires {
		return o, fmt.Errorf("hires: %s is more than the app can show; want at most %d (mentorsim run takes more)", strconv.FormatFloat(h, 'f', -1, 64), layout.MaxAppHires)
	}
	return o, nil
}

// Session opens the session the options ask for: the run, large text and
// the lesson at its step, the run's parameters set on top of the step's
// where the step lets them change (as a link's lesson=6&policy=3 does).
// What cannot be used is in the session's notice.
func Session(o Options) (*session.Session, error) {
	s, err := session.New(o.Scenario)
	if err != nil {
		return nil, err
	}
	s.Large = o.Large
	s.SetLesson(o.Lesson)
	var notice []string
	if o.LessonErr != nil {
		notice = append(notice, o.LessonErr.Error(), "running without a lesson")
	}
	if o.LessonStep > 0 {
		asked := o.Scenario
		if !o.ScenarioNamed {
			asked.Preset = "" // the step's own
		}
		notice = append(notice, s.OpenStep(o.LessonStep, asked, "command line")...)
	}
	s.Notice = strings.Join(notice, "\n")
	return s, nil
}
