package clip

import (
	"testing"
	"time"

	"app.margin/margin/article"
)

// TestTextDate: dates as pages print them beside a post, in the
// notations of go-htmldate's comparison pages.
func TestTextDate(t *testing.T) {
	cases := []struct{ in, lang, want string }{
		{"27.06.2018 09:54", "de", "2018-06-27 09:54"},
		{"Datum: 22.12.2012, Rubrik: USA", "de", "2012-12-22 00:00"},
		{"Gespeichert von rasos am 24. Juli 2017 - 18:55", "de", "2017-07-24 18:55"},
		{"Heidemarie Heim | Di, 21. April 2020 - 16:40", "de", "2020-04-21 16:40"},
		{"Georg Quaas, 21. Jan. 2015", "de", "2015-01-21 00:00"},
		{"Party, 30.10.23", "de", "2023-10-30 00:00"},
		{"8 January 2020, 3:51 pm", "en", "2020-01-08 15:51"},
		{"投稿日 2020年07月03日 17:16", "ja", "2020-07-03 17:16"},
		{"2020年7月3日, then 05.06.2021", "de", "2020-07-03 00:00"},
		{"November 22, 2011", "en", "2011-11-22 00:00"},
		{"Published on August 19, 2019", "en", "2019-08-19 00:00"},
		{"Sonntag, Dezember 16th, 2012, 7:05 pm", "de", "2012-12-16 19:05"},
		{"le 07 Mai 2020", "fr", "2020-05-07 00:00"},
		{"jeudi 13 juin 2019", "fr", "2019-06-13 00:00"},
		{"Blog entry by Annisa Rahmawati | 28 April, 2017", "en", "2017-04-28 00:00"},
		{"26/10/2018", "de", "2018-10-26 00:00"},
		{"08/07/2017", "en", "2017-08-07 00:00"},
		{"08/07/2017", "en-GB", "2017-07-08 00:00"},
		{"08/07/2017", "fr", "2017-07-08 00:00"},
		{"2021-10-16 | Botschaft", "de", "2021-10-16 00:00"},
		{"Jan 18, 2019", "en", "2019-01-18 00:00"},
		{"12 marca 2021", "pl", "2021-03-12 00:00"},
	}
	for _, tc := range cases {
		got, ok := textDate(tc.in, tc.lang, time.UTC)
		if !ok || got.Format("2006-01-02 15:04") != tc.want {
			t.Errorf("textDate(%q, %q) = %v, %v; want %s", tc.in, tc.lang, got, ok, tc.want)
		}
	}
	for _, in := range []string{
		"Version 1.2.23", "45.13.2019", "3 marathons 2019", "Seite 1 von 2", "v2.10.1", "31. Februar 2020", "",
	} {
		if got, ok := textDate(in, "de", time.UTC); ok {
			t.Errorf("textDate(%q) = %v, want no date", in, got)
		}
	}
}

// TestUndeclaredDates: the published date of pages whose markup declares
// none, from the line by the heading, a Yoast WebPage node, or a theme's
// date element, as Parse reads them.
func TestUndeclaredDates(t *testing.T) {
	de := `<meta charset="utf-8"><title>Der Hafen</title>`
	cases := []struct {
		name, html, head, body, url, want, from string
	}{
		{"a date line under the heading", "de", de,
			`<h1>Der Hafen</h1><h3>Datum: 22.12.2012, Rubrik: USA</h3>` + body, "", "2012-12-22T00:00:00Z", article.FromText},
		{"a place and a date", "de", de,
			`<h1>Der Hafen</h1><p class="sub"><span>Hamburg, 2. November 2021</span></p>` + body, "", "2021-11-02T00:00:00Z", article.FromText},
		{"a date line right above the heading", "de", de,
			`<div>Pressemitteilung 02.11.2021</div><h1>Der Hafen</h1>` + body, "", "2021-11-02T00:00:00Z", article.FromText},
		{"a date line under the lede", "de", de,
			`<h1>Der Hafen</h1><p class="lede">Die Boote kamen spät herein, und die Netze waren nur halb voll. Die alten Fischer sahen darin ein Zeichen für das Wetter.</p><p class="meta">Datum: 12.01.2017</p>` + body, "", "2017-01-12T00:00:00Z", article.FromText},
		{"a date line past two paragraphs is none", "de", de,
			`<h1>Der Hafen</h1>` + body + `<p class="meta">Datum: 12.01.2017</p>`, "", "", ""},
		{"a date in the prose is none", "de", de,
			`<h1>Der Hafen</h1>` + body + `<p>Am 3. Oktober 2019 kamen die Boote.</p>`, "", "", ""},
		{"a declared date wins", "de", de + `<meta property="article:published_time" content="2020-05-01T10:00:00Z">`,
			`<h1>Der Hafen</h1><h3>22.12.2012</h3>` + body, "", "2020-05-01T10:00:00Z", article.FromMeta},
		{"a line naming another day than the address", "de", de,
			`<h1>Der Hafen</h1><h3>22.12.2012</h3>` + body, "https://example.de/2015/06/05/hafen/", "2015-06-05T00:00:00Z", article.FromURL},
		{"a labelled date in the footer", "de", de,
			`<h1>Der Hafen</h1>` + body + `<p class="foot">Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023</p>`, "", "2023-11-01T00:00:00Z", article.FromText},
		{"a date far from its label is none", "de", de,
			`<h1>Der Hafen</h1>` + body + `<p class="foot">Erschienen im Verlag Hafenbuch, Neuauflage 01.11.2023</p>`, "", "", ""},
		{"Yoast's WebPage", "en", `<title>The Harbour</title><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
			{"@type":"WebSite","@id":"https://example.org/#website","name":"Example"},
			{"@type":"WebPage","@id":"https://example.org/harbour/","datePublished":"2018-02-28T15:07:03+00:00","dateModified":"2019-01-01T00:00:00+00:00"}]}</script>`,
			`<h1>The Harbour</h1>` + body, "", "2018-02-28T15:07:03Z", article.FromJSONLD},
		{"a collection page's date is none", "en", `<title>The Harbour</title><script type="application/ld+json">{"@type":"CollectionPage","datePublished":"2018-02-28T15:07:03+00:00"}</script>`,
			`<h1>The Harbour</h1>` + body, "", "", ""},
		{"an English theme's date", "en", `<title>The Harbour</title>`,
			`<h1>The Harbour</h1><div class="meta">By Ann Lee <span class="post-date">November 22, 2011</span></div>` + body, "", "2011-11-22T00:00:00Z", article.FromText},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte(`<!DOCTYPE html><html lang="` + tc.html + `"><head>` + tc.head + `</head><body><main>` + tc.body + `</main></body></html>`)
			a := mustParse(t, raw, tc.url)
			if tc.want == "" {
				if !a.Published.IsZero() {
					t.Errorf("published = %s (%s), want none", a.Published, a.Provenance["published"])
				}
				return
			}
			wantTime(t, "published", a.Published, tc.want, a.Provenance["published"], tc.from)
		})
	}
}

// TestPrintedZone: a date declared in UTC takes the zone the page's other
// dates give its wall clock; the instant never changes.
func TestPrintedZone(t *testing.T) {
	utc := time.Date(2023, 11, 9, 1, 49, 9, 0, time.UTC)
	cases := []struct {
		name  string
		dates []string
		want  string
	}{
		{"the same instant with an offset", []string{"2023-11-09T01:49:09Z", "2023-11-08T17:49:09-08:00"}, "2023-11-08T17:49:09-08:00"},
		{"the wall clock without a zone", []string{"2023-11-08 17:49:09"}, "2023-11-08T17:49:09-08:00"},
		{"the wall clock to the minute", []string{"2023-11-08 20:49"}, "2023-11-08T20:49:09-05:00"},
		{"another instant with an offset", []string{"2023-11-08T21:11:03-05:00"}, "2023-11-09T01:49:09Z"},
		{"a day without a clock", []string{"2023-11-08"}, "2023-11-09T01:49:09Z"},
		{"no zone's offset", []string{"2023-11-08 17:41:00"}, "2023-11-09T01:49:09Z"},
		{"more than a zone away", []string{"2023-11-07 01:49:09"}, "2023-11-09T01:49:09Z"},
		{"nothing else", nil, "2023-11-09T01:49:09Z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := printedZone(utc, tc.dates)
			if got.Format(time.RFC3339) != tc.want || !got.Equal(utc) {
				t.Errorf("got %s, want %s (the same instant)", got.Format(time.RFC3339), tc.want)
			}
		})
	}
	china := time.Date(2023, 11, 9, 9, 0, 0, 0, chinaTime)
	if got := printedZone(china, []string{"2023-11-09T01:00:00-08:00"}); got.Location() != chinaTime {
		t.Errorf("a date with its zone changed zone: %s", got)
	}
}

// TestInLanguageClock: a UTC instant shown on the clock of the page's
// language, with the European Union's summer time, where the language has
// one clock; unchanged for languages spoken across zones.
func TestInLanguageClock(t *testing.T) {
	cases := []struct{ utc, lang, want string }{
		{"2021-11-04T23:00:00Z", "de", "2021-11-05T00:00:00+01:00"},
		{"2021-07-04T23:00:00Z", "de-AT", "2021-07-05T01:00:00+02:00"},
		{"2023-03-26T00:59:00Z", "nl", "2023-03-26T01:59:00+01:00"}, // a minute before summer time
		{"2023-03-26T01:00:00Z", "nl", "2023-03-26T03:00:00+02:00"},
		{"2023-10-29T00:59:00Z", "it", "2023-10-29T02:59:00+02:00"},
		{"2023-10-29T01:00:00Z", "it", "2023-10-29T02:00:00+01:00"},
		{"2023-01-10T22:30:00Z", "fi", "2023-01-11T00:30:00+02:00"},
		{"2023-01-10T23:30:00Z", "pt-PT", "2023-01-10T23:30:00Z"},
		{"2023-07-10T23:30:00Z", "pt-PT", "2023-07-11T00:30:00+01:00"},
		{"2023-01-10T23:30:00Z", "fr-FR", "2023-01-11T00:30:00+01:00"},
		{"2023-01-10T23:30:00Z", "fr-CA", "2023-01-10T23:30:00Z"},
		{"2023-01-10T23:30:00Z", "en", "2023-01-10T23:30:00Z"},
		{"2023-01-10T23:30:00Z", "es", "2023-01-10T23:30:00Z"},
		{"2023-01-10T23:30:00Z", "", "2023-01-10T23:30:00Z"},
	}
	for _, tc := range cases {
		in, err := time.Parse(time.RFC3339, tc.utc)
		if err != nil {
			t.Fatal(err)
		}
		got := inLanguageClock(in, tc.lang)
		if s := got.Format(time.RFC3339); s != tc.want || !got.Equal(in) {
			t.Errorf("inLanguageClock(%s, %q) = %s, want %s (the same instant)", tc.utc, tc.lang, s, tc.want)
		}
	}
}

// TestMachineUTCOnLanguageClock: on Parse, a date a machine declared in
// UTC ("Z") shows on the clock of a German page; "+00:00", which a site
// whose clock is UTC writes, and a page that prints its offset keep theirs.
func TestMachineUTCOnLanguageClock(t *testing.T) {
	cases := []struct{ lang, declared, want string }{
		{"de", "2021-11-04T23:00Z", "2021-11-05T00:00:00+01:00"},
		{"de", "2019-12-26T23:07:45+00:00", "2019-12-26T23:07:45Z"},
		{"en", "2021-11-04T23:00Z", "2021-11-04T23:00:00Z"},
	}
	for _, tc := range cases {
		head := `<meta charset="utf-8"><title>Kommunalwahlen</title><meta property="article:published_time" content="` + tc.declared + `">`
		raw := []byte(`<!DOCTYPE html><html lang="` + tc.lang + `"><head>` + head + `</head><body><article><h1>Kommunalwahlen</h1>` + body + `</article></body></html>`)
		a := mustParse(t, raw, "https://www.example.de/wahlen")
		if got := a.Published.Format(time.RFC3339); got != tc.want {
			t.Errorf("%s %s: published %s, want %s", tc.lang, tc.declared, got, tc.want)
		}
	}
}
