package clip

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// zhSyntheticDir holds small Chinese article pages written in the styles
// of sites zh-dev does not have (a tech blog, a WeChat repost, a
// government notice, university news, a column, Taiwan and Hong Kong news,
// a forum post), with their truth in truth.json: the attribution rules
// must read them with the rules written for zh-dev.
const zhSyntheticDir = "testdata/zh-synthetic"

// TestZhSyntheticPages checks title, authors, editors, source and the
// published date on every synthetic page.
func TestZhSyntheticPages(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(zhSyntheticDir, "truth.json"))
	if err != nil {
		t.Fatalf("read truth: %v", err)
	}
	var truth []zhTruth
	if err := json.Unmarshal(data, &truth); err != nil {
		t.Fatalf("parse truth: %v", err)
	}
	for _, p := range truth {
		t.Run(p.Page, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(zhSyntheticDir, p.Page+".html"))
			if err != nil {
				t.Fatalf("read page: %v", err)
			}
			r, _ := runZhOurs(t, zhPage{p, raw})
			s := zhScore(p, r)
			for _, f := range zhPerturbFields {
				if s[f][1] && !s[f][0] {
					t.Errorf("%s wrong: got%s", f, zhGot(f, r))
				}
			}
		})
	}
}
