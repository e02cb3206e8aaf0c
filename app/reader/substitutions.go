package reader

import (
	"reflect"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// shapedFeatures are the substitution features a shaper applies to
// horizontal text unasked (HarfBuzz's).
var shapedFeatures = map[string]bool{"rvrn": true, "ccmp": true, "locl": true, "rlig": true, "calt": true,
	"clig": true, "liga": true, "rclt": true, "frac": true, "numr": true, "dnom": true}

// addSubstitutes adds to keep the glyphs the face's substitutions can put
// in place of glyphs in keep, in text shaped as Fyne shapes it: no
// language asked for, so each script's default language system, and its
// features in shapedFeatures with the lookups theirs call. A glyph only
// another language's forms (locl under JAN), vertical text or a feature
// asked for (aalt, fwid) reach is left out. It reports false when it met a
// substitution it does not know: then nothing left out is safe to drop.
func addSubstitutes(face *font.Face, keep map[uint32]bool) bool {
	g := face.GSUB
	var todo []int
	for _, s := range g.Scripts {
		ls := s.DefaultLangSys
		if ls == nil {
			continue
		}
		fis := ls.FeatureIndices
		if ls.RequiredFeatureIndex != 0xFFFF {
			fis = append(fis[:len(fis):len(fis)], ls.RequiredFeatureIndex)
		}
		for _, fi := range fis {
			if int(fi) < len(g.Features) && shapedFeatures[g.Features[fi].Tag.String()] {
				for _, li := range g.Features[fi].LookupListIndices {
					todo = append(todo, int(li))
				}
			}
		}
	}
	used := map[int]bool{}
	for len(todo) > 0 { // the lookups, and those they call from a context
		li := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if used[li] || li >= len(g.Lookups) {
			continue
		}
		used[li] = true
		for _, st := range g.Lookups[li].Subtables {
			for _, r := range lookupRecords(reflect.ValueOf(st)) {
				todo = append(todo, int(r.LookupListIndex))
			}
		}
	}
	for grew := true; grew; {
		grew = false
		put := func(gs ...tables.GlyphID) {
			for _, g := range gs {
				if !keep[uint32(g)] {
					keep[uint32(g)], grew = true, true
				}
			}
		}
		for li := range used {
			for _, st := range g.Lookups[li].Subtables {
				ok := eachCovered(st.Cov(), keep, func(gid tables.GlyphID, k int) {
					switch st := st.(type) {
					case tables.SingleSubs:
						switch d := st.Data.(type) {
						case tables.SingleSubstData1:
							put(tables.GlyphID(int(gid) + int(d.DeltaGlyphID)))
						case tables.SingleSubstData2:
							if k < len(d.SubstituteGlyphIDs) {
								put(d.SubstituteGlyphIDs[k])
							}
						}
					case tables.MultipleSubs:
						if k < len(st.Sequences) {
							put(st.Sequences[k].SubstituteGlyphIDs...)
						}
					case tables.AlternateSubs:
						if k < len(st.AlternateSets) {
							put(st.AlternateSets[k].AlternateGlyphIDs...)
						}
					case tables.LigatureSubs:
						if k < len(st.LigatureSets) {
							for _, l := range st.LigatureSets[k].Ligatures {
								put(l.LigatureGlyph)
							}
						}
					case tables.ReverseChainSingleSubs:
						if k < len(st.SubstituteGlyphIDs) {
							put(st.SubstituteGlyphIDs[k])
						}
					}
				})
				switch st.(type) {
				case tables.SingleSubs, tables.MultipleSubs, tables.AlternateSubs, tables.LigatureSubs,
					tables.ReverseChainSingleSubs, tables.ContextualSubs, tables.ChainedContextualSubs:
				default:
					ok = false
				}
				if !ok {
					return false
				}
			}
		}
	}
	return true
}

// eachCovered calls f with each glyph of cov in keep and its coverage
// index; it reports false for a coverage it does not know.
func eachCovered(cov tables.Coverage, keep map[uint32]bool, f func(g tables.GlyphID, k int)) bool {
	switch c := cov.(type) {
	case tables.Coverage1:
		for k, g := range c.Glyphs {
			if keep[uint32(g)] {
				f(g, k)
			}
		}
	case tables.Coverage2:
		for _, r := range c.Ranges {
			for g := int(r.StartGlyphID); g <= int(r.EndGlyphID); g++ {
				if keep[uint32(g)] {
					f(tables.GlyphID(g), int(r.StartCoverageIndex)+g-int(r.StartGlyphID))
				}
			}
		}
	case nil:
	default:
		return false
	}
	return true
}

// lookupRecords finds the lookups a contextual substitution calls,
// wherever its format keeps them.
func lookupRecords(v reflect.Value) []tables.SequenceLookupRecord {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return lookupRecords(v.Elem())
	case reflect.Struct:
		if r, ok := v.Interface().(tables.SequenceLookupRecord); ok {
			return []tables.SequenceLookupRecord{r}
		}
		var out []tables.SequenceLookupRecord
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out = append(out, lookupRecords(v.Field(i))...)
			}
		}
		return out
	case reflect.Slice, reflect.Array:
		switch v.Type().Elem().Kind() {
		case reflect.Struct, reflect.Slice, reflect.Array, reflect.Interface, reflect.Pointer:
		default:
			return nil // glyphs, classes
		}
		var out []tables.SequenceLookupRecord
		for i := range v.Len() {
			out = append(out, lookupRecords(v.Index(i))...)
		}
		return out
	}
	return nil
}
