package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// TestNoFusedMultiplyAdd builds mentorsim for amd64 with GOAMD64=v3 and for
// arm64, where the Go compiler may fuse x*y+z into one FMA instruction, and
// fails if it did so anywhere in the code whose numbers must agree across
// platforms (the engine and everything the command line computes from it):
// a fused product rounds differently from WebAssembly's separate multiply
// and add, and the same seed would no longer give the same bits. (Products
// that feed a sum are written float64(x*y), which forbids fusing.) The class
// server's statistics are left out: they run natively only and are never
// compared across machines.
func TestNoFusedMultiplyAdd(t *testing.T) {
	// objdump does not decode amd64's FMA, so look for its encoding: a
	// three-byte VEX prefix (c4) selecting opcode map 0F38, then one of the
	// scalar FMA opcodes (VFMADD/VFMSUB/VFNMADD/VFNMSUB 132/213/231 SD).
	amd64FMA := regexp.MustCompile(`(?m)^\s*(\S+\.go:\d+)\s+0x[0-9a-f]+\s+c4[02468ace]2..(99|9b|9d|9f|a9|ab|ad|af|b9|bb|bd|bf)`)
	// On arm64 it decodes them: FMADDD, FMSUBD, FNMADDD, FNMSUBD.
	arm64FMA := regexp.MustCompile(`(?m)^\s*(\S+\.go:\d+)\s+0x[0-9a-f]+\s+[0-9a-f]+\s+(FN?M(ADD|SUB)D)\b`)
	for _, c := range []struct {
		env      []string
		multiply string // the scalar multiply, to check that the filter sees code
		fma      *regexp.Regexp
	}{
		{[]string{"GOOS=linux", "GOARCH=amd64", "GOAMD64=v3"}, `MULSD`, amd64FMA},
		{[]string{"GOOS=linux", "GOARCH=arm64"}, `FMULD`, arm64FMA},
	} {
		bin := filepath.Join(t.TempDir(), "mentorsim")
		build := exec.Command("go", "build", "-o", bin, ".")
		build.Env = append(os.Environ(), c.env...)
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("%v go build: %v\n%s", c.env, err, out)
		}
		out, err := exec.Command("go", "tool", "objdump", "-s", `^(main\.|mentorsim/(sim|internal|plot)/)`, bin).CombinedOutput()
		if err != nil {
			t.Fatalf("go tool objdump: %v\n%s", err, out)
		}
		if !regexp.MustCompile(c.multiply).Match(out) {
			t.Fatalf("%v: no floating-point multiply in mentorsim's code: is the disassembly filter right?", c.env)
		}
		for _, m := range c.fma.FindAllSubmatch(out, -1) {
			t.Errorf("%v: fused multiply-add at %s", c.env, m[1])
		}
	}
}
