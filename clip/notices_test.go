package clip

import (
	"testing"

	"golang.org/x/net/html"
)

// TestDropPageNotices: the site's short notices go wherever they stand;
// sentences of an article that use the same words, and code, stay.
func TestDropPageNotices(t *testing.T) {
	checkRule(t, []passageCase{
		{"advertising label", dePara + `<p><span>Advertisement:</span></p>` + dePara, []string{"Advertisement"}, []string{"zwei Jahre dauern"}},
		{"consent placeholder", dePara + `<div><p>Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.</p></div>`, []string{"komoot"}, nil},
		{"site licence", dePara + `<p>Sofern nicht anders ausgewiesen, stehen Inhalte dieser Website unter CC-BY</p>`, []string{"CC-BY"}, nil},
		{"text licence", dePara + `<p>Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE. Die Fotos dürfen nicht verwendet werden.</p>`, []string{"Lizenz"}, nil},
		{"disclaimer", dePara + `<p><em>(Alle Angaben ohne Gewähr)</em></p>` + dePara, []string{"Gewähr"}, nil},
		{"shop message", `<div class="alert">Der Artikel wurde erfolgreich hinzugefügt.</div>` + dePara, []string{"erfolgreich"}, nil},
		{"citation template", dePara + `<div><em>SUGGESTED CITATION Sauer, Heiko: Expert*innen in der Krise, VerfBlog, 2020/4/09.</em></div>`, []string{"VerfBlog"}, nil},
		{"download line", dePara + `<div>Dieses Skript als PDF herunterladen</div>` + dePara, []string{"Skript"}, nil},
		{"kind of post", `<div>Bei diesem Beitrag handelt es sich um ein Blog aus der Freitag-Community</div>` + dePara, []string{"Community"}, nil},
		{"advertising label opening a line", dePara + `<div><b>ANZEIGE - Heute mal ausgehen/bestellen? Wie wäre es mit:</b></div>`, []string{"ausgehen"}, nil},
		{"an article on licences stays", dePara + `<p>Die Lizenz CC-BY erlaubt jede Nutzung, wenn der Urheber genannt wird.</p>`, nil, []string{"erlaubt jede"}},
		{"a sentence on adverts stays", dePara + `<p>The advertisement ran for three weeks.</p>`, nil, []string{"three weeks"}},
		{"code stays", dePara + `<pre>echo "Advertisement"</pre><p><code>Advertisement</code></p>`, nil, []string{"echo &#34;Advertisement", "<code>Advertisement"}},
	}, func(n *html.Node) { dropBlocks(readBlocks(n), pageNotice) })
}
