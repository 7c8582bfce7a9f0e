package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// TestNoFusedMultiplyAdd builds mentorsim for GOAMD64=v3, where the Go
// compiler may fuse x*y+z into one FMA instruction, and fails if it did so
// anywhere in the code whose numbers must agree across platforms (the
// engine and everything the command line computes from it): a fused product
// rounds differently from WebAssembly's separate multiply and add, and the
// same seed would no longer give the same bits. (Products that feed a sum
// are written float64(x*y), which forbids fusing.) The class server's
// statistics are left out: they run natively only and are never compared
// across machines.
func TestNoFusedMultiplyAdd(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "mentorsim-v3")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOAMD64=v3", "GOARCH=amd64", "GOOS=linux")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command("go", "tool", "objdump", "-s", `^(main\.|mentorsim/(sim|internal|plot)/)`, bin).CombinedOutput()
	if err != nil {
		t.Fatalf("go tool objdump: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`MULSD`).Match(out) {
		t.Fatal("no floating-point multiply in mentorsim's code: is the disassembly filter right?")
	}
	// objdump does not decode FMA, so look for its encoding: a three-byte VEX
	// prefix (c4) selecting opcode map 0F38, then one of the scalar FMA
	// opcodes (VFMADD/VFMSUB/VFNMADD/VFNMSUB 132/213/231 SD).
	fma := regexp.MustCompile(`(?m)^\s*(\S+\.go:\d+)\s+0x[0-9a-f]+\s+c4[02468ace]2..(99|9b|9d|9f|a9|ab|ad|af|b9|bb|bd|bf)`)
	for _, m := range fma.FindAllSubmatch(out, -1) {
		t.Errorf("fused multiply-add at %s", m[1])
	}
}
