package app

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2/widget"

	"app.margin/margin/storage"
)

func TestSnippetSegmentsBoldTheMatches(t *testing.T) {
	segs := snippetSegments("大模型 and more\u202E", []storage.Match{{Start: 3, End: 9}, {Start: 14, End: 18}})
	var got []string
	for _, s := range segs {
		ts := s.(*widget.TextSegment)
		got = append(got, fmt.Sprintf("%s:%v", ts.Text, ts.Style.TextStyle.Bold))
	}
	if want := []string{"大:false", "模型:true", " and :false", "more:true"}; !slices.Equal(got, want) {
		t.Errorf("segments = %q, want %q", got, want)
	}
}
