package clip

import (
	"testing"

	"golang.org/x/net/html"
)

// TestMetaBars: a line of three or more short items between vertical
// bars goes; two items, a long item, code and a table stay.
func TestMetaBars(t *testing.T) {
	checkRule(t, []passageCase{
		{"comment links", dePara + `<p>Kommentarfeed | Kommentare geschlossen | Trackback-URL</p>`, []string{"Trackback"}, []string{"zwei Jahre dauern"}},
		{"post line", dePara + `<p>Freitag | 14. Juni 2019 | 15:49 VON Sina Giebel IN Fashion | 0 COMMENTS</p>` + dePara, []string{"Sina Giebel"}, nil},
		{"file line", dePara + `<p><a href="a.pdf">Informationsschreiben vom 14. Oktober 2021</a>PDF | 38 KB | Datei ist nicht barrierefrei</p>`, []string{"38 KB"}, nil},
		{"two items stay", dePara + `<p>Online-Pressemappe | RSS-Feed abonnieren</p>`, nil, []string{"Pressemappe"}},
		{"a long item stays", dePara + `<p>Die Stadt baut | die neue Linie bis zum Wohngebiet im Norden und im Süden | ab Mai</p>`, nil, []string{"Wohngebiet"}},
		{"counts in a table cell", dePara + `<table><tr><td>Aufrufe: 1120 | Hinzugefügt von: Posh | Tags: Denken | Rating: 0.0/0</td></tr></table>`, []string{"Aufrufe"}, nil},
		{"a shell pipe stays", dePara + `<pre>ls | sort | uniq</pre><p><code>ps | grep x | wc</code></p>`, nil, []string{"uniq", "grep"}},
	}, func(n *html.Node) { removeBoilerplate(n, true) })
}
