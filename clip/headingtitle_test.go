package clip

import (
	"strings"
	"testing"
)

// TestHeadingOfTitle: on pages not in English a title that is the heading
// and a few words of site or section beside it gives the heading; a long
// part beside it, another heading, English and Chinese pages keep it.
func TestHeadingOfTitle(t *testing.T) {
	cases := []struct{ name, title, h1, lang, want string }{
		{"site after a dash", "Faire Lieferketten - Evangelisches Jugendwerk in Württemberg (ejw)", "Faire Lieferketten", "de", "Faire Lieferketten"},
		{"site and section", "Disfunctions.de » Blog Archiv » Podcasts in Plex einbinden", "Podcasts in Plex einbinden", "de-DE", "Podcasts in Plex einbinden"},
		{"site before a bar", "Street One Blog | Heaven Blue", "Heaven Blue", "de", "Heaven Blue"},
		{"Italian", "ORSO MARSICANO: 2019 UN ANNO DA RECORD | Parco Nazionale d'Abruzzo, Lazio e Molise", "ORSO MARSICANO: 2019 UN ANNO DA RECORD", "it", "ORSO MARSICANO: 2019 UN ANNO DA RECORD"},
		{"a subtitle is no site", "Kaeser verarscht Neubauer - Siemens und die Kohlemine Adani in Australien sorgt weiter für sehr viel Streit", "Kaeser verarscht Neubauer", "de", ""},
		{"another heading", "Wahlzensur | silvias.net", "Impressum", "de", ""},
		{"English keeps the title", "Yellow Vests and I — Pamela Anderson", "Yellow Vests and I", "en", ""},
		{"no language keeps it", "Yellow Vests and I — Pamela Anderson", "Yellow Vests and I", "", ""},
		{"Chinese portals have their rule", "中国式ChatGPT“大跃进”_乐学堂_花粉乐分享", "中国式ChatGPT“大跃进”", "zh-CN", ""},
		{"the heading alone", "Heaven Blue", "Heaven Blue", "de", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := headingOfTitle(tc.title, tc.h1, tc.lang); got != tc.want {
				t.Errorf("headingOfTitle(%q, %q, %q) = %q, want %q", tc.title, tc.h1, tc.lang, got, tc.want)
			}
		})
	}
}

func TestWithoutSiteName(t *testing.T) {
	cases := []struct {
		name, title string
		names       []string
		host, want  string
	}{
		{"og:site_name after a dash", "Netzpolitik als US-Wahlkampfthema - Netz Für Alle", []string{"Netz Für Alle"}, "netzfueralle.blog.rosalux.de", "Netzpolitik als US-Wahlkampfthema"},
		{"the domain as words", "Perturbazione polare al Centro e al Sud - La Stampa", nil, "www.lastampa.it", "Perturbazione polare al Centro e al Sud"},
		{"the domain after a bar", "Wie man eine runde Tischdecke herstellt | homify", []string{"homify.de"}, "www.homify.de", "Wie man eine runde Tischdecke herstellt"},
		{"a name with a separator goes whole", "Pour le néolibéralisme, la retraite est un archaïsme | AOC media - Analyse Opinion Critique", []string{"AOC media - Analyse Opinion Critique"}, "aoc.media", "Pour le néolibéralisme, la retraite est un archaïsme"},
		{"the short end of a long name", "Forschungsprojekt legt Grundstein - BMBF", []string{"Bundesministerium für Bildung und Forschung - BMBF"}, "www.bmbf.de", "Forschungsprojekt legt Grundstein"},
		{"an empty site name", "Pferdesport definitiv bei Olympia 2028 dabei -", nil, "www.st-georg.de", "Pferdesport definitiv bei Olympia 2028 dabei"},
		{"a closing quote stays", "« Les privatisations sont au profit d'intérêts privés »", nil, "france.attac.org", "« Les privatisations sont au profit d'intérêts privés »"},
		{"a subtitle stays", "Daten von Rheinmetall gehackt - Interne Unterlagen im Netz", []string{"tagesschau.de"}, "www.tagesschau.de", "Daten von Rheinmetall gehackt - Interne Unterlagen im Netz"},
		{"the site's own name is no title", "mediaarchitecture.de // » Jens Weber", []string{"Jens Weber"}, "www.mediaarchitecture.de", "mediaarchitecture.de // » Jens Weber"},
		{"nothing but digits left", "2020 - Happyface313", []string{"Happyface313"}, "happyface313.com", "2020 - Happyface313"},
		{"no address, no name", "Kinder und Arbeit » ProNATs e.V.", nil, "", "Kinder und Arbeit » ProNATs e.V."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := withoutSiteName(tc.title, tc.names, tc.host); got != tc.want {
				t.Errorf("withoutSiteName(%q, %q, %q) = %q, want %q", tc.title, tc.names, tc.host, got, tc.want)
			}
		})
	}
}

// TestTitleWithoutSiteName checks the rule on Parse: a German page without
// an <h1> loses the site's name after its title, an English one keeps it,
// as Readability.js keeps it on Mozilla's English pages.
func TestTitleWithoutSiteName(t *testing.T) {
	page := func(lang string) []byte {
		return []byte(`<!doctype html><html lang="` + lang + `"><head>
<title>Netzpolitik als Wahlkampfthema - Netz Für Alle</title>
<meta property="og:site_name" content="Netz Für Alle">
</head><body><article><h2>Netzpolitik als Wahlkampfthema</h2>` +
			strings.Repeat(`<p>Der Wahlkampf in den Vereinigten Staaten dreht sich auch um das Netz, um Daten, um Plattformen und um die Frage, wem die Infrastruktur gehört, auf der öffentliche Debatten stattfinden.</p>`, 6) +
			`</article></body></html>`)
	}
	for _, tc := range []struct{ lang, want string }{
		{"de", "Netzpolitik als Wahlkampfthema"},
		{"en", "Netzpolitik als Wahlkampfthema - Netz Für Alle"},
	} {
		a, err := Parse(page(tc.lang), "", "https://netzfueralle.example.de/2024/netzpolitik/")
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Title; got != tc.want {
			t.Errorf("lang %s: title %q, want %q", tc.lang, got, tc.want)
		}
	}
}
