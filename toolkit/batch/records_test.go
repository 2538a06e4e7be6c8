package batch

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/manifest"
)

// someRecord is a record with every field set, from r: long and short
// reasons and notes (some longer than a chunk of the file), further
// files, negative and large numbers, and an error now and then.
func someRecord(r *rand.Rand, i int) record {
	rec := record{
		status: statusCodes[1+r.IntN(len(statusCodes)-1)],
		has:    r.IntN(2) == 0,
		fonts:  int32(r.IntN(5)) - 1,
		pages:  int32(r.IntN(300)),
		size:   r.Int64(),
		mtime:  r.Int64() - r.Int64(),
	}
	for k := range rec.sha {
		rec.sha[k], rec.key[k] = byte(r.Uint32()), byte(r.Uint32())
	}
	switch r.IntN(4) {
	case 0:
		rec.reason = "changed: audience, organisation"
	case 1:
		rec.reason = strings.Repeat("ليس ", r.IntN(20)) + fmt.Sprint(i)
	}
	if r.IntN(3) == 0 {
		rec.left = fmt.Sprintf("youth-flyer-en-%d.pdf: no room for the local contacts ☎", i)
	}
	if r.IntN(50) == 0 {
		rec.left = strings.Repeat("x", 3*recordChunk) // longer than a chunk
	}
	if r.IntN(5) == 0 {
		for p := range r.IntN(4) + 1 {
			rec.also = append(rec.also, manifest.Part{File: fmt.Sprintf("youth-cards-en-%d-%d.png", i, p+2), SHA256: strings.Repeat("ab", 32), Bytes: r.Int64N(1 << 40), ModTime: r.Int64()})
		}
	}
	if rec.status == Failed {
		rec.err = fmt.Errorf("output %d: %w", i, errors.ErrUnsupported)
	}
	return rec
}

// TestRecordsReadBack: every record written to the records' file (in
// the order outputs finish, some set again after they were written)
// reads back equal to the one kept, field by field, and so do the
// statuses memory keeps; the same holds with no file (everything in
// memory). A field lost or changed on the way fails it.
func TestRecordsReadBack(t *testing.T) {
	t.Parallel()
	const n = 3000 // some 400 KB of records: many chunks
	for _, withFile := range []bool{true, false} {
		t.Run(fmt.Sprint("file=", withFile), func(t *testing.T) {
			dir := t.TempDir()
			beside := ""
			if withFile {
				beside = filepath.Join(dir, manifest.FileName)
			}
			rs := newRecords(n, beside)
			if withFile && rs.f == nil {
				t.Fatal("no scratch file")
			}
			r := rand.New(rand.NewPCG(1, 2))
			want := make([]record, n)
			// Outputs finish out of order, a window at a time, and are
			// done (written) in order, as the build's pool does.
			const window = 12
			next := 0
			for start := 0; start < n; start += window {
				for _, i := range r.Perm(min(window, n-start)) {
					want[start+i] = someRecord(r, start+i)
					*rs.hotRecord(start + i) = want[start+i]
				}
				for ; next < min(start+window, n); next++ {
					rs.done(next)
				}
				// Read some back while others are written.
				k := r.IntN(next)
				checkRecord(t, rs, k, want[k])
			}
			// Some set again once written (a build stopped: skipped).
			for _, i := range []int{0, n / 2, n - 1} {
				want[i] = record{status: Skipped, reason: "interrupted before it started", fonts: -1}
				rs.set(i, want[i])
				rs.done(i)
			}
			if withFile && len(rs.hot) != 0 {
				t.Fatalf("%d records still held in memory after all were done", len(rs.hot))
			}
			// In order, backwards (each read a new chunk) and at random.
			for i := range n {
				checkRecord(t, rs, i, want[i])
			}
			for i := n - 1; i >= 0; i-- {
				checkRecord(t, rs, i, want[i])
			}
			for range n {
				i := r.IntN(n)
				checkRecord(t, rs, i, want[i])
			}
			if err := rs.failure(); err != nil {
				t.Fatal(err)
			}
			if withFile {
				if leftover, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(leftover) > 0 && rs.path == "" {
					t.Errorf("the records' file is still in the folder: %v", leftover)
				}
			}
		})
	}
}

func checkRecord(t *testing.T, rs *records, i int, want record) {
	t.Helper()
	got := rs.get(i)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("record %d read back\n%+v\nwant\n%+v", i, got, want)
	}
	if st := rs.statusOf(i); st != want.status {
		t.Fatalf("record %d: status %q, want %q", i, st, want.status)
	}
	if has := rs.hasFile(i); has != want.has {
		t.Fatalf("record %d: has %v, want %v", i, has, want.has)
	}
	if left := rs.left(i); left != want.left {
		t.Fatalf("record %d: left %.40q, want %.40q", i, left, want.left)
	}
}

// TestRecordsDamaged: a record that cannot be read back as it was
// written is not taken for another: it reads as a failed output, and
// failure says so (the build then writes no manifest).
func TestRecordsDamaged(t *testing.T) {
	rs := newRecords(2, filepath.Join(t.TempDir(), manifest.FileName))
	if rs.f == nil {
		t.Fatal("no scratch file")
	}
	for i := range 2 {
		*rs.hotRecord(i) = record{status: Made, has: true, reason: "not built before", pages: 1}
		rs.done(i)
	}
	rs.mu.Lock()
	rs.flushLocked()
	// The second record's length says more than the file holds.
	if _, err := rs.f.WriteAt([]byte{0xff, 0xff, 0, 0}, rs.at[1]-1); err != nil {
		t.Fatal(err)
	}
	rs.rd.buf = nil
	rs.mu.Unlock()
	if got := rs.get(0); got.status != Made {
		t.Errorf("the first record: %+v", got)
	}
	if got := rs.get(1); got.status != Failed || got.err == nil {
		t.Errorf("a damaged record reads %+v; want a failure", got)
	}
	if rs.failure() == nil {
		t.Error("failure() is nil after a damaged record")
	}
}

// TestRecordsOffHeap: a build's records are in its file, not memory,
// once the build is done, and the file is gone from the folder.
func TestRecordsOffHeap(t *testing.T) {
	dir := t.TempDir()
	p := writePlan(t, dir, `organisation: {name: Riverside Settlement Services, phone: 604-555-0134}
outputs:
  - {audiences: [youth, health], languages: [en, fr], format: sms}
`)
	rep := run(t, p, Options{})
	b := rep.b
	if b.recs.f == nil {
		t.Fatal("the build kept its records in memory")
	}
	if len(b.recs.hot) != 0 {
		t.Errorf("%d records in memory after the build", len(b.recs.hot))
	}
	for r := range rep.Results() {
		if r.Status != Made || r.Entry == nil || r.Entry.SHA256 == "" {
			t.Errorf("%s: %s, entry %+v", r.Name, r.Status, r.Entry)
		}
	}
	entries, err := os.ReadDir(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") && b.recs.path == "" {
			t.Errorf("left in the folder: %s", e.Name())
		}
	}
	checkDisk(t, filepath.Join(dir, "out"), manifest.FileName)
}
