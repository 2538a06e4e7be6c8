//go:build unix

package output

import (
	"io/fs"
	"os"
	"syscall"
)

// createFile creates the new file name, as os.OpenFile with O_CREATE and
// O_EXCL does, with fewer system calls: os.OpenFile asks the runtime's
// poller to watch the file, which it refuses for a regular file (a
// failed epoll_ctl and three fcntl for each of a build's thousands of
// files); os.NewFile only asks whether it is non-blocking. A regular
// file's writes block either way.
func createFile(name string, flag int, perm os.FileMode) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, flag|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, uint32(perm.Perm()))
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}

// rename puts the file oldname in newname's place, as os.Rename does,
// without the Lstat of newname it makes first (to refuse a folder in
// the way with its own error): the system refuses that too (EISDIR),
// and writeError says that a folder has the name.
func rename(oldname, newname string) error {
	for {
		err := syscall.Rename(oldname, newname)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return &os.LinkError{Op: "rename", Old: oldname, New: newname, Err: err}
		}
		return nil
	}
}
