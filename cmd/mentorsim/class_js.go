package main

import (
	"errors"
	"io"
)

// cmdClass is absent from the WebAssembly build of the command line: the
// class server needs its SQLite database, which does not build for js/wasm.
func cmdClass([]string, io.Writer) error {
	return errors.New("class: not available in the WebAssembly build; run the native mentorsim")
}

// classCommand: there are no class subcommands in this build.
func classCommand(string) (command, bool) { return command{}, false }
