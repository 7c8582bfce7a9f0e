package atinit

import (
	"os"
	"runtime"

	"mentorsim/cmd/mentorsim-desktop/internal/nodisplay"
)

func init() {
	if code, done := nodisplay.Answer(runtime.GOOS, os.Getenv, os.Args[1:], os.Stderr); done {
		os.Exit(code)
	}
}
