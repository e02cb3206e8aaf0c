package clip

import "testing"

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
