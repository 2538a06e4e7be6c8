package pdf

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
)

// objOffsets is where each object of a joined file starts, by number,
// for its cross-reference table. A pack of ten thousand flyers has some
// 800,000 objects: with a spill file, the offsets of the files added
// before the current one go there (8 bytes each) and only the current
// file's stay in memory, so the packer holds the same whatever the
// number of files.
type objOffsets struct {
	base int     // numbers below base are in the spill
	win  []int64 // win[n-base] is object n's offset; 0 until it is written
	// late are the numbers whose objects are written only when the
	// whole file is (the page tree, catalog, metadata, the structure
	// tree's root and Document): spilled as 0, their offsets kept here.
	late map[int]int64

	spill  io.ReadWriteSeeker // nil: everything stays in win
	bw     *bufio.Writer
	record [8]byte
}

// spillAfter is how many offsets the window holds before it is spilled
// at the end of a file: a few flyers' worth, so the spill is written in
// large pieces.
var spillAfter = 1 << 12 // a variable for the tests

func newObjOffsets(late ...int) objOffsets {
	o := objOffsets{late: map[int]int64{}}
	for _, n := range late {
		o.late[n] = 0
	}
	return o
}

// len is the number of objects numbered, object 0 included.
func (o *objOffsets) len() int { return o.base + len(o.win) }

// next numbers a new object.
func (o *objOffsets) next() int {
	o.win = append(o.win, 0)
	return o.len() - 1
}

// reserve numbers a new object that is written only at the end.
func (o *objOffsets) reserve() int {
	n := o.next()
	o.late[n] = 0
	return n
}

// set records that object n starts at off.
func (o *objOffsets) set(n int, off int64) {
	if _, ok := o.late[n]; ok {
		o.late[n] = off
		return
	}
	o.win[n-o.base] = off
}

// settle is called between files, when every object numbered so far has
// been written but the late ones: the window goes to the spill once it is
// large enough.
func (o *objOffsets) settle() error {
	if o.spill == nil || len(o.win) < spillAfter {
		return nil
	}
	if o.bw == nil {
		o.bw = bufio.NewWriterSize(o.spill, 1<<15)
	}
	for i, off := range o.win {
		n := o.base + i
		if _, ok := o.late[n]; !ok && off == 0 && n != 0 {
			return fmt.Errorf("merge: object %d was numbered but never written", n)
		}
		binary.LittleEndian.PutUint64(o.record[:], uint64(off))
		if _, err := o.bw.Write(o.record[:]); err != nil {
			return fmt.Errorf("merge: keeping the objects' offsets: %w", err)
		}
	}
	o.base += len(o.win)
	o.win = o.win[:0]
	return nil
}

// each calls fn with every object's offset, in number order, object 0
// included (whose offset is 0).
func (o *objOffsets) each(fn func(n int, off int64)) error {
	n := 0
	if o.base > 0 {
		if err := o.bw.Flush(); err != nil {
			return fmt.Errorf("merge: keeping the objects' offsets: %w", err)
		}
		if _, err := o.spill.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("merge: reading the objects' offsets: %w", err)
		}
		br := bufio.NewReaderSize(o.spill, 1<<15)
		for ; n < o.base; n++ {
			if _, err := io.ReadFull(br, o.record[:]); err != nil {
				return fmt.Errorf("merge: reading the objects' offsets: %w", err)
			}
			off := int64(binary.LittleEndian.Uint64(o.record[:]))
			if late, ok := o.late[n]; ok {
				off = late
			}
			fn(n, off)
		}
	}
	for _, off := range o.win {
		if late, ok := o.late[n]; ok {
			off = late
		}
		fn(n, off)
		n++
	}
	return nil
}
