package reader

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The CFF operators whose operand is an offset from the start of the table
// (two-byte operators as 1200 plus their second byte).
const (
	cffCharset     = 15
	cffCharStrings = 17
	cffPrivate     = 18 // size, offset
	cffFDArray     = 1236
	cffFDSelect    = 1237
)

// cffEndChar is a Type 2 charstring that draws nothing.
var cffEndChar = []byte{14}

// dictEntry is one operator of a CFF DICT with its operands.
type dictEntry struct {
	op   int
	args []dictArg
}

// dictArg is an operand: its value (0 for a real number), and where it is
// encoded and in how many bytes.
type dictArg struct {
	v      int
	pos, n int
}

// emptyGlyphs returns a CFF table with the charstrings of the glyphs keep
// rejects made empty. The glyphs keep their numbers, so the font's other
// tables stay right; what follows the charstrings moves up, and the offsets
// to it are rewritten in place (a CJK face's are far enough into the table
// to be written in five bytes, which is what this needs). A CJK face is
// almost all charstrings: Noto Sans CJK's are 15 MB of its 16.
func emptyGlyphs(cff []byte, keep func(gid int) bool) ([]byte, error) {
	if len(cff) < 4 {
		return nil, errors.New("cff: table too short")
	}
	_, _, p, err := cffIndex(cff, int(cff[2])) // names
	if err != nil {
		return nil, err
	}
	_, items, _, err := cffIndex(cff, p) // top DICTs
	if err != nil {
		return nil, err
	}
	if len(items) != 2 {
		return nil, errors.New("cff: not one font")
	}
	top, err := cffDict(cff, items[0], items[1])
	if err != nil {
		return nil, err
	}
	csOff := -1
	for _, e := range top {
		if e.op == cffCharStrings && len(e.args) == 1 {
			csOff = e.args[0].v
		}
	}
	count, glyphs, csEnd, err := cffIndex(cff, csOff)
	if err != nil {
		return nil, fmt.Errorf("cff charstrings: %w", err)
	}
	var data []byte
	ends := make([]int, count)
	for g := range count {
		cs := cff[glyphs[g]:glyphs[g+1]]
		if g > 0 && !keep(g) {
			cs = cffEndChar
		}
		data = append(data, cs...)
		ends[g] = len(data)
	}
	out := append([]byte(nil), cff[:csOff]...)
	out = appendIndex(out, ends, data)
	delta := len(out) - csEnd
	out = append(out, cff[csEnd:]...)

	// moved maps an offset (or a position) in cff to out.
	moved := func(v int) int {
		if v >= csEnd {
			return v + delta
		}
		return v
	}
	patch := func(a dictArg) error {
		if a.v < csEnd {
			return nil
		}
		if a.n != 5 {
			return errors.New("cff: an offset past the charstrings is not in five bytes")
		}
		binary.BigEndian.PutUint32(out[moved(a.pos)+1:], uint32(a.v+delta))
		return nil
	}
	for _, e := range top {
		switch {
		case e.op == cffCharset && len(e.args) == 1 && e.args[0].v > 2,
			e.op == cffFDArray && len(e.args) == 1, e.op == cffFDSelect && len(e.args) == 1:
			err = patch(e.args[0])
		case e.op == cffPrivate && len(e.args) == 2:
			err = patch(e.args[1])
		}
		if err != nil {
			return nil, err
		}
		if e.op != cffFDArray || len(e.args) != 1 {
			continue
		}
		// Each font DICT of a CID font points at its Private DICT.
		_, fds, _, err := cffIndex(cff, e.args[0].v)
		if err != nil {
			return nil, fmt.Errorf("cff font DICTs: %w", err)
		}
		for i := 0; i+1 < len(fds); i++ {
			fd, err := cffDict(cff, fds[i], fds[i+1])
			if err != nil {
				return nil, err
			}
			for _, fe := range fd {
				if fe.op == cffPrivate && len(fe.args) == 2 {
					if err := patch(fe.args[1]); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	return out, nil
}

// cffIndex reads the INDEX at p: its count, where each item starts (and
// the last ends), and where the INDEX ends.
func cffIndex(cff []byte, p int) (count int, items []int, end int, err error) {
	if p < 0 || p+2 > len(cff) {
		return 0, nil, 0, errors.New("cff: INDEX past the end")
	}
	count = int(binary.BigEndian.Uint16(cff[p:]))
	if count == 0 {
		return 0, nil, p + 2, nil
	}
	if p+3 > len(cff) {
		return 0, nil, 0, errors.New("cff: INDEX past the end")
	}
	size := int(cff[p+2])
	offs := p + 3
	if size < 1 || size > 4 || offs+(count+1)*size > len(cff) {
		return 0, nil, 0, errors.New("cff: bad INDEX")
	}
	base := offs + (count+1)*size - 1 // offsets count from 1
	items = make([]int, count+1)
	for i := range items {
		v := 0
		for _, b := range cff[offs+i*size : offs+(i+1)*size] {
			v = v<<8 | int(b)
		}
		items[i] = base + v
		if v < 1 || items[i] > len(cff) || i > 0 && items[i] < items[i-1] {
			return 0, nil, 0, errors.New("cff: bad INDEX offset")
		}
	}
	return count, items, items[count], nil
}

// appendIndex appends an INDEX of items whose data ends at ends.
func appendIndex(out []byte, ends []int, data []byte) []byte {
	size := 1
	for last := len(data) + 1; last >= 1<<(8*size); {
		size++
	}
	out = binary.BigEndian.AppendUint16(out, uint16(len(ends)))
	out = append(out, byte(size))
	put := func(v int) {
		for k := size - 1; k >= 0; k-- {
			out = append(out, byte(v>>(8*k)))
		}
	}
	put(1)
	for _, e := range ends {
		put(e + 1)
	}
	return append(out, data...)
}

// cffDict reads the DICT in cff[start:end].
func cffDict(cff []byte, start, end int) ([]dictEntry, error) {
	var out []dictEntry
	var args []dictArg
	for p := start; p < end; {
		b := int(cff[p])
		arg := dictArg{pos: p, n: 1}
		switch {
		case b <= 21:
			op := b
			if b == 12 {
				if p+1 >= end {
					return nil, errors.New("cff: DICT cut short")
				}
				op = 1200 + int(cff[p+1])
				p++
			}
			out = append(out, dictEntry{op: op, args: args})
			args = nil
			p++
			continue
		case b == 28 && p+3 <= end:
			arg.v, arg.n = int(int16(binary.BigEndian.Uint16(cff[p+1:]))), 3
		case b == 29 && p+5 <= end:
			arg.v, arg.n = int(int32(binary.BigEndian.Uint32(cff[p+1:]))), 5
		case b == 30:
			q := p + 1
			for q < end && cff[q]&0xf != 0xf && cff[q]>>4 != 0xf {
				q++
			}
			arg.n = q + 1 - p
		case b >= 32 && b <= 246:
			arg.v = b - 139
		case b >= 247 && b <= 250 && p+2 <= end:
			arg.v, arg.n = (b-247)*256+int(cff[p+1])+108, 2
		case b >= 251 && b <= 254 && p+2 <= end:
			arg.v, arg.n = -(b-251)*256-int(cff[p+1])-108, 2
		default:
			return nil, fmt.Errorf("cff: bad DICT byte %d", b)
		}
		args = append(args, arg)
		p += arg.n
	}
	return out, nil
}
