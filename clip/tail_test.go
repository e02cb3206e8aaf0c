package clip

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// dePara is a paragraph of German prose, long enough to be an article's.
const dePara = "<p>Die Stadt hat am Montag beschlossen, die Straßenbahnlinie bis zum neuen Wohngebiet im Norden zu verlängern. Der Bau soll im kommenden Frühjahr beginnen und rund zwei Jahre dauern, teilte die Verwaltung mit.</p>"

// TestCutTrailingSections: a heading that opens what hangs under an
// article goes with everything after it, only at the text's end.
func TestCutTrailingSections(t *testing.T) {
	checkRule(t, []passageCase{
		{"German related links", dePara + dePara + dePara + `<h3>Mehr zum Thema</h3><ul><li><a href="/a">Neue Buslinie</a></li><li><a href="/b">Radweg eröffnet</a></li></ul>`,
			[]string{"Mehr zum Thema", "Neue Buslinie", "Radweg eröffnet"}, []string{"zwei Jahre dauern"}},
		{"a heading with a colon and a back link", dePara + dePara + dePara + `<p><strong>Auch interessant:</strong></p><p><a href="/c">Der Hafen wächst</a></p><p><a href="/">Zur Übersicht</a></p>`,
			[]string{"Auch interessant", "Der Hafen wächst", "Zur Übersicht"}, nil},
		{"Polish advertising label", dePara + dePara + dePara + `<p>Reklama</p>`, []string{"Reklama"}, nil},
		{"Spanish related news", dePara + dePara + dePara + `<h2>Noticias relacionadas</h2><p><a href="/d">El puerto crece</a></p>`,
			[]string{"Noticias relacionadas", "El puerto crece"}, nil},
		{"a section in the middle of a long text stays", dePara + `<h2>Siehe auch</h2>` + dePara + dePara + dePara + dePara,
			nil, []string{"Siehe auch"}},
		{"a heading that opens a large part stays", dePara + `<h2>Weitere Informationen</h2>` + dePara + dePara,
			nil, []string{"Weitere Informationen"}},
		{"the word inside a sentence stays", dePara + dePara + dePara + `<p>Mehr zum Thema erfahren Sie in der nächsten Ausgabe.</p>`,
			nil, []string{"Mehr zum Thema erfahren"}},
		{"a heading and its links inside the text", dePara + `<p><strong>Schon gelesen?</strong></p><p><a href="/e">Der Flughafen baut aus</a></p><p><a href="/f">Neue Brücke</a></p>` + dePara + dePara + dePara,
			[]string{"Schon gelesen?", "Der Flughafen baut aus", "Neue Brücke"}, []string{"zwei Jahre dauern"}},
		{"a heading inside the text without links stays", dePara + `<h2>Weitere Pläne</h2>` + dePara + dePara + dePara,
			nil, []string{"Weitere Pläne"}},
		{"more tips for you", dePara + dePara + dePara + `<h3>Noch mehr Infos für dich</h3><p><a href="/g">Testen lassen</a></p>`,
			[]string{"Noch mehr Infos", "Testen lassen"}, nil},
		{"a chapter heading that opens with the words stays", dePara + dePara + dePara + dePara + `<h3>Noch mehr Arbeit und neue Stadien</h3>` + dePara,
			nil, []string{"Noch mehr Arbeit"}},
		{"a longer might-interest-you heading", dePara + dePara + dePara + `<p>Das Thema könnte dich auch interessieren:</p><p><a href="/h">Wellness zu Hause</a></p>`,
			[]string{"könnte dich", "Wellness zu Hause"}, nil},
		{"a closing sentence that opens with the words stays", dePara + dePara + dePara + `<p>Weitere Schritte folgen im Herbst.</p>`,
			nil, []string{"Weitere Schritte"}},
		{"English that Readability.js keeps stays", dePara + dePara + dePara + `<h3>About the author</h3><p>Sarah writes about cities.</p>`,
			nil, []string{"About the author", "Sarah writes"}},
		{"more on a site", dePara + dePara + dePara + `<h3>Mehr zum Thema auf UEPO.de</h3><p><a href="/a">Auftaktveranstaltung</a></p>`, []string{"UEPO", "Auftakt"}, []string{"zwei Jahre dauern"}},
		{"most discussed with a hyphen", dePara + dePara + dePara + `<h3>meist-diskutiert</h3><p><a href="/b">Bistum Hildesheim</a></p>`, []string{"meist-diskutiert", "Hildesheim"}, nil},
		{"read another post", dePara + dePara + dePara + `<p><a href="/c">Lesen Sie hier einen weiteren spannenden Beitrag …</a></p>`, []string{"spannenden"}, nil},
		{"press contact", dePara + dePara + dePara + `<p>Kontakt:</p><p>Servicebereich Kommunikation, Tel. 069 123</p>`, []string{"Kontakt", "Servicebereich"}, nil},
		{"similar recipes", dePara + dePara + dePara + `<h4>NEW AND EXCITING SIMILAR DISHES FOR YOU TO TRY OUT</h4><p><a href="/d">Chicken</a></p>`, []string{"SIMILAR", "Chicken"}, nil},
		{"a sentence stays", dePara + dePara + dePara + `<p>Kontakt zur Verwaltung hatte er nicht.</p>`, nil, []string{"Kontakt zur"}},
		{"early in a long text it stays", dePara + `<h3>Zusatzinformationen</h3>` + dePara + dePara + dePara + dePara, nil, []string{"Zusatzinformationen"}},
	}, func(n *html.Node) { cutTrailingSections(readBlocks(n)) })
}

// TestReadBlocks: each block's size is that of
// collapsedText(b), and a short block keeps that text.
func TestReadBlocks(t *testing.T) {
	doc, err := html.Parse(strings.NewReader("<div><p>  Eins\n zwei <b>drei</b>\tvier </p><ul><li> fünf<script>x()</script> </li><li></li></ul><p>\u00a0sechs  sieben\u00a0</p>" + dePara + "</div>"))
	if err != nil {
		t.Fatal(err)
	}
	tb := readBlocks(doc)
	if len(tb.nodes) < 4 {
		t.Fatalf("%d blocks, want 4 or more", len(tb.nodes))
	}
	for i, n := range tb.nodes {
		want := collapsedText(n)
		if got, want := tb.runes[i], utf8.RuneCountInString(want); got != want {
			t.Errorf("block %d: %d runes, want %d", i, got, want)
		}
		if tb.runes[i] > cueLongText {
			want = ""
		}
		if got := tb.texts[i]; got != want {
			t.Errorf("block %d: text %q, want %q", i, got, want)
		}
	}
}
