package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// outFile is one output file and the function that writes it.
type outFile struct {
	name  string
	write func(io.Writer) error
}

// checkOutDir fails early, before any simulation, if dir cannot be an
// output directory.
func checkOutDir(dir string) error {
	if dir == "" {
		return nil
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return bad("out: %q is not allowed; it exists and is not a directory", dir)
	}
	return nil
}

// writeFiles writes every file to a temporary directory beside dir, then
// renames each into dir. A failure leaves nothing behind, and a reader of dir
// never sees a half-written file.
func writeFiles(dir string, files []outFile) (err error) {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".mentorsim-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, f := range files {
		if err := writeFile(filepath.Join(tmp, f.name), f.write); err != nil {
			return fmt.Errorf("writing %s: %w", f.name, err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.Rename(filepath.Join(tmp, f.name), filepath.Join(dir, f.name)); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	if err := write(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
