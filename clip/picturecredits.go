package clip

import (
	"regexp"
	"strings"
	"unicode"

	"app.margin/margin/article"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// rxPictureCredit is a line that credits a picture or names a source,
// label first: "Titelbild: Geyres Christophe/ABACA/picture-alliance",
// "Beitragsbild: Titelseite der FAZ vom 2.4.2019", "Crédits photos :
// Bestimage", "Image illustrative : … Creative Commons", "(Credit: Clayton
// Aldern / Grist)", "Quelle: Deutscher Jagdverband (DJV), 02. Februar
// 2022". Provenance: excluded passages Margin kept on go-trafilatura's
// comparison set, as lines of their own under or above the article.
var rxPictureCredit = regexp.MustCompile(`(?i)^[\s(\[]*(?:titelbild|beitragsbild|aufmacherbild|vorschaubild|headerbild|symbolbild|bild|bilder|foto|fotos|bildquelle|fotoquelle|bildnachweis|bildnachweise|bildrechte|` +
	`image|images|image illustrative|photo|photos|photograph|photography|credit|credits|crédits?(?: photos?)?|photo credit|imagen|imágenes|fotografía|zdjęcie|zdjęcia|fot\.?|quelle|źródło)\s*[:：]`)

// rxFigureLabel opens a picture's caption written as a paragraph of its
// own, its figure number first: "Abbildung 4: klassische Schwachschicht.
// …", "Abbildung: Farblich codierte Schneehöhendarstellung", "Abb. 2:".
// Such a paragraph may hold sentences. Provenance: gipfelbuch.ch and
// baechli-bergsport.ch on go-trafilatura's comparison set (4 passages).
var rxFigureLabel = regexp.MustCompile(`(?i)^[\s(\[]*(?:abbildung|abb\.|schaubild)\s*\d*\s*:`)

// figureLineMaxRunes is the longest caption paragraph rxFigureLabel
// opens.
const figureLineMaxRunes = 400

// rxNextSentence is a sentence's end and the next one's start; a date's
// dot ("02. Februar") is none.
var rxNextSentence = regexp.MustCompile(`\p{Ll}{2}[.!?]\s+\p{Lu}`)

// pictureCreditMaxRunes is the longest credit line: a label, names and a
// licence ("Image illustrative : Lots of Lego Minifigures by Ninja Brick,
// en licence Creative Commons by").
const pictureCreditMaxRunes = 120

// pictureCredit is a block rule (see dropBlocks): the block is a picture
// credit or source line of rxPictureCredit, or a caption paragraph of
// rxFigureLabel, outside captions: in a
// <figure> or an element whose class names a caption, the credit is the
// caption's, which Readability.js keeps ("Foto: LA NACION" on Mozilla's
// la-nacion page, "(Bild: Hersteller)" on heise, "Photo: Joseph Cox" on
// keep-images). A line that goes on into sentences is text.
func pictureCredit(tb textBlocks, i int) bool {
	if tb.runes[i] > figureLineMaxRunes {
		return false
	}
	b, t := tb.nodes[i], tb.texts[i]
	if t == "" {
		// A long block's text is read only for its opening words.
		t = leadingText(b, 40)
	}
	credit := tb.runes[i] <= pictureCreditMaxRunes && rxPictureCredit.MatchString(t) && !rxNextSentence.MatchString(t)
	return (credit || rxFigureLabel.MatchString(t)) && !inCaption(b)
}

// inCaption reports whether n is, or sits in, a <figure>, a <figcaption>
// or an element whose class or id names a caption or credit
// (captionClass).
func inCaption(n *html.Node) bool {
	for a := n; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if a.DataAtom == atom.Figure || a.DataAtom == atom.Figcaption {
			return true
		}
		if captionClass(article.Attr(a, "class") + " " + article.Attr(a, "id")) {
			return true
		}
	}
	return false
}

// leadingText is about the first n bytes of n's text (more when a text
// node is longer), without building the rest.
func leadingText(n *html.Node, max int) string {
	var b []byte
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && len(b) < max; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b = append(b, c.Data...)
			case c.Type == html.ElementNode && !article.NeverText(c.DataAtom):
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimLeftFunc(string(b), unicode.IsSpace)
}
