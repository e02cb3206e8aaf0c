package clip

import (
	"strings"
	"testing"
)

// TestDropHeadlessEnd: headings that close the content with no text under
// them, and a closing line that is one link, go; a heading with text
// under it, a closing line of several links, a <nav>'s last tab, a
// closing sentence set as a heading, and a closing paragraph stay.
func TestDropHeadlessEnd(t *testing.T) {
	tests := []struct {
		name, in string
		gone     bool
	}{
		{"a closing heading", dePara + dePara + `<h3>BOX Teilnehmende Blogs:</h3>`, true},
		{"a closing heading over a picture", dePara + dePara + `<div><h2>BOX Die Karte zum Abspeichern:</h2></div><p><img src="/karte.png"></p>`, true},
		{"two closing headings", dePara + dePara + `<h3>BOX Mehr</h3><h4>DEN RICHTIGEN FINDEN</h4>`, true},
		{"a heading with text under it stays", dePara + `<h3>BOX Anreise</h3>` + dePara, false},
		{"a closing sentence set as a heading stays", dePara + dePara + `<h4>BOX Es stützt seine Version.</h4>`, false},
		{"a closing link", dePara + dePara + `<p><a href="/forum">BOX Alkohol beim Angeln – Diskussion im Forum</a></p>`, true},
		{"a closing line of several links stays", dePara + dePara + `<p><a href="/a">BOX Alexandre Hervaud</a> , <a href="/b">Jérémy Piette</a></p>`, false},
		{"a closing tab of a nav stays", dePara + dePara + `<nav><ul><li><a href="#s">BOX Buscar</a></li></ul></nav>`, false},
		{"a closing sentence with a link stays", dePara + dePara + `<p>BOX Die Anmeldung ist bis Freitag offen, <a href="/a">hier</a>.</p>`, false},
		{"a closing word in capitals that is text stays", dePara + dePara + `<p>BOX ENDE der Sitzung</p>`, false},
		{"a closing paragraph stays", dePara + dePara + `<p>BOX Keine Lust alleine zu radeln?</p>`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := cleaned(t, tc.in, dropHeadlessEnd)
			if gone := !strings.Contains(out, "BOX"); gone != tc.gone {
				t.Errorf("gone %v, want %v: %s", gone, tc.gone, out)
			}
		})
	}
}

// TestAgencySignature: initials and agency codes alone are a signature; a
// word or a sentence is not.
func TestAgencySignature(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"aja/PAP", true},
		{"RIRM", true},
		{"(dpa)", true},
		{"Ende", false},
		{"PAP podała to w piątek.", false},
	}
	for _, tc := range tests {
		if got := rxAgencySignature.MatchString(tc.line); got != tc.want {
			t.Errorf("%q: got %v, want %v", tc.line, got, tc.want)
		}
	}
	out := cleaned(t, dePara+dePara+`<p><strong>RIRM</strong></p>`, dropHeadlessEnd)
	if strings.Contains(out, "RIRM") {
		t.Errorf("a closing signature stayed: %s", out)
	}
}
