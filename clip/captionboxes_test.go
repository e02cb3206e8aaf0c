package clip

import "testing"

// TestDropCaptionBoxes: a box whose class names a caption goes, its
// picture stays; a plain <figcaption> with all it holds, a box that holds
// the picture, and a class saying a box has a caption stay.
func TestDropCaptionBoxes(t *testing.T) {
	checkRule(t, []passageCase{
		{"WordPress caption", dePara + `<div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">Der Streik im Hof / (C) Kab Niang</p></div>`, []string{"Kab Niang"}, []string{`src="a.jpg"`, "zwei Jahre dauern"}},
		{"German caption box", dePara + `<div class="bild"><img src="b.jpg"><span class="bildunterschrift">Das Hermelin im Winter</span></div>`, []string{"Hermelin"}, []string{`src="b.jpg"`}},
		{"Italian dida", dePara + `<div class="dida">Grafico conta femmine con cuccioli 2019</div>`, []string{"Grafico"}, nil},
		{"credit inside a caption box with its picture", dePara + `<div class="wp-caption"><img src="f.jpg"><p class="credit">Bild: Jahr Media</p></div>`, []string{"Jahr Media"}, []string{`src="f.jpg"`}},
		{"legend", dePara + `<div class="legend"><div class="content">Kastanienselven im Tessin</div></div>`, []string{"Kastanienselven"}, nil},
		{"figcaption named a caption", dePara + `<figure><img src="e.jpg"><figcaption class="wp-caption-text">Foto: GdP/Hagen Immel</figcaption></figure>`, []string{"Hagen Immel"}, []string{`src="e.jpg"`}},
		{"plain figcaption stays", dePara + `<figure><img src="c.jpg"><figcaption><p class="caption">1Password scannt auch QR-Codes.</p></figcaption></figure>`, nil, []string{"QR-Codes"}},
		{"a box holding the picture stays", dePara + `<div class="captioned-image-container"><img src="d.jpg"><p>Foto: X</p></div>`, nil, []string{"Foto: X"}},
		{"has-caption stays", dePara + `<div class="media has-caption"><p>Text neben dem Bild</p></div>`, nil, []string{"Text neben"}},
	}, dropCaptionBoxes)
}
