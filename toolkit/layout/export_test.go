package layout

// AuditFit has fitPage tell audit of every page it fits (fitAudit), for
// the tests of package layout_test; the function it returns undoes it.
func AuditFit(audit func(tries, rows, built int, fits func(i int) bool, chosen int)) (undo func()) {
	fitAudit = audit
	return func() { fitAudit = nil }
}
