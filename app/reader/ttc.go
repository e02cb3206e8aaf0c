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
	off := int(be.Uint32(data[12+4*index:]))
	if off+12 > len(data) {
		return nil, errors.New("font collection: face past the end of the file")
	}
	numTables := int(be.Uint16(data[off+4:]))
	recs := off + 12
	if recs+16*numTables > len(data) {
		return nil, errors.New("font collection: table directory past the end of the file")
	}
	headerLen := 12 + 16*numTables
	out := make([]byte, headerLen, headerLen+len(data)/4)
	copy(out, data[off:off+12])
	for i := range numTables {
		rec := data[recs+16*i : recs+16*i+16]
		tOff, tLen := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if tOff < 0 || tLen < 0 || tOff+tLen > len(data) {
			return nil, fmt.Errorf("font collection: table %q past the end of the file", rec[:4])
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		d := out[12+16*i:]
		copy(d, rec[:8]) // tag and checksum
		be.PutUint32(d[8:], uint32(len(out)))
		be.PutUint32(d[12:], uint32(tLen))
		out = append(out, data[tOff:tOff+tLen]...)
	}
	return out, nil
}
