package article

import (
	"reflect"
	"testing"
)

func TestPicturesOf(t *testing.T) {
	tests := []struct {
		name, html, lead string
		want             []Picture
	}{
		{"none", `<p>text</p>`, "", nil},
		{"reading order with alt", `<p><img src="https://x/a.png" alt=" A  cat "></p><p><img src="https://x/b.jpg"></p>`, "",
			[]Picture{{URL: "https://x/a.png", Alt: "A cat"}, {URL: "https://x/b.jpg"}}},
		{"figure caption", `<figure><img src="https://x/a.png"><figcaption>Photo: <em>Li</em> 摄<br>影</figcaption></figure>`, "",
			[]Picture{{URL: "https://x/a.png", Caption: "Photo: Li 摄影"}}},
		{"lead appended", `<img src="https://x/a.png">`, "https://x/lead.png",
			[]Picture{{URL: "https://x/a.png"}, {URL: "https://x/lead.png", Lead: true}}},
		{"lead already in content", `<img src="https://x/a.png">`, "https://x/a.png",
			[]Picture{{URL: "https://x/a.png"}}},
		{"repeated picture once", `<img src="https://x/a.png"><img src="https://x/a.png" alt="again">`, "",
			[]Picture{{URL: "https://x/a.png"}}},
		{"img without src skipped", `<img alt="x"><img src="">`, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PicturesOf(tt.html, tt.lead); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("PicturesOf() = %+v, want %+v", got, tt.want)
			}
		})
	}
}
