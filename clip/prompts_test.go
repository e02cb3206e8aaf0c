package clip

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestDropCallsToAction: a short line asking the reader to sign up,
// subscribe, give or comment goes from the article's last part; the same
// words in its text, in a long paragraph, or a sign-up that names what it
// is for stay.
func TestDropCallsToAction(t *testing.T) {
	checkRule(t, []passageCase{
		{"German newsletter", dePara + dePara + dePara + `<p>Jetzt für Golf-Lotse Top-News anmelden</p>`, []string{"Golf-Lotse"}, []string{"zwei Jahre dauern"}},
		{"German membership", dePara + dePara + dePara + `<p>Werden Sie Mitglied bei for me und erhalten Sie exklusive Angebote!</p>`, []string{"Mitglied"}, nil},
		{"German log in to comment", dePara + dePara + dePara + `<p>Du musst Eingeloggt sein um Kommentare zu schreiben!</p>`, []string{"Eingeloggt"}, nil},
		{"German comment question", dePara + dePara + dePara + `<p><i>Verraten Sie gerne in den Kommentaren: Was bedeutet der Preis für Sie?</i></p>`, []string{"Verraten Sie"}, nil},
		{"English support", dePara + dePara + dePara + `<p>If you enjoyed reading this post – would you consider supporting our work? Just click here. Thanks!</p>`, []string{"enjoyed"}, nil},
		{"English app", dePara + dePara + dePara + `<p>Get the latest news straight to your phone with the VI Consortium app.</p>`, []string{"VI Consortium"}, nil},
		{"English sign up here", dePara + dePara + dePara + `<p>Do you want to be informed of our actions? Sign up here</p>`, []string{"informed"}, nil},
		{"Polish subscription", dePara + dePara + dePara + `<p>Zapraszamy też do subskrypcji tygodnika.</p>`, []string{"Zapraszamy"}, nil},
		{"French paywall", dePara + dePara + dePara + `<h2>Pour lire la suite et accéder gratuitement à 3 articles par mois, créez votre compte</h2>`, []string{"lire la suite"}, nil},
		{"a sign-up naming its newsletter stays", dePara + dePara + dePara + `<p>Sign up for Command Line, a paid weekly newsletter about the tech industry. Your first month is free!</p>`, nil, []string{"Command Line"}},
		{"inside the text it stays", `<p>Jetzt anmelden: Die Stadt bittet alle Vereine, sich bis Freitag zu melden.</p>` + dePara + dePara + dePara, nil, []string{"Jetzt anmelden"}},
		{"a long paragraph stays", dePara + dePara + dePara + `<p>` + strings.Repeat("Wer jetzt noch anmelden will, muss sich beeilen, sagte die Leiterin. ", 4) + `</p>`, nil, []string{"beeilen"}},
	}, func(n *html.Node) { dropCallsToAction(readBlocks(n)) })
}

// passageCase is a fragment of content and the passages a rule must take
// from it and leave.
type passageCase struct {
	name, in string
	gone     []string // passages that must go
	kept     []string // passages that must stay
}

// checkRule runs rule on each case's fragment (see cleaned) in a subtest
// and checks its passages.
func checkRule(t *testing.T, tests []passageCase, rule func(*html.Node)) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkPassages(t, cleaned(t, tc.in, rule), tc.gone, tc.kept)
		})
	}
}

// checkPassages fails the test for each passage of gone that out holds and
// each of kept that it lacks.
func checkPassages(t *testing.T, out string, gone, kept []string) {
	t.Helper()
	for _, g := range gone {
		if strings.Contains(out, g) {
			t.Errorf("%q kept in %s", g, out)
		}
	}
	for _, k := range kept {
		if !strings.Contains(out, k) {
			t.Errorf("%q lost from %s", k, out)
		}
	}
}
