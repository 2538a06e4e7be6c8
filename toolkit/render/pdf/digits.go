package pdf

import "strconv"

// appendInt appends v in decimal, as strconv.AppendInt(b, int64(v), 10)
// does. The numbers a file is made of (object numbers, offsets in an
// object stream, marked-content identifiers) are small: below 10,000
// they are written here digit by digit, without strconv's buffer and
// copy.
func appendInt(b []byte, v int) []byte {
	switch {
	case v < 0 || v >= 10000:
		return strconv.AppendInt(b, int64(v), 10)
	case v < 10:
		return append(b, byte('0'+v))
	case v < 100:
		return append(b, byte('0'+v/10), byte('0'+v%10))
	case v < 1000:
		return append(b, byte('0'+v/100), byte('0'+v/10%10), byte('0'+v%10))
	}
	return append(b, byte('0'+v/1000), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}
