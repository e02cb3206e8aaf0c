package clip

import (
	"testing"

	"golang.org/x/net/html"
)

// TestMoreSectionCues: the headings rxMoreSectionCue adds cut what follows
// them at an article's end, as rxSectionCue's do; inside a sentence or
// early in a long text they stay.
func TestMoreSectionCues(t *testing.T) {
	tests := []struct {
		name, in string
		gone     []string
		kept     []string
	}{
		{"more on a site", dePara + dePara + dePara + `<h3>Mehr zum Thema auf UEPO.de</h3><p><a href="/a">Auftaktveranstaltung</a></p>`, []string{"UEPO", "Auftakt"}, []string{"zwei Jahre dauern"}},
		{"most discussed with a hyphen", dePara + dePara + dePara + `<h3>meist-diskutiert</h3><p><a href="/b">Bistum Hildesheim</a></p>`, []string{"meist-diskutiert", "Hildesheim"}, nil},
		{"read another post", dePara + dePara + dePara + `<p><a href="/c">Lesen Sie hier einen weiteren spannenden Beitrag …</a></p>`, []string{"spannenden"}, nil},
		{"press contact", dePara + dePara + dePara + `<p>Kontakt:</p><p>Servicebereich Kommunikation, Tel. 069 123</p>`, []string{"Kontakt", "Servicebereich"}, nil},
		{"similar recipes", dePara + dePara + dePara + `<h4>NEW AND EXCITING SIMILAR DISHES FOR YOU TO TRY OUT</h4><p><a href="/d">Chicken</a></p>`, []string{"SIMILAR", "Chicken"}, nil},
		{"a sentence stays", dePara + dePara + dePara + `<p>Kontakt zur Verwaltung hatte er nicht.</p>`, nil, []string{"Kontakt zur"}},
		{"early in a long text it stays", dePara + `<h3>Zusatzinformationen</h3>` + dePara + dePara + dePara + dePara, nil, []string{"Zusatzinformationen"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkPassages(t, cleaned(t, tc.in, func(n *html.Node) { cutTrailingSections(readBlocks(n)) }), tc.gone, tc.kept)
		})
	}
}
