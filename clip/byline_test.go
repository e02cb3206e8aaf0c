package clip

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestCleanByline: a byline loses its label and what follows the name on
// pages whose language the references do not pin; a bare label is no
// byline anywhere; English and French bylines stay as printed.
func TestCleanByline(t *testing.T) {
	cases := []struct{ byline, lang, want string }{
		{"von Christian Spließ", "de", "Christian Spließ"},
		{"Veröffentlicht von Cem Basman", "de-DE", "Cem Basman"},
		{"| Autor: gnaddrig", "de", "gnaddrig"},
		{"Von:Moritz Pieczewski-Freimuth", "de", "Moritz Pieczewski-Freimuth"},
		{"von Limespacer · 22. Oktober 2019", "de", "Limespacer"},
		{"von lupa am 26/10/13, 03:48 pm", "de", "lupa"},
		{"VON MORITZ GATHMANN am 21. April 2020", "de", "MORITZ GATHMANN"},
		{"von Ulrike 18.10.2019 16:06 Uhr", "de", "Ulrike"},
		{"Nicole Collignon22. Februar 2020", "de", "Nicole Collignon"},
		{"Von Christian Thiele, 07 Dezember, 2022", "de", "Christian Thiele"},
		{"Von Tomas Spahn Fr, 18. Oktober 2019", "de", "Tomas Spahn"},
		{"Von Isabella.DiBiase am Samstag, 19. Oktober 2019 um 11:14 Uhr", "de", "Isabella.DiBiase"},
		{"Von Katharina Schmidt Kategorien: Mode 6. November 2023, 15:25 Uhr", "de", "Katharina Schmidt"},
		{"Datum: 19.11.2021 Autor: Fritz ImhofQuelle: Livenet", "de", "Fritz Imhof"},
		{"Text und Interview: Harald Willenbrock", "de", "Harald Willenbrock"},
		{"Ein Artikel von Pamela Sladky | 27.01.2022 - 12:45", "de", "Pamela Sladky"},
		{"Blog Beitrag von Margarita Koreneva", "de", "Margarita Koreneva"},
		{"Text von Christian Seiler Illustration von Markus Roost", "de", "Christian Seiler"},
		{"von Lars Fischer und Alina Schadwinkel", "de", "Lars Fischer und Alina Schadwinkel"},
		{"Matthias Hille - Lukas Balbach", "de", "Matthias Hille - Lukas Balbach"},
		{"Walter von Aachen", "de", "Walter von Aachen"},
		{"Ursula Müller-Lüdenscheidt", "de", "Ursula Müller-Lüdenscheidt"},
		{"Por Juan Pérez", "es", "Juan Pérez"},
		{"Autor: przepisy.pl", "pl", "przepisy.pl"},
		{"Posted on", "de", ""},
		{"Veröffentlicht am", "de", ""},
		{"By", "en", ""},
		{"By Scott Cunningham", "en", "By Scott Cunningham"},
		{"By Nathan Willis March 25, 2015", "en-US", "By Nathan Willis March 25, 2015"},
		{"Par Sébastien Farcis", "fr", "Par Sébastien Farcis"},
		{"von Anna Dunst", "", "von Anna Dunst"},
	}
	for _, tc := range cases {
		if got := cleanByline(tc.byline, tc.lang); got != tc.want {
			t.Errorf("cleanByline(%q, %q) = %q, want %q", tc.byline, tc.lang, got, tc.want)
		}
	}
}

// TestHeadingByline: the author of a page whose markup names none, from a
// byline line by its heading, as Parse reads it.
func TestHeadingByline(t *testing.T) {
	prose := strings.Repeat("<p>Der Hafen war still an diesem Morgen, und die Boote kamen spät mit halbvollen Netzen herein, was die alten Fischer für ein Zeichen hielten.</p>\n", 8)
	cases := []struct {
		name, lang, head, top string
		want                  []string
		above                 bool // top stands above the heading
	}{
		{"a German byline with its date", "de", ``, `<p class="meta">von Andreas Kürten am 3. Mai 2020</p>`, []string{"Andreas Kürten"}, false},
		{"a French byline", "fr", ``, `<div class="dates_auteurs">par <span>Didier Roy</span>, 21 juin 2018</div>`, []string{"Didier Roy"}, false},
		{"an English one", "en", ``, `<span class="category">Posted by Konstantin</span>`, []string{"Konstantin"}, false},
		{"a line right above the heading", "de", ``, `<p class="kicker">Von Erika Muster</p>`, []string{"Erika Muster"}, true},
		{"a byline under the lede", "fr", ``, `<p class="chapo">Le port était calme ce matin-là, et les bateaux sont rentrés tard avec des filets à moitié pleins, ce que les vieux pêcheurs prenaient pour un signe du temps qui allait tourner avant la fin de la semaine.</p><div>par <span>Didier Roy</span> , 21 juin 2018</div>`, []string{"Didier Roy"}, false},
		{"no name after the label", "de", ``, `<p>von 3 Autoren</p>`, nil, false},
		{"words that are no name", "en", ``, `<p>by the way, read this first</p>`, nil, false},
		{"a declared author wins", "de", `<meta name="author" content="Erika Muster">`, `<p>von Andreas Kürten</p>`, []string{"Erika Muster"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			above, below := "", tc.top
			if tc.above {
				above, below = tc.top, ""
			}
			raw := []byte(`<!DOCTYPE html><html lang="` + tc.lang + `"><head><meta charset="utf-8"><title>Der Hafen</title>` + tc.head +
				`</head><body><main>` + above + `<h1>Der Hafen</h1>` + below + prose + `</main></body></html>`)
			a := mustParse(t, raw, "")
			if !slices.Equal(a.Authors, tc.want) {
				t.Errorf("authors = %q (%s), want %q", a.Authors, a.Provenance["authors"], tc.want)
			}
		})
	}
}

// TestAuthorLink: a page that prints its author only as a link to the
// author's page takes that name when the address spells it, after every
// other source; links whose address names no one are no byline.
func TestAuthorLink(t *testing.T) {
	prose := strings.Repeat("<p>Der Hafen war still an diesem Morgen, und die Boote kamen spät mit halbvollen Netzen herein, was die alten Fischer für ein Zeichen hielten.</p>\n", 8)
	cases := []struct {
		name, lang, head, top string
		want                  []string
	}{
		{"WordPress's author page", "de", ``, `<div class="credit">Geschrieben von <a href="https://example.org/author/elisa-marvena/">Elisa Marvena</a></div>`, []string{"Elisa Marvena"}},
		{"marks folded", "fr", ``, `<a href="/fr/staff/andre-loibl/">André Loibl</a>`, []string{"André Loibl"}},
		{"a name then a date", "de", ``, `<div class="author"><a href="/autoren/georg-quaas/">Georg Quaas</a>, 21. Jan. 2015</div>`, []string{"Georg Quaas"}},
		{"English too", "en", ``, `<p><a href="https://example.com/authors/jane-doe">Jane Doe</a></p>`, []string{"Jane Doe"}},
		{"the text is a label", "de", ``, `<a href="/author/erika-muster/">Alle Beiträge</a>`, nil},
		{"the address spells another name", "de", ``, `<a href="/author/admin/">Erika Muster</a>`, nil},
		{"a section, not an author", "de", ``, `<a href="/staff/">Staff</a>`, nil},
		{"a declared author wins", "de", `<meta name="author" content="Erika Muster">`, `<a href="/author/elisa-marvena/">Elisa Marvena</a>`, []string{"Erika Muster"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte(`<!DOCTYPE html><html lang="` + tc.lang + `"><head><meta charset="utf-8"><title>Der Hafen</title>` + tc.head +
				`</head><body><main><h1>Der Hafen</h1>` + tc.top + prose + `</main></body></html>`)
			a := mustParse(t, raw, "https://example.org/2020/05/hafen/")
			if !slices.Equal(a.Authors, tc.want) {
				t.Errorf("authors = %q (%s), want %q", a.Authors, a.Provenance["authors"], tc.want)
			}
		})
	}
}

// TestContentByline: a page whose markup and heading name no author takes
// a byline line at either end of its text; a byline in the middle of the
// text (a quote, an interview's question), a line that says more than a
// name and a declared author do not count.
func TestContentByline(t *testing.T) {
	// Paragraphs of their own: a page's lines are read once each, so a
	// repeated one would stand next to the heading.
	prose := func(from int) string {
		var b strings.Builder
		for i := from; i < from+8; i++ {
			fmt.Fprintf(&b, "<p>Am %d. Morgen war der Hafen still, und die Boote kamen spät mit halbvollen Netzen herein, was die alten Fischer für ein Zeichen hielten.</p>\n", i)
		}
		return b.String()
	}
	cases := []struct {
		name, head, body string
		want             []string
	}{
		{"signed at the end", ``, prose(1) + `<p><em>Von Ulrich Nitsche</em></p>`, []string{"Ulrich Nitsche"}},
		{"signed under the lede", ``, prose(1)[:strings.Index(prose(1), "\n")] + `<p>Text von Christian Seiler</p>` + prose(2), []string{"Christian Seiler"}},
		{"a line of its own in a block", ``, prose(1) + `<p>(wird fortgesetzt)<br>Text: Klausmartin Friedrich</p>`, []string{"Klausmartin Friedrich"}},
		{"in the middle", ``, prose(1) + `<p>Von Ulrich Nitsche</p>` + prose(9), nil},
		{"more than a name", ``, prose(1) + `<p>Von Hamburg aus fuhren die Boote an diesem Tag nicht mehr hinaus</p>`, nil},
		{"a declared author wins", `<meta name="author" content="Erika Muster">`, prose(1) + `<p>Von Ulrich Nitsche</p>`, []string{"Erika Muster"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte(`<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Der Hafen</title>` + tc.head +
				`</head><body><main><h1>Der Hafen</h1>` + tc.body + `</main></body></html>`)
			a := mustParse(t, raw, "")
			if !slices.Equal(a.Authors, tc.want) {
				t.Errorf("authors = %q (%s), want %q", a.Authors, a.Provenance["authors"], tc.want)
			}
		})
	}
}
