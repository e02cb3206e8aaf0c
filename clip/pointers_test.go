package clip

import (
	"testing"

	"golang.org/x/net/html"
)

// TestDropPointerLines: a German line that sends the reader elsewhere goes
// when it links there or gives the address; without either, or as a
// sentence that only opens alike, it stays.
func TestDropPointerLines(t *testing.T) {
	checkRule(t, []passageCase{
		{"here it goes to", dePara + `<p><a href="/v">Hier geht es zur neuen Vorstandsstruktur</a></p>`, []string{"Vorstandsstruktur"}, []string{"zwei Jahre dauern"}},
		{"here the draw", dePara + `<p><a href="/t">Hier das Einzel-Tableau in Pune</a></p>` + dePara, []string{"Tableau"}, nil},
		{"read here", dePara + `<p>Lesen Sie hier: <a href="/k"><em>Spielabbruch in der Kreisliga</em></a></p>` + dePara, []string{"Kreisliga"}, nil},
		{"find it here", dePara + `<p>Alles über nachhaltige Wanderschuhe findest Du <a href="/w">hier</a>.</p>`, []string{"Wanderschuhe"}, nil},
		{"more at an address", dePara + `<p>Weitere Infos unter www.itfjuniors.de.</p>`, []string{"itfjuniors"}, nil},
		{"no link, no address: stays", dePara + `<p>Hier geht es zur Sache: Der Rat stimmt ab.</p>`, nil, []string{"zur Sache"}},
		{"a sentence stays", dePara + `<p>Hier die Zahlen, die der Rat <a href="/z">veröffentlicht</a> hat, im Überblick und mit allen Details für jede einzelne Gemeinde des Landkreises und der Stadt.</p>`, nil, []string{"die Zahlen"}},
	}, func(n *html.Node) { dropBlocks(readBlocks(n), pointerLine) })
}
