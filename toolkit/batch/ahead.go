package batch

import (
	"errors"
	"fmt"
	"sync"

	"github.com/awarekit/awarekit/toolkit/pack"
	"github.com/awarekit/awarekit/toolkit/plan"
)

// ahead writes a build's index page and its manifest while its last pack
// is finished. When the pack's last material is the build's last output,
// every output is done before the pack's cover sheet is laid out, drawn
// and joined: the index page (a row for each output) and the manifest's
// entries (one for each output) need no more, and were written after the
// pack, on one core, while the other had nothing to do.
//
// The index page is written as if the pack is made, linking it, and put
// in place only when it is and the build was not stopped (settle); else
// it is thrown away and the page written again as before. The manifest's
// entries are written at once, and what follows them (the packs' and the
// index pages' entries) when every result is final (finish): it is put in
// place last, as before.
type ahead struct {
	st *set // the set whose pack is being finished

	keep  chan bool    // settle's answer to the index page: keep it or not
	index chan *Result // the index page kept, or nil
	once  sync.Once
	made  bool // the pack was made: the page written ahead is the one
	kept  *Result

	final, abandon chan struct{}
	manifest       chan error
	done           sync.Once
	err            error
}

// errNotKept is an index page written ahead that is not kept.
var errNotKept = errors.New("not kept")

// errAbandoned is a manifest begun ahead and never finished: the build
// stopped before it knew what it had made.
var errAbandoned = errors.New("manifest not finished")

// startAhead begins the index page of st, whose pack is about to be
// finished, and the manifest.
func (b *builder) startAhead(st *set) {
	a := &ahead{st: st, keep: make(chan bool, 1), index: make(chan *Result, 1),
		final: make(chan struct{}), abandon: make(chan struct{}), manifest: make(chan error, 1)}
	b.ahead = a
	go func() {
		var res *Result
		defer func() { a.index <- res }()
		res = safely(plan.Output{Name: st.Path(pack.IndexName)}, func() *Result {
			return b.indexWith(st, true, func() error {
				if !<-a.keep {
					return errNotKept
				}
				return nil
			})
		})
		if res != nil && errors.Is(res.Err, errNotKept) {
			res = nil
		}
	}()
	go func() {
		var err error
		defer func() { a.manifest <- err }()
		defer func() {
			if v := recover(); v != nil {
				err = fmt.Errorf("internal error while writing the manifest: %v (this is a bug in awarekit; please report it with the command you ran)", v)
			}
		}()
		err = b.writeManifest(a.final, a.abandon)
	}()
}

// settle tells the index page written ahead whether the pack was made
// (and the build not stopped), and returns the page's result when it was
// (the page in place, or why it could not be written), nil when it was
// not: the page is then written again. Only the first call tells; a nil
// ahead does nothing.
func (a *ahead) settle(packMade bool) *Result {
	if a == nil {
		return nil
	}
	a.once.Do(func() {
		a.made = packMade
		a.keep <- packMade
		a.kept = <-a.index
	})
	if !a.made {
		return nil
	}
	return a.kept
}

// finish writes the end of the manifest, every result now final, and
// returns once it is in place.
func (a *ahead) finish() error {
	a.settle(false)
	a.done.Do(func() {
		close(a.final)
		a.err = <-a.manifest
	})
	return a.err
}

// stop ends what was begun ahead and not finished (the build stopped
// with a panic): no index page or manifest of it is put in place.
func (a *ahead) stop() {
	if a == nil {
		return
	}
	a.settle(false)
	a.done.Do(func() {
		close(a.abandon)
		a.err = <-a.manifest
	})
}
