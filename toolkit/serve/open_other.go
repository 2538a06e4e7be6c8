//go:build !unix

package serve

// nonBlocking is not needed where named pipes are not files in a folder.
const nonBlocking = 0
