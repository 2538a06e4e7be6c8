package layout

// AuditFit has fitPage tell audit of every page it fits (fitAudit), for
// the tests of package layout_test; the function it returns undoes it.
func AuditFit(audit func(tries, rows, built int, fits func(i int) bool, chosen int)) (undo func()) {
	fitAudit = audit
	return func() { fitAudit = nil }
}

// MemoStats are the bodies m served and set, and the bytes it holds by
// its estimate, with its bound.
func MemoStats(m *Memo) (hits, misses, held, bound int) { return m.hits, m.misses, m.held, memoBytes }

// MemoHelpStats are the help panels' parts m served and set.
func MemoHelpStats(m *Memo) (hits, misses int) { return m.helpHits, m.helpMisses }

// SentenceEnd is sentenceEnd, for TestSentenceEnd.
var SentenceEnd = sentenceEnd
