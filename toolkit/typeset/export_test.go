package typeset

// MakeCollection is makeCollection for the package's external tests.
var MakeCollection = makeCollection
