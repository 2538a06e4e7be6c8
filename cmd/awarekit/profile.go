package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"
)

// startProfiles writes a CPU profile of the whole process to the file that
// AWAREKIT_CPUPROFILE names, and a heap profile (what was live at the peak
// of the last collection, and every allocation) to AWAREKIT_MEMPROFILE's,
// for `go tool pprof`, and beside it (….peak) the heap as it was when the
// process held the most, for what holds memory at its peak; and an
// execution trace to AWAREKIT_TRACE's, for `go tool trace` (when each
// core worked, and on what: a build's serial start and end). Profiling is
// for developers measuring a real build. A variable that names a folder,
// a device or a place that cannot be written is refused before the
// command runs (a usage error: exit 2). The returned function finishes
// the profiles; each is written beside its file and put in place whole,
// so that one that could not be written whole (a full disk) leaves
// nothing, and is reported.
func startProfiles(errOut io.Writer) (stop func() error, err error) {
	var files []*profileFile
	fail := func(err error) (func() error, error) {
		for _, p := range files {
			p.discard()
		}
		return nil, err
	}
	open := func(env string) (*profileFile, error) {
		p, err := createProfile(env, files)
		if err == nil && p != nil {
			files = append(files, p)
		}
		return p, err
	}
	cpu, err := open("AWAREKIT_CPUPROFILE")
	if err != nil {
		return fail(err)
	}
	tr, err := open("AWAREKIT_TRACE")
	if err != nil {
		return fail(err)
	}
	mem, err := open("AWAREKIT_MEMPROFILE")
	if err != nil {
		return fail(err)
	}
	var peak *profileFile
	if mem != nil {
		if peak, err = createProfileAt("AWAREKIT_MEMPROFILE", mem.path+".peak", files); err != nil {
			return fail(err)
		}
		files = append(files, peak)
	}
	if cpu != nil {
		if err := pprof.StartCPUProfile(cpu); err != nil {
			return fail(fmt.Errorf("AWAREKIT_CPUPROFILE: %w", err))
		}
	}
	if tr != nil {
		if err := trace.Start(tr); err != nil {
			if cpu != nil {
				pprof.StopCPUProfile()
			}
			return fail(fmt.Errorf("AWAREKIT_TRACE: %w", err))
		}
	}
	var stopPeak func()
	if mem == nil {
		// The runtime samples an allocation every 512 KB for a heap
		// profile no one asked for: its records were 1.6 MB of a
		// 10,000-flyer build's memory.
		runtime.MemProfileRate = 0
	} else {
		// A sample every 16 KB rather than every 512 KB: a build's
		// heap is a few tens of MB, and the default sees only its
		// largest parts.
		runtime.MemProfileRate = 16 << 10
		stopPeak = watchPeak(peak, errOut)
	}
	return func() error {
		if cpu != nil {
			pprof.StopCPUProfile()
		}
		if tr != nil {
			trace.Stop()
		}
		if mem != nil {
			stopPeak()
			runtime.GC()
			if err := pprof.Lookup("allocs").WriteTo(mem, 0); err != nil && mem.err == nil {
				mem.err = err
			}
		}
		var errs []error
		for _, p := range files {
			errs = append(errs, p.finish())
		}
		return errors.Join(errs...)
	}, nil
}

// profileFile is a profile being written to a hidden file beside the one
// its variable names, put in its place when it is whole.
type profileFile struct {
	env, path string
	f         *os.File
	err       error // the first write's
}

// createProfile starts the file that the variable env names; nil when
// env is not set.
func createProfile(env string, others []*profileFile) (*profileFile, error) {
	path := os.Getenv(env)
	if path == "" {
		return nil, nil
	}
	return createProfileAt(env, path, others)
}

func createProfileAt(env, path string, others []*profileFile) (*profileFile, error) {
	fix := fmt.Sprintf("name a new file in a folder you can write, or unset %s", env)
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, usage(fmt.Errorf("%s=%s is a folder or a device, not a file; %s", env, path, fix))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, usage(fmt.Errorf("%s=%s: %v; %s", env, path, err, fix))
	}
	for _, o := range others {
		if o.path == abs {
			return nil, usage(fmt.Errorf("%s and %s name the same file, %s; name one file for each", o.env, env, path))
		}
	}
	f, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, usage(fmt.Errorf("%s=%s cannot be written (%v); %s", env, path, err, fix))
	}
	_ = f.Chmod(0o644) // as os.Create made it; CreateTemp makes 0600
	return &profileFile{env: env, path: abs, f: f}, nil
}

// Write writes to the hidden file, keeping the first error: the
// runtime's tracer and profiler pass over a failed write.
func (p *profileFile) Write(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	n, err := p.f.Write(b)
	if err != nil {
		p.err = err
	}
	return n, err
}

// finish puts the file in its place, or removes it when a write failed.
func (p *profileFile) finish() error {
	err := p.err
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(p.f.Name(), p.path)
	}
	if err != nil {
		_ = os.Remove(p.f.Name())
		return fmt.Errorf("%s: %s was not written (%v)", p.env, p.path, err)
	}
	return nil
}

// discard removes the file unwritten.
func (p *profileFile) discard() {
	_ = p.f.Close()
	_ = os.Remove(p.f.Name())
}

// watchPeak looks at the heap every 50 ms and keeps a heap profile of
// the largest it saw; the returned function stops and writes it to
// out, and says on errOut the most the runtime held: the heap's spans
// in use, and all it had from the system less what it gave back (what
// the process's RSS holds besides the program's own pages). The
// profile's in-use figures are those of the collection before the peak.
func watchPeak(out io.Writer, errOut io.Writer) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	var peak bytes.Buffer
	var most, held uint64
	go func() {
		defer close(finished)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			held = max(held, ms.Sys-ms.HeapReleased)
			if ms.HeapInuse > most+most/20 {
				most = ms.HeapInuse
				peak.Reset()
				_ = pprof.Lookup("heap").WriteTo(&peak, 0)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		fmt.Fprintf(errOut, "awarekit: memory: heap in use at most %.1f MB; held from the system at most %.1f MB\n", float64(most)/(1<<20), float64(held)/(1<<20))
		_, _ = out.Write(peak.Bytes()) // a failure is kept by out (profileFile)
	}
}
