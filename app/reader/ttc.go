package reader

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// errNotCollection: the file is a single font, not a collection.
var errNotCollection = errors.New("not a font collection")

// collectionFace copies face index of an OpenType collection (.ttc) out as
// a font file of its own. Fyne loads single fonts only (a collection
// crashes Fyne 2.7's font code), and the CJK fonts Linux systems ship are
// collections (NotoSansCJK-Bold.ttc holds the JP, KR, SC, TC and HK faces).
// The tables are copied unchanged, so their checksums stay right.
func collectionFace(data []byte, index int) ([]byte, error) {
	be := binary.BigEndian
	if len(data) < 12 || string(data[:4]) != "ttcf" {
		return nil, errNotCollection
	}
	n := int(be.Uint32(data[8:]))
	if index < 0 || index >= n || 12+4*n > len(data) {
		return nil, fmt.Errorf("font collection: no face %d of %d", index, n)
	}
	return copyFont(data, int(be.Uint32(data[12+4*index:])), nil)
}

// copyFont copies the font whose table directory starts at off in data
// into a font file of its own, with the tables named in replace (by tag)
// replaced by their new contents.
func copyFont(data []byte, off int, replace map[string][]byte) ([]byte, error) {
	be := binary.BigEndian
	if off < 0 || off+12 > len(data) {
		return nil, errors.New("font: table directory past the end of the file")
	}
	numTables := int(be.Uint16(data[off+4:]))
	recs := off + 12
	if recs+16*numTables > len(data) {
		return nil, errors.New("font: table directory past the end of the file")
	}
	headerLen := 12 + 16*numTables
	size := headerLen // exactly: a CJK face is megabytes, and growing by append would leave slack as large
	for i := range numTables {
		rec := data[recs+16*i : recs+16*i+16]
		n := int(be.Uint32(rec[12:]))
		if t, ok := replace[string(rec[:4])]; ok {
			n = len(t)
		} else if n < 0 || n > len(data) {
			return nil, fmt.Errorf("font: table %q past the end of the file", rec[:4])
		}
		size += (n + 3) &^ 3
	}
	out := make([]byte, headerLen, size)
	copy(out, data[off:off+12])
	for i := range numTables {
		rec := data[recs+16*i : recs+16*i+16]
		tOff, tLen := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if tOff < 0 || tLen < 0 || tOff+tLen > len(data) {
			return nil, fmt.Errorf("font: table %q past the end of the file", rec[:4])
		}
		table := data[tOff : tOff+tLen]
		sum := be.Uint32(rec[4:])
		if t, ok := replace[string(rec[:4])]; ok {
			table, sum = t, tableChecksum(t)
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		d := out[12+16*i:]
		copy(d, rec[:4])
		be.PutUint32(d[4:], sum)
		be.PutUint32(d[8:], uint32(len(out)))
		be.PutUint32(d[12:], uint32(len(table)))
		out = append(out, table...)
	}
	return out, nil
}

// tableChecksum is OpenType's checksum of a table: the sum of its
// big-endian 32-bit words, the last padded with zeros.
func tableChecksum(t []byte) uint32 {
	var sum uint32
	for i := 0; i < len(t); i += 4 {
		var w [4]byte
		copy(w[:], t[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// fontTable is the table tag of a single font file, nil when it has none.
func fontTable(data []byte, tag string) []byte {
	be := binary.BigEndian
	if len(data) < 12 {
		return nil
	}
	n := int(be.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		if len(rec) < 16 {
			return nil
		}
		if string(rec[:4]) == tag {
			off, l := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
			if off+l > len(data) || off < 0 || l < 0 {
				return nil
			}
			return data[off : off+l]
		}
	}
	return nil
}
