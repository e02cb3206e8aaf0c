package clip

import (
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
	for _, p := range loadZhPages(t, filepath.Join(zhSyntheticDir, "truth.json"), zhSyntheticDir) {
		t.Run(p.Page, func(t *testing.T) {
			r, _ := runZhOurs(t, p)
			s := zhScore(p.zhTruth, r)
			for _, f := range zhPerturbFields {
				if s[f][1] && !s[f][0] {
					t.Errorf("%s wrong: got%s", f, zhGot(f, r))
				}
			}
		})
	}
}
