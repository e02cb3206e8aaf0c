package clip

import "testing"

// TestChineseExcerpt: a Chinese page's excerpt that is no summary gives way
// to the text's first prose paragraph; one that is, or is only the title
// (Readability's own choice), stays. Cases as seen on zh-dev pages.
func TestChineseExcerpt(t *testing.T) {
	const body = "（原标题：龙湖集团暗伤曝露）\n\n2019-09-07 13:43\n\n图为业主在售楼处维权。（记者 张三 摄）\n\n" +
		"2019年，龙湖集团即将迎来赴港上市10周年。十年前带领龙湖集团成功赴港上市的吴亚军表示，没有故事就是好故事。\n\n" +
		"近日，龙湖集团公布了2019年中期业绩报告。"
	const first = "2019年，龙湖集团即将迎来赴港上市10周年。十年前带领龙湖集团成功赴港上市的吴亚军表示，没有故事就是好故事。"
	const title = "多地项目连环爆雷 狂奔的龙湖集团暗伤曝露？"
	tests := []struct {
		name, excerpt, want string
	}{
		{"title then keywords", title + " 龙湖,爆雷,维权,地产", first},
		{"keywords only", "中山网,专题报道,东区办事处,东区新闻", first},
		{"date and credit line", "2019-09-26 12:11来源：证券时报网作者：李在山", first},
		{"a date alone", "2012年6月24日", first},
		{"reporters' names", "澎湃新闻记者 段彦超 廖艳", first},
		{"title with channel and site", title + "-股票频道-和讯网", first},
		{"the site's own blurb", "山西省人民政府网是山西省各部门在互联网上发布政府信息和提供在线服务的综合平台。", first},
		{"a summary stays", "十年前带领龙湖集团成功赴港上市的吴亚军表示，没有故事就是好故事。", "十年前带领龙湖集团成功赴港上市的吴亚军表示，没有故事就是好故事。"},
		{"the title stays", title, title},
		{"the title's start stays", "多地项目连环爆雷", "多地项目连环爆雷"},
		{"title then a summary stays", title + " ---2019年，龙湖集团即将迎来赴港上市10周年。", title + " ---2019年，龙湖集团即将迎来赴港上市10周年。"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := chineseExcerpt(tc.excerpt, title, body); got != tc.want {
				t.Errorf("chineseExcerpt(%q) = %q, want %q", tc.excerpt, got, tc.want)
			}
		})
	}
	// No prose paragraph to take: the excerpt stays as it is.
	if got, want := chineseExcerpt("2012年6月24日", title, "2012年6月24日\n\n图为发布会现场"), "2012年6月24日"; got != want {
		t.Errorf("without prose: %q, want %q", got, want)
	}
}
