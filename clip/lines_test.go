package clip

import "testing"

func TestHeadingAboveBody(t *testing.T) {
	body := []string{"5月10-12日，2019年中国人文地理学术年会在重庆·西南大学举行。本次会议由中国地理学会人文地理专业委员会主办。"}
	tests := []struct {
		name  string
		lines []pageLine
		want  int
	}{
		{"over its date and source lines (gsc-1)", lines("首页 - 新闻动态", "2019年中国人文地理学术年会在重庆•西南大学成功举行！",
			"发布时间：2019-05-18", "来源：中国地理学会", body[0]), 1},
		{"links between are passed", []pageLine{{text: "2019年中国人文地理学术年会成功举行"}, {text: "分享到微博", linkOnly: true}, {text: body[0]}}, 0},
		{"a section name is no heading", lines("新闻动态", "发布时间：2019-05-18", body[0]), -1},
		{"a paragraph above is no heading", lines("2019年中国人文地理学术年会成功举行",
			"本次会议由中国地理学会人文地理专业委员会主办，西南大学地理科学学院承办。", body[0]), -1},
		{"the body is not on the page", lines("2019年中国人文地理学术年会成功举行"), -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := headingAboveBody(tc.lines, body); got != tc.want {
				t.Errorf("headingAboveBody = %d, want %d", got, tc.want)
			}
		})
	}
}
