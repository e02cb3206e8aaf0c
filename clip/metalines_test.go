package clip

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestDatedLines: a block that only says when the article was published
// or updated goes; a bare date, a sentence holding a date, and a date in a
// link or a reference stay.
func TestDatedLines(t *testing.T) {
	tests := []struct {
		name, line string
		gone       bool
	}{
		{"German update line", "<p>Aktualisiert: 11.04.2020, 10:27</p>", true},
		{"German publishing line with a month", "<div>Veröffentlichung: 2. Februar 2022</div>", true},
		{"Polish publishing line", "<p>Publikacja: 04.05.2021</p>", true},
		{"update label without a colon", "<p>Aktualisiert am 17.01.2021.</p>", true},
		{"German byline with a date", "<p>von <a>Anja Schmoll-Trautmann</a> am 14. Mai 2014, 15:40 Uhr</p>", true},
		{"German byline and date between bars", "<div>Verfasst von: mitundvoneinander | 31. Dezember 2008</div>", true},
		{"Polish publishing line with a machine time", "<li>opublikowano: 2021-04-29 17:13:04.031886+02:00</li>", true},
		{"a video's availability", "<dt>Video verfügbar bis 28.02.2021</dt>", true},
		{"availability in a sentence stays", "<p>Die Sendung ist in der Mediathek verfügbar bis zum 28.02.2021, danach im Archiv.</p>", false},
		{"a byline in a sentence stays", "<p>Ein Bericht von Anja Schmoll-Trautmann am 14. Mai 2014 zeigte das.</p>", false},
		{"a bare date stays", "<p>April 2014</p>", false},
		{"a sentence stays", "<p>Das Gesetz wurde am 11.04.2020 veröffentlicht und tritt bald in Kraft.</p>", false},
		{"a date in a reference stays", "<p>Retrieved <span>Updated 2014-03-27</span> from the archive of the site.</p>", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := cleaned(t, dePara+dePara+tc.line, func(n *html.Node) { removeBoilerplate(n, true) })
			if gone := !strings.Contains(out, "20"); gone != tc.gone {
				t.Errorf("gone %v, want %v: %s", gone, tc.gone, out)
			}
		})
	}
}

// TestToolLines: a block of page tools or labels goes; a sentence that
// uses the words, and English tool words, stay.
func TestToolLines(t *testing.T) {
	tests := []struct {
		name, line, probe string
		gone              bool
	}{
		{"Polish print", "<p>drukuj</p>", "drukuj", true},
		{"German print and pin", "<div><a>Rezept drucken</a> <a>Bei Pinterest speichern</a></div>", "Pinterest", true},
		{"German picture toggle", "<p><span>Bild anzeigen</span> <span>Bild schließen</span></p>", "Bild", true},
		{"advertising label", "<p>- Anzeige-</p>", "Anzeige", true},
		{"share prompt", "<p>Möchten Sie den Artikel teilen?</p>", "teilen", true},
		{"reading time", "<p>Ten tekst przeczytasz w mniej niż minutę</p>", "minutę", true},
		{"table of contents heading", "<p>Inhaltsverzeichnis</p>", "Inhalts", true},
		{"comment prompt", "<p>Kommentare schreiben</p>", "schreiben", true},
		{"load more", "<div><span>Lade weitere Inhalte</span></div>", "Inhalte", true},
		{"comment count", "<table><tr><td>Kommentare insgesamt: 0</td></tr></table>", "insgesamt", true},
		{"German rights notice", "<p>© Frankfurter Allgemeine Zeitung GmbH 2020 Alle Rechte vorbehalten.</p>", "Frankfurter", true},
		{"Polish rights notice", "<div>Materiał chroniony prawem autorskim. Wszelkie prawa zastrzeżone.</div>", "autorskim", true},
		{"source line", "<p>Quelle: Landesregierung Hessen</p>", "Hessen", true},
		{"a source named in a sentence stays", "<p>Quelle: Die Landesregierung hat die Zahlen am Montag veröffentlicht. Sie gelten ab Mai.</p>", "Montag", false},
		{"a sentence stays", "<p>Wir teilen die Sorge der Anwohner über den Lärm.</p>", "teilen", false},
		{"an English tool word stays", "<p>Print</p>", "Print", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := cleaned(t, dePara+dePara+tc.line, func(n *html.Node) { removeBoilerplate(n, true) })
			if gone := !strings.Contains(out, tc.probe); gone != tc.gone {
				t.Errorf("gone %v, want %v: %s", gone, tc.gone, out)
			}
		})
	}
}

// TestReadAlsoLines: a paragraph that only points to another article
// goes; one whose cue opens prose, and the cues Readability.js keeps,
// stay.
func TestReadAlsoLines(t *testing.T) {
	tests := []struct {
		name, line string
		gone       bool
	}{
		{"Polish pointer", `<p><em>Czytaj też: <a href="/a">PROBE Królowa wypływa w świat</a></em></p>`, true},
		{"Spanish pointer", `<p>Le puede interesar: <a href="/b">PROBE Orión llega a la Luna</a></p>`, true},
		{"German short pointer", `<p>Mehr: <a href="/d">PROBE Deutsche Banken haben den Niedrigzinsen getrotzt.</a></p>`, true},
		{"a German sentence with mehr stays", `<p>Mehr als PROBE hundert Menschen kamen zur Versammlung.</p>`, false},
		{"a cue that opens prose stays", `<p>Lesen Sie auch PROBE die Hinweise der Stadt zum Baustellenverkehr, bevor Sie losfahren.</p>`, false},
		{"a French pointer stays", `<p>Lire aussi : <a href="/c">PROBE Les critiques de la CNIL</a></p>`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := cleaned(t, dePara+dePara+tc.line, func(n *html.Node) { removeBoilerplate(n, true) })
			if gone := !strings.Contains(out, "PROBE"); gone != tc.gone {
				t.Errorf("gone %v, want %v: %s", gone, tc.gone, out)
			}
		})
	}
}
