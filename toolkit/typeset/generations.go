package typeset

// generations is one of a Typesetter's caches, kept in two generations:
// what was put or asked for since the caches last turned over (young),
// and what was before (old). An entry asked for from the old generation
// moves to the young; when the young holds half of cacheBytes, by the
// caches' estimate (limitCaches), the old is dropped and the young
// becomes the old. A build's documents each set a few texts no other
// document sets (its organisation's name), and the texts they share are
// asked for by every document: those move on from generation to
// generation, and the others are dropped, where emptying every cache at
// once, as the typesetter did, set and shaped every shared text again
// after it (in a build of 1,000 Punjabi flyers, every 94 documents).
type generations[K comparable, V any] struct {
	young, old map[K]sized[V]
}

// sized is a cache's entry with the bytes it holds once moved to the
// young generation.
type sized[V any] struct {
	v V
	n int
}

func newGenerations[K comparable, V any]() generations[K, V] {
	return generations[K, V]{young: map[K]sized[V]{}, old: map[K]sized[V]{}}
}

// get returns the entry for k, moving it to the young generation when it
// is in the old (t.limitCaches counts it there). own is k as the young
// generation keeps it: a key that borrows its caller's bytes (runKeyLookup)
// is copied.
func (g *generations[K, V]) get(t *Typesetter, k K, own func(K) K) (V, bool) {
	if e, ok := g.young[k]; ok {
		return e.v, true
	}
	e, ok := g.old[k]
	if !ok {
		var zero V
		return zero, false
	}
	delete(g.old, k)
	if own != nil {
		k = own(k)
	}
	t.limitCaches(e.n)
	g.young[k] = e
	return e.v, true
}

// put keeps v under k in the young generation; call t.limitCaches first,
// with the bytes it holds there. n is what it holds once moved to
// another generation: more, when it shares memory with another cache's
// entry there (a paragraph's glyphs, with its wrapped lines).
func (g *generations[K, V]) put(k K, v V, n int) {
	g.young[k] = sized[V]{v, n}
}

// turn drops the old generation and makes the young the old.
func (g *generations[K, V]) turn() {
	clear(g.old)
	g.young, g.old = g.old, g.young
}

// clear empties both generations.
func (g *generations[K, V]) clear() {
	clear(g.young)
	clear(g.old)
}

// len is how many entries the two generations hold.
func (g *generations[K, V]) len() int { return len(g.young) + len(g.old) }
