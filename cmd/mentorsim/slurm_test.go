package main

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// docsBlock is the shell block that follows the marker <!-- slurm:NAME -->
// in docs/cluster.md: the test runs exactly what the reader is told to.
func docsBlock(t *testing.T, name string) string {
	t.Helper()
	doc, err := os.ReadFile("../../docs/cluster.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- slurm:" + name + " -->\n```sh\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatalf("docs/cluster.md has no block after <!-- slurm:%s -->", name)
	}
	return string(m[1])
}

// slurm is a single-node Slurm cluster the test runs itself: munged,
// slurmctld and slurmd with their configuration and state in dir.
type slurm struct {
	t   *testing.T
	dir string
	env []string
}

// startSlurm starts the daemons, or skips (fails under
// MENTORSIM_REQUIRE_ALL) where Debian's slurmctld, slurmd, slurm-client
// and munge are not installed or the test is not root.
func startSlurm(t *testing.T) *slurm {
	t.Helper()
	for _, tool := range []string{"munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			cannotRun(t, "the Slurm test: "+tool+" is not installed (apt-get install slurmctld slurmd slurm-client munge)")
			t.SkipNow()
		}
	}
	if os.Geteuid() != 0 {
		cannotRun(t, "the Slurm test: it starts slurmd, which runs jobs, as root")
		t.SkipNow()
	}
	dir, err := os.MkdirTemp("", "slurm") // short: munge's socket path is bounded
	if err != nil {
		t.Fatal(err)
	}
	s := &slurm{t: t, dir: dir}
	t.Cleanup(s.stop)
	for _, d := range []string{"state", "spool", "munge"} {
		os.MkdirAll(filepath.Join(dir, d), 0o700)
	}
	key := make([]byte, 1024)
	rand.Read(key)
	os.WriteFile(filepath.Join(dir, "munge", "munge.key"), key, 0o400)
	conf := filepath.Join(dir, "slurm.conf")
	os.WriteFile(conf, []byte(slurmConf(dir, freePort(t), freePort(t))), 0o644)
	s.env = append(os.Environ(), "SLURM_CONF="+conf)
	s.daemon("munged", "--force", "--key-file="+filepath.Join(dir, "munge", "munge.key"), "--socket="+filepath.Join(dir, "munge", "sock"),
		"--pid-file="+filepath.Join(dir, "munge", "pid"), "--log-file="+filepath.Join(dir, "munge", "log"), "--seed-file="+filepath.Join(dir, "munge", "seed"))
	s.daemon("slurmctld", "-i", "-f", conf)
	s.daemon("slurmd", "-N", "localhost", "-f", conf)
	s.waitFor("the node to be idle", func() bool { return strings.TrimSpace(s.out("sinfo", "-h", "-o", "%T")) == "idle" })
	return s
}

func slurmConf(dir string, ctld, d int) string {
	return fmt.Sprintf(`ClusterName=mentorsim-test
SlurmctldHost=localhost
SlurmctldPort=%d
SlurmdPort=%d
AuthType=auth/munge
AuthInfo=socket=%[3]s/munge/sock
SlurmUser=root
SlurmdUser=root
StateSaveLocation=%[3]s/state
SlurmdSpoolDir=%[3]s/spool
SlurmctldPidFile=%[3]s/slurmctld.pid
SlurmdPidFile=%[3]s/slurmd.pid
SlurmctldLogFile=%[3]s/slurmctld.log
SlurmdLogFile=%[3]s/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerParameters=sched_interval=1
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=3000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
`, ctld, d, dir)
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// daemon starts a daemon, which forks into the background.
func (s *slurm) daemon(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Env = s.env
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

// out runs a Slurm command and returns its output.
func (s *slurm) out(name string, args ...string) string {
	cmd := exec.Command(name, args...)
	cmd.Env = s.env
	b, _ := cmd.CombinedOutput()
	return string(b)
}

// waitFor polls cond with a deadline generous for a busy machine.
func (s *slurm) waitFor(what string, cond func() bool) {
	s.t.Helper()
	for deadline := time.Now().Add(10 * time.Minute); !cond(); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			s.t.Fatalf("waited 10 minutes for %s; slurmctld's log ends:\n%s", what, tail(filepath.Join(s.dir, "slurmctld.log")))
		}
	}
}

// idle waits until no job is queued or running.
func (s *slurm) idle() {
	s.waitFor("every job to end", func() bool { return strings.TrimSpace(s.out("squeue", "-h")) == "" })
}

func (s *slurm) stop() {
	s.out("scancel", "--user=root")
	for _, pid := range []string{"slurmd.pid", "slurmctld.pid", "munge/pid"} {
		b, err := os.ReadFile(filepath.Join(s.dir, pid))
		var n int
		if _, serr := fmt.Sscan(string(b), &n); err == nil && serr == nil && n > 0 {
			syscall.Kill(n, syscall.SIGTERM)
		}
	}
	time.Sleep(500 * time.Millisecond)
	os.RemoveAll(s.dir)
}

func tail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return string(b)
}

// TestSlurmSweep runs docs/cluster.md's Slurm commands, as written, from a
// fresh clone on a single-node Slurm: the array, shard 3 cancelled part-way
// (the merge then names it), the docs' resubmission of the failed shards,
// and the merge, whose files must be byte for byte those of the same sweep
// run on one machine.
func TestSlurmSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Slurm cluster; make test runs it")
	}
	s := startSlurm(t)
	start := time.Now()
	work := filepath.Join(t.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "--quiet", "../..", work).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	// A sweep whose shards run long enough to be cancelled part-way.
	os.WriteFile(filepath.Join(work, "test-sweep.json"), []byte(`{"preset": "insecure", "seed": 2026,
		"grid": {"mentor_gain": [0, 0.3, 0.6, 0.9], "optin_shyness": "0:6:2"}, "replications": 600, "hires": 603}`), 0o644)
	sh := func(script string) string {
		t.Helper()
		cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
		cmd.Dir, cmd.Env = work, append(s.env, "SWEEP=test-sweep.json")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s\n%v\n%s", script, err, out)
		}
		return string(out)
	}
	jobid := strings.TrimSpace(lastLine(sh(docsBlock(t, "submit") + "\necho \"$jobid\"")))
	journal := filepath.Join(work, "parts", "3", ".journal")
	s.waitFor("shard 3 to journal a task", func() bool { fi, err := os.Stat(journal); return err == nil && fi.Size() > 0 })
	s.out("scancel", jobid+"_3")
	s.idle()
	merge1, _ := filepath.Glob(filepath.Join(work, "logs", "merge-*.out"))
	if len(merge1) != 1 {
		t.Fatalf("merge logs: %v; want one (afterany: the merge runs when a shard failed)", merge1)
	}
	if log, _ := os.ReadFile(merge1[0]); !bytes.Contains(log, []byte(`parts/3": is unfinished`)) {
		t.Errorf("the merge after a cancelled shard 3 says:\n%s\nwant it to name parts/3 as unfinished", log)
	}
	if _, err := os.Stat(filepath.Join(work, "results")); err == nil {
		t.Fatal("a merge with shard 3 unfinished wrote results/")
	}
	sh(docsBlock(t, "resubmit"))
	s.idle()
	single := filepath.Join(t.TempDir(), "single")
	sh("./mentorsim sweep -sweep test-sweep.json -workers 2 -out " + single)
	for _, f := range append(sweepFiles, "results.sha256") {
		a, _ := os.ReadFile(filepath.Join(work, "results", f))
		b, _ := os.ReadFile(filepath.Join(single, f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("results/%s (%d bytes) differs from the one-machine sweep's (%d bytes)", f, len(a), len(b))
		}
	}
	fmt.Printf("Slurm: the array, a cancelled shard resubmitted and the merge in %v\n", time.Since(start).Round(time.Second))
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
