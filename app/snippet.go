package app

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// snippetLead is how much text a snippet keeps before its first match, so
// the match shows in a narrow row.
const snippetLead = 24

// snippetSegments renders a search snippet on one line with its matches in
// bold, starting at most snippetLead characters before the first match.
func snippetSegments(snippet string, matches []storage.Match) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	add := func(s string, bold bool) {
		if s = text.Flatten(s); s != "" {
			segs = append(segs, &widget.TextSegment{Text: s, Style: snippetStyle(bold)})
		}
	}
	pos := 0
	if len(matches) > 0 && matches[0].Start <= len(snippet) {
		if lead := []rune(snippet[:matches[0].Start]); len(lead) > snippetLead {
			add("…"+strings.TrimLeft(string(lead[len(lead)-snippetLead:]), " "), false)
			pos = matches[0].Start
		}
	}
	for _, m := range matches {
		if m.Start < pos || m.End > len(snippet) || m.Start >= m.End {
			continue
		}
		add(snippet[pos:m.Start], false)
		add(snippet[m.Start:m.End], true)
		pos = m.End
	}
	add(snippet[pos:], false)
	return segs
}

// fitLines cuts segments (ending the cut with …) so they take about lines
// lines of width w once wrapped; RichText's own ellipsis works on one
// segment only, and would hide a match in the second.
func fitLines(segs []widget.RichTextSegment, w float32, lines int) []widget.RichTextSegment {
	budget := w * (float32(lines) - 0.35) // word wrap leaves ragged line ends
	var out []widget.RichTextSegment
	for _, seg := range segs {
		ts, ok := seg.(*widget.TextSegment)
		if !ok {
			continue
		}
		size := theme.Size(ts.Style.SizeName)
		width := fyne.MeasureText(ts.Text, size, ts.Style.TextStyle).Width
		if width <= budget {
			out = append(out, ts)
			budget -= width
			continue
		}
		runes := []rune(ts.Text)
		n := sort.Search(len(runes), func(i int) bool {
			return fyne.MeasureText(string(runes[:i+1])+"…", size, ts.Style.TextStyle).Width > budget
		})
		out = append(out, &widget.TextSegment{Text: string(runes[:n]) + "…", Style: ts.Style})
		break
	}
	return out
}

func snippetStyle(bold bool) widget.RichTextStyle {
	st := widget.RichTextStyleInline
	st.SizeName = theme.SizeNameCaptionText
	st.TextStyle.Bold = bold
	if bold {
		st.ColorName = theme.ColorNameForeground
	} else {
		st.ColorName = theme.ColorNamePlaceHolder
	}
	return st
}
