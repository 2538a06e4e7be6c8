package batch

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/manifest"
	"github.com/awarekit/awarekit/toolkit/plan"
)

// Shard selects part K of N (1 ≤ K ≤ N) of a build's outputs. The zero
// Shard selects everything.
type Shard struct{ K, N int }

// Active reports whether s selects a part rather than everything.
func (s Shard) Active() bool { return s.N > 0 }

func (s Shard) String() string { return strconv.Itoa(s.K) + "/" + strconv.Itoa(s.N) }

// ParseShard reads "K/N".
func ParseShard(v string) (Shard, error) {
	ks, ns, ok := strings.Cut(v, "/")
	k, err1 := strconv.Atoi(strings.TrimSpace(ks))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("shard %q is not K/N, e.g. 2/4 for the second of four parts", v)
	}
	return NewShard(k, n)
}

// NewShard checks k and n.
func NewShard(k, n int) (Shard, error) {
	if n < 1 {
		return Shard{}, fmt.Errorf("shard %d/%d: the number of parts N must be at least 1; K/N is part K of N, e.g. 2/4", k, n)
	}
	if k < 1 || k > n {
		return Shard{}, fmt.Errorf("shard %d/%d: the part must be between 1 and %d", k, n, n)
	}
	return Shard{K: k, N: n}, nil
}

// Of returns the outputs in shard s: every Nth output of the plan,
// starting with the Kth. The parts are balanced to within one output,
// depend only on the plan, and together are the whole plan, once.
func (s Shard) Of(outs []plan.Output) []plan.Output {
	if !s.Active() {
		return outs
	}
	var part []plan.Output
	for i := s.K - 1; i < len(outs); i += s.N {
		part = append(part, outs[i])
	}
	return part
}

// manifest names the shard's own manifest file.
func (s Shard) manifest() string { return manifest.ShardFileName(s.K, s.N) }
