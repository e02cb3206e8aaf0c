package clip

import (
	"testing"

	"golang.org/x/net/html"
)

// TestStandsAlone: an inline element alone between blocks is read as a
// line by the meta-line rules; inside a sentence it is not.
func TestStandsAlone(t *testing.T) {
	checkRule(t, []passageCase{
		{"a date label between blocks", dePara + `<time>Publiziert: 03.04.2020, 12:35</time>` + dePara, []string{"Publiziert"}, []string{"zwei Jahre dauern"}},
		{"inside a paragraph it stays", dePara + `<p>Der Bericht, <time>Publiziert: 03.04.2020</time>, kam spät.</p>`, nil, []string{"Publiziert"}},
		{"beside text it stays", dePara + `Stand der Dinge <span>Publiziert: 03.04.2020</span>` + dePara, nil, []string{"Publiziert"}},
	}, func(n *html.Node) { removeBoilerplate(n, true) })
}
