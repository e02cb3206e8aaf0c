package clip

import (
	"testing"

	"golang.org/x/net/html"
)

// TestDropDateLines: a line of a date, its time and a byline or category
// goes from the article's top; a date in a sentence, a line with more
// words, and a date line further down stay.
func TestDropDateLines(t *testing.T) {
	checkRule(t, []passageCase{
		{"numeric date", `<p>23.10.2018</p>` + dePara + dePara, []string{"23.10.2018"}, []string{"zwei Jahre dauern"}},
		{"Norwegian month", `<p><time>7. oktober 2020</time></p>` + dePara, []string{"oktober"}, nil},
		{"Polish genitive", `<h1>Finowie odkrywają wino</h1><p>16 marca 2021</p>` + dePara, []string{"marca"}, []string{"Finowie"}},
		{"date, time and category", `<p>24.01.2022 11:38 Kategorie: News</p>` + dePara, []string{"Kategorie"}, nil},
		{"byline and date under the lede", dePara + `<p>von Anja Schmoll-Trautmann am 14. Mai 2014, 15:40 Uhr</p>` + dePara, []string{"Schmoll"}, nil},
		{"ISO time with zone", `<p>opublikowano: 2021-04-29 17:13:04.031886+02:00</p>` + dePara, []string{"opublikowano"}, nil},
		{"a sentence with a date stays", `<p>Am 23.10.2018 hat der Rat die neue Satzung beschlossen.</p>` + dePara, nil, []string{"Satzung"}},
		{"a headline with a date stays", `<p>Stadtrat beschließt am 23.10.2018 den Haushalt für das kommende Jahr neu</p>` + dePara, nil, []string{"Haushalt"}},
		{"a date line further down stays", dePara + dePara + dePara + `<p>23.10.2018</p>` + dePara, nil, []string{"23.10.2018"}},
		{"a year alone stays", `<p>Oktober 2020</p>` + dePara, nil, []string{"Oktober 2020"}},
	}, func(n *html.Node) { dropBlocks(readBlocks(n), topDateLines()) })
}
