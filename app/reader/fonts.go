package reader

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"github.com/go-text/typesetting/font"
)

// systemFont is one face of a font installed on the system, as a font file
// Fyne can load (canvas.Text.FontSource).
type systemFont struct {
	res  fyne.Resource
	face *font.Face
}

// covers reports whether the face has a glyph for every printing rune of
// rs: a FontSource has no fallback, so a run it lacks a character of is
// left to the theme's fonts.
func (f *systemFont) covers(rs []rune) bool {
	for _, r := range rs {
		if r <= ' ' || r == '\u00a0' || r == '\u3000' {
			continue
		}
		if _, ok := f.face.NominalGlyph(r); !ok {
			return false
		}
	}
	return true
}

// fontQuery is what the reader asks fontconfig for.
type fontQuery struct {
	serif, bold, italic bool
	lang                string // fontconfig language for CJK ("zh-cn", "ja"), "" for Latin
}

func (q fontQuery) pattern() string {
	p := "sans-serif"
	if q.serif {
		p = "serif"
	}
	if q.lang != "" {
		p += ":lang=" + q.lang
	}
	if q.bold {
		p += ":weight=bold"
	}
	if q.italic {
		p += ":slant=italic"
	}
	return p
}

// fonts caches the faces found, nil for none; lookupFont fills it.
// loading holds, for each query being looked up, a channel closed when it
// is done, so a second caller waits for the first rather than load again.
var fonts = struct {
	sync.Mutex
	m       map[fontQuery]*systemFont
	loading map[fontQuery]chan struct{}
}{m: map[fontQuery]*systemFont{}, loading: map[fontQuery]chan struct{}{}}

// loadFont finds and loads a face; tests replace it.
var loadFont = loadSystemFont

// lookupFont returns the system's face for q, or nil when fontconfig is
// absent or its best match lacks what q asks for (the weight, the slant, or
// the language's characters). Faces are looked up once per run. It may
// take seconds (fc-match, then reading a 20 MB collection): never call it
// on Fyne's goroutine, where knownFont answers without waiting.
func lookupFont(q fontQuery) *systemFont {
	fonts.Lock()
	if f, ok := fonts.m[q]; ok {
		fonts.Unlock()
		return f
	}
	done, busy := fonts.loading[q]
	if !busy {
		done = make(chan struct{})
		fonts.loading[q] = done
	}
	fonts.Unlock()
	if busy {
		<-done
		f, _ := knownFont(q)
		return f
	}
	f, err := loadFont(q)
	if err != nil {
		f = nil
	}
	fonts.Lock()
	fonts.m[q] = f
	delete(fonts.loading, q)
	fonts.Unlock()
	close(done)
	return f
}

// knownFont is the face lookupFont found for q; ok is false while q has
// not been looked up.
func knownFont(q fontQuery) (f *systemFont, ok bool) {
	fonts.Lock()
	defer fonts.Unlock()
	f, ok = fonts.m[q]
	return f, ok
}

// maxFontFile bounds what is read of a font file (the Noto CJK
// collections are about 20 MB).
const maxFontFile = 64 << 20

// loadSystemFont asks fontconfig's fc-match for the best face for q and
// loads it.
func loadSystemFont(q fontQuery) (*systemFont, error) {
	path, index, err := matchFont(q)
	if err != nil {
		return nil, err
	}
	return readFont(q, path, index)
}

// matchFont asks fontconfig's fc-match for the best face for q: its file
// and its index there, when it has what q asks for.
func matchFont(q fontQuery) (path string, index int, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "fc-match", "-f", "%{file}\n%{index}\n%{weight}\n%{slant}\n%{lang}", q.pattern()).Output()
	if err != nil {
		return "", 0, err
	}
	fields := strings.Split(string(out), "\n")
	if len(fields) < 5 {
		return "", 0, errors.New("fc-match: unexpected answer")
	}
	index, _ = strconv.Atoi(fields[1])
	weight, _ := strconv.Atoi(fields[2])
	slant, _ := strconv.Atoi(fields[3])
	switch {
	case q.bold && weight < 180, !q.bold && weight >= 180: // fontconfig: 80 regular, 200 bold
		return "", 0, errors.New("fc-match: no face of that weight")
	case q.italic != (slant > 0):
		return "", 0, errors.New("fc-match: no face of that slant")
	case q.lang != "" && !strings.Contains("|"+fields[4]+"|", "|"+q.lang+"|"):
		return "", 0, errors.New("fc-match: no face for the language")
	}
	return fields[0], index, nil
}

// readFont loads face index of the font file at path, found for q.
func readFont(q fontQuery, path string, index int) (*systemFont, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Size() > maxFontFile {
		return nil, errors.New("font file too large")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if one, err := collectionFace(data, index); err == nil {
		data = one
	} else if !errors.Is(err, errNotCollection) {
		return nil, err
	}
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	name := strings.ReplaceAll(q.pattern(), ":", "-") + ".otf"
	return &systemFont{res: fyne.NewStaticResource(name, data), face: face}, nil
}

// fontLang is the fontconfig language whose CJK glyph forms suit an article
// in language (BCP 47): Japanese, Korean, traditional or simplified Chinese.
func fontLang(language string) string {
	l := strings.ToLower(language)
	switch {
	case strings.HasPrefix(l, "ja"):
		return "ja"
	case strings.HasPrefix(l, "ko"):
		return "ko"
	case strings.HasPrefix(l, "zh-tw"), strings.HasPrefix(l, "zh-hk"), strings.HasPrefix(l, "zh-mo"),
		strings.Contains(l, "hant"):
		return "zh-tw"
	}
	return "zh-cn"
}

// WarmFonts looks up, ahead of the first article that needs them, the
// system faces a typography uses for Latin text and for bold simplified
// Chinese (in sans-serif, BoldCJKFallback's, which the theme draws):
// finding and loading a CJK face takes a few hundred milliseconds, which
// would otherwise be spent opening that article. It may run on any
// goroutine.
func WarmFonts(t Typography) {
	if t.Serif || BoldCJKFallback() == nil || boldFallback.Load().lang != "zh-cn" {
		lookupFont(fontQuery{serif: t.Serif, bold: true, lang: "zh-cn"})
	}
	if t.Serif {
		for _, q := range []fontQuery{{serif: true}, {serif: true, bold: true}, {serif: true, italic: true}, {serif: true, lang: "zh-cn"}} {
			lookupFont(q)
		}
	}
}
