package clip

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestDropPictureCredits: a line of its own that credits a picture or
// names a source goes, as does a caption paragraph a figure number opens; the same line in a caption, and a caption-like line
// that goes on into sentences, stay.
func TestDropPictureCredits(t *testing.T) {
	checkRule(t, []passageCase{
		{"title picture", dePara + `<p><em>Titelbild: Geyres Christophe/ABACA/picture-alliance</em></p>`, []string{"Titelbild"}, []string{"zwei Jahre dauern"}},
		{"post picture", dePara + `<p><u>Beitragsbild</u>: Titelseite der FAZ vom 2.4.2019, Ausriss.</p>`, []string{"Beitragsbild"}, nil},
		{"French credits", dePara + `<p>Crédits photos : Bestimage</p>`, []string{"Bestimage"}, nil},
		{"English credit in brackets", dePara + `<p><em>(Credit: Clayton Aldern / Grist)</em></p>`, []string{"Grist"}, nil},
		{"source with a date", dePara + `<p><em>Quelle: Deutscher Jagdverband (DJV), 02. Februar 2022, Berlin</em></p>`, []string{"Jagdverband"}, nil},
		{"numbered figure paragraph", dePara + `<p><em><sub>Abbildung 4: klassische Schwachschicht. ` + strings.Repeat("Der Unterschied in der Kornform ist klar ersichtlich. ", 4) + `</sub></em></p>`, []string{"Schwachschicht"}, nil},
		{"figure paragraph without a number", dePara + `<div><span>Abbildung: Farblich codierte Schneehöhendarstellung</span></div>`, []string{"Schneehöhen"}, nil},
		{"a sentence naming a figure stays", dePara + `<p>Wie Abbildung 4 zeigt: die Schicht ist schwach.</p>`, nil, []string{"Schicht ist schwach"}},
		{"credit in a figure caption stays", dePara + `<figure><img src="a.jpg"><figcaption>Foto: LA NACION</figcaption></figure>`, nil, []string{"LA NACION"}},
		{"credit in a caption class stays", dePara + `<div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">Foto: Sascha Klahn</p></div>`, nil, []string{"Sascha Klahn"}},
		{"a label that opens sentences stays", dePara + `<p>Foto: Die Stadt hat gewählt. Der neue Rat tritt im Mai zusammen.</p>`, nil, []string{"Der neue Rat"}},
		{"a long paragraph stays", dePara + `<p>Bild: ` + strings.Repeat("Die Ausstellung zeigt Werke aus drei Jahrzehnten ", 3) + `</p>`, nil, []string{"Ausstellung"}},
	}, func(n *html.Node) { dropBlocks(readBlocks(n), pictureCredit) })
}
