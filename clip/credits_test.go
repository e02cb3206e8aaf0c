package clip

import (
	"app.margin/margin/article"

	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestCreditLine(t *testing.T) {
	tests := []struct {
		name             string
		line             string
		authors, editors []string
		source           string
	}{
		{"writer label", "作者：李在山", []string{"李在山"}, nil, ""},
		{"文 with a slash", "文/张三", []string{"张三"}, nil, ""},
		{"文 with a full-width bar", "文｜张三", []string{"张三"}, nil, ""},
		{"撰文", "撰文：王五", []string{"王五"}, nil, ""},
		{"reporter after the outlet", "新京报记者 陆一夫", []string{"陆一夫"}, nil, ""},
		{"two reporters", "光明日报记者 王建宏 张文攀", []string{"王建宏", "张文攀"}, nil, ""},
		{"reporter without a space", "记者唐霁", []string{"唐霁"}, nil, ""},
		{"reporter and correspondent", "本报讯（记者 张三 通讯员 李四）", []string{"张三", "李四"}, nil, ""},
		{"writer label with a space", "发表于 2014-08-24 21:30 | 来源 CSDN | 作者 魏星", []string{"魏星"}, nil, "CSDN"},
		{"writer after a book title mark", "《棱镜》作者 周纯", []string{"周纯"}, nil, ""},
		{"description before the name", "文/观察者网专栏作者 王文", []string{"王文"}, nil, ""},
		{"outlet of the reporter is no name", "采写：南都见习记者 林子沛", []string{"林子沛"}, nil, ""},
		{"names joined by 、 and &", "执笔/叨叨姐、胡一刀&李小飞刀", []string{"叨叨姐", "胡一刀", "李小飞刀"}, nil, ""},
		{"role word after the name", "长江网10月4日讯（记者陈智 整合）", []string{"陈智"}, nil, ""},
		{"role suffix after the name", "文/路闻卓立编译", []string{"路闻卓立"}, nil, ""},
		{"writers and photographers", "(文/图 刘玺东 易赛楠)", []string{"刘玺东", "易赛楠"}, nil, ""},
		{"文 without a separator is a word", "全文 完", nil, nil, ""},
		{"editor", "编辑：山石", nil, []string{"山石"}, ""},
		// Traditional labels (Taiwan, Hong Kong) and colons written as a
		// space: the perturbations of zh-dev (zhdev_perturb_test.go).
		{"traditional editor and source", "來源：聯合報 責任編輯：陳小明", nil, []string{"陳小明"}, "聯合報"},
		{"traditional reporter", "記者 林志偉", []string{"林志偉"}, nil, ""},
		{"reporter with the place reported from", "記者王小明／台北報導", []string{"王小明"}, nil, ""},
		{"names split by a slash", "作者：张三/李四", []string{"张三", "李四"}, nil, ""},
		{"a reporter run into the dispatch", "（中央社記者王小明台北7日電）", []string{"王小明"}, nil, ""},
		{"a two-character reporter run into the dispatch", "中央社記者王明高雄7日電", []string{"王明"}, nil, ""},
		// Credit lines of tech blogs and portals not in zh-dev.
		{"a header picture's credit ends the editor", "出品｜虎嗅科技组 作者｜王小 编辑｜苗正卿 头图｜视觉中国", []string{"王小"}, []string{"苗正卿"}, ""},
		{"reviewers are editors", "编辑：李四 审核：王五 终审：赵六", nil, []string{"李四", "王五", "赵六"}, ""},
		{"text and pictures by", "图文/张三", []string{"张三"}, nil, ""},
		{"a picture agency is no one's name", "题图来源：视觉中国", nil, nil, ""},
		{"a label in black brackets", "【作者】张三 【编辑】李四", []string{"张三"}, []string{"李四"}, ""},
		{"the writer's outlet after a slash", "作者：石佳/中国青年报", []string{"石佳"}, nil, ""},
		{"editor with an ideographic space", "责任编辑　刘响", nil, []string{"刘响"}, ""},
		{"separators between credits", "来源：新京报 丨 编辑：杜硕", nil, []string{"杜硕"}, "新京报"},
		// University and government pages (zh-synthetic).
		{"供稿 and 撰稿 are writers, 审核 an editor", "撰稿：李明 审核：王强", []string{"李明"}, []string{"王强"}, ""},
		{"a department that supplies the text is no writer", "供稿：化学学院", nil, nil, ""},
		{"审稿 and 编审 are editors", "审稿：赵丽 编审：孙涛", nil, []string{"赵丽", "孙涛"}, ""},
		{"a photographer is no writer", "文：李明 摄影：张华", []string{"李明"}, nil, ""},
		{"编辑于 is a date label, not an editor", "编辑于 2021-03-04 12:00", nil, nil, ""},
		{"a WeChat account reposted", "本文来自微信公众号：硅谷101（ID：TheValley101），作者：陈茜，题图来自：视觉中国", []string{"陈茜"}, nil, "硅谷101"},
		{"a view count ends the name", "审核：王强 浏览次数：128", nil, []string{"王强"}, ""},
		{"an empty label leaves the next its space (gzggw-1)", "发布日期:2016-11-22 浏览次数： 信息来源:省发改委", nil, nil, "省发改委"},
		{"editor in charge with a staff code", "本文来源：新京报 责任编辑：姚立伟_NT6056", nil, []string{"姚立伟"}, "新京报"},
		{"editor with a code after a space", "[责任编辑：韩保林 PK155]", nil, []string{"韩保林"}, ""},
		{"two editors", "(责编：汤诗瑶、丁涛)", nil, []string{"汤诗瑶", "丁涛"}, ""},
		{"Latin editor keeps its space", "责编：Demi Xia", nil, []string{"Demi Xia"}, ""},
		{"editor, then a proofreader", "编辑 刘晓阳 校对 李铭", nil, []string{"刘晓阳"}, ""},
		{"source and editor", "来源：新闻晨报 编辑：山石", nil, []string{"山石"}, "新闻晨报"},
		{"bars between labels", "编辑|禤志杰", nil, []string{"禤志杰"}, ""},
		{"several outlets", "来源|广州参考、广州南沙发布、羊城晚报", nil, nil, "广州参考"},
		{"name ends at a date", "作者：张三2023-05-25", []string{"张三"}, nil, ""},
		{"unknown writer", "作者：未知 责任编辑：棒棒不是糖", nil, []string{"棒棒不是糖"}, ""},
		{"a compiled piece names no one", "作者：网络整理", nil, nil, ""},
		{"an organisation is no writer", "作者：医技药剂党支部", nil, nil, ""},
		{"system account", "（责任编辑： 系统管理员 ）", nil, nil, ""},
		{"a staff code alone", "（责任编辑： HN666）", nil, nil, ""},
		{"photographer", "通讯员刘娟 摄", nil, nil, ""},
		{"vague source", "信息来源于网络", nil, nil, ""},
		{"prose is no credit", "记者注意到，从五大5G芯片企业的主打产品来看，大多采用的是最新的7纳米技术，这在业内并不多见。", nil, nil, ""},
		{"symbols are no name", "作者：■该作者文章", nil, nil, ""},
		{"a contributors' credit is no name", "作者：维基媒体项目贡献者", nil, nil, ""},
		{"software credit", "作者：Discuz! Team", nil, nil, ""},
		{"an edit button's bar (baike.baidu.com)", "编辑 锁定 讨论", nil, nil, ""},
		{"an intern after the reporter", "文/本报记者 王五 实习生 赵六", []string{"王五", "赵六"}, nil, ""},
		{"a bar after the reporter's label", "记者|刘洋", []string{"刘洋"}, nil, ""},
		{"a commentator writes", "（评论员 罗博）", []string{"罗博"}, nil, ""},
		{"WeChat header: writer, then account (sina-3)", "原创： 路闻卓立编译 人民币交易与研究", []string{"路闻卓立"}, nil, "人民币交易与研究"},
		{"WeChat header: writer alone", "原创：张三", []string{"张三"}, nil, ""},
		{"original as a word is no label", "原创 文章不得转载", nil, nil, ""},
		{"WeChat's header without a colon", "原创 kingname 未闻Code", []string{"kingname"}, nil, ""},
		{"a date label without its colon is no name", "来源 | 发布时间 2018-05-17 | 浏览次数: 2168", nil, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var c credits
			c.readBrackets(tc.line)
			c.readLine(tc.line)
			if got, want := c.authors, tc.authors; !slices.Equal(got, want) {
				t.Errorf("authors = %q, want %q", got, want)
			}
			if got, want := c.editors, tc.editors; !slices.Equal(got, want) {
				t.Errorf("editors = %q, want %q", got, want)
			}
			if got, want := c.source, tc.source; got != want {
				t.Errorf("source = %q, want %q", got, want)
			}
		})
	}
}

func TestCreditFirstLineWins(t *testing.T) {
	var c credits
	c.readLine("采写：南都记者 余毅菁 向雪妮")
	c.readLine("作者：余毅菁 向雪妮返回富达")
	if got, want := c.authors, []string{"余毅菁", "向雪妮"}; !slices.Equal(got, want) {
		t.Errorf("authors = %q, want %q", got, want)
	}
}

func TestUnlabelledByline(t *testing.T) {
	tests := []struct {
		name, line, next string
		names            []string
		outlet           string
	}{
		{"account before the date", "原创 GameForce 2019-09-04 22:18:34", "", []string{"GameForce"}, ""},
		{"outlet before the date", "中国网 2019-11-25 10:37:31", "", nil, "中国网"},
		{"outlet after the date", "2019年11月25日 18:57 参考消息", "", nil, "参考消息"},
		{"account after the date", "2019-05-17 · 苏皖城市报道", "", []string{"苏皖城市报道"}, ""},
		{"names after the date", "2020-06-05 20:35 叨叨姐 胡一刀 李小飞刀", "", []string{"叨叨姐", "胡一刀", "李小飞刀"}, ""},
		{"writer and outlet", "石佳/中国青年报", "", []string{"石佳"}, "中国青年报"},
		{"writers who report", "王建宏 张文攀 报道", "", []string{"王建宏", "张文攀"}, ""},
		{"an outlet's report names the outlet", "新华社 报道", "", nil, "新华社"},
		{"a sentence about a report", "据外媒报道", "", nil, ""},
		{"account above the date line", "IT之家", "发布时间：09-30 22:46", []string{"IT之家"}, ""},
		{"writer, a separator, the date", "张三 | 2019-09-07 13:43", "", []string{"张三"}, ""},
		{"outlet, a separator, the date", "新京报 丨 2019-09-07 13:43", "", nil, "新京报"},
		{"date, a slash, the outlet", "2019-09-07 13:43 / 新京报", "", nil, "新京报"},
		{"date with its weekday, the outlet", "2019年9月7日 星期六 新京报", "", nil, "新京报"},
		{"account above a date line after a separator", "IT之家", "| 发布时间 09-30 22:46", []string{"IT之家"}, ""},
		{"account above a forum's date line", "老张", "发表于 2019-09-07 13:43", []string{"老张"}, ""},
		{"a date label before the date is no account (cmse-1 without its colon)", "发布日期 2012-06-24", "", nil, ""},
		{"outlet above the date line", "新华社", "2020-01-03 18:13", nil, "新华社"},
		{"two words before the date are a channel", "金融市场 棱镜 2019-09-23 07:48", "", nil, ""},
		{"a date alone", "2019-09-23 07:48", "", nil, ""},
		{"a line not above a date", "站内", "女童眼睛被塞几十片纸", nil, ""},
		{"page furniture above the date line", "正文", "2019-09-23 07:48", nil, ""},
		{"account above its follow button (thepaper-2)", "中国广州发布", "关注", []string{"中国广州发布"}, ""},
		{"account above a follow button with a plus", "去驴行", "+ 关注", []string{"去驴行"}, ""},
		{"account above its WeChat id (wechat-1)", "爱否科技", "微信号 FViewXFG", []string{"爱否科技"}, ""},
		{"an outlet above a follow button", "新京报", "关注", nil, "新京报"},
		{"furniture above a follow button", "分享", "关注", nil, ""},
		{"a sentence above a follow button", "更多精彩内容请", "关注", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			names, outlet := unlabelledByline(tc.line, tc.next)
			if !slices.Equal(names, tc.names) || outlet != tc.outlet {
				t.Errorf("unlabelledByline(%q) = %q, %q; want %q, %q", tc.line, names, outlet, tc.names, tc.outlet)
			}
		})
	}
}

func TestPersonName(t *testing.T) {
	for s, want := range map[string]bool{"尹娟": true, "欧阳": true, "陈智": true, "商讯": false, "时代": false, "文汇": false, "新华社": false, "我已授权": false, "网易": false, "中国网": false, "Li": false} {
		if got := personName(s); got != want {
			t.Errorf("personName(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestPeople(t *testing.T) {
	sites := []string{"", "网易财经", "新浪网"}
	// "澎湃新闻-The Paper": a portal's name with its English one, in a
	// template's <meta name="author"> (zh-dev perturbations).
	got := people([]string{"网易", "新浪科技", "参考消息", "name, email@gmail.com", "104363", "王五", "史蒂文的家_藍天 (stevenhgm)", "澎湃新闻-The Paper", "新浪网 - 科技"}, sites)
	if want := []string{"王五", "史蒂文的家_藍天 (stevenhgm)"}; !slices.Equal(got, want) {
		t.Errorf("people = %q, want %q", got, want)
	}
}

// lines makes page lines of texts, none of them links.
func lines(texts ...string) []pageLine {
	var out []pageLine
	for _, t := range texts {
		out = append(out, pageLine{text: t})
	}
	return out
}

func TestFindDateLine(t *testing.T) {
	long := strings.Repeat("国内大模型创业公司在技术方面普遍已有多年研究经验。", 8)
	tests := []struct {
		name  string
		lines []pageLine
		last  int
		want  string // RFC 3339, "" for none
	}{
		{"date line under the title", lines("标题", "2022-02-13 09:57 来源：新华社", long, "2023-01-01 评论"), 2, "2022-02-13T09:57:00+08:00"},
		{"CJK date with seconds", lines("标题", "2004年12月10日 11:55:08", long), 2, "2004-12-10T11:55:08+08:00"},
		{"labelled", lines("标题", "发布时间：2005-3-11 12:12", long), 2, "2005-03-11T12:12:00+08:00"},
		{"two-digit year after a label", lines("标题", "发布时间：18-03-08 23:16", long), 2, "2018-03-08T23:16:00+08:00"},
		{"split over elements", lines("标题", "2019", "09 / 07", "19 : 02", long), 4, "2019-09-07T19:02:00+08:00"},
		{"not past the body's start", lines("标题", long, "2023-01-01 评论"), 1, ""},
		{"labelled date at the end", lines("标题", long, "发布日期：2019-03-06 责任编辑：龙慧"), 1, "2019-03-06T00:00:00+08:00"},
		{"an unlabelled date at the end is a comment's", lines("标题", long, "2019-03-06 网友评论"), 1, ""},
		{"traditional label at the end", lines("标题", long, "更新時間：2019/09/07 13:43"), 1, "2019-09-07T13:43:00+08:00"},
		{"a column's edit date at the end", lines("标题", long, "编辑于 2021-03-04 12:00"), 1, "2021-03-04T12:00:00+08:00"},
		{"a label without a colon needs the date right after it", lines("标题", long, "时间 过得真快 2019-03-06"), 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := findDateLine(tc.lines, 0, tc.last, chinaTime)
			wantDate(t, got, ok, tc.want)
		})
	}
}

// wantDate checks a date a finder returned (got, ok) against want, an
// RFC 3339 time, or "" for none.
func wantDate(t *testing.T, got time.Time, ok bool, want string) {
	t.Helper()
	if want == "" {
		if ok {
			t.Errorf("date = %v, want none", got)
		}
		return
	}
	if w, _ := time.Parse(time.RFC3339, want); !ok || !got.Equal(w) {
		t.Errorf("date = %v (%v), want %v", got, ok, w)
	}
}

func TestURLDate(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/c/2019-09-07/doc-iicezzrq4076655.shtml", "2019-09-07"},
		{"/a/20200911/14526474_0.shtml", "2020-09-11"},
		{"/world/2022/02/13/c_1128375.htm", "2022-02-13"},
		{"/xxgk/t20220213_123.html", "2022-02-13"},
		{"/17/0228/12/CEGCEO5D000187VE.html", "2017-02-28"},
		{"/post/2740.html", ""},
		{"/2019/13/45/", ""},
	}
	for _, tc := range tests {
		got, ok := urlDate(tc.path, chinaTime)
		if tc.want == "" {
			if ok {
				t.Errorf("urlDate(%q) = %v, want none", tc.path, got)
			}
			continue
		}
		if !ok || got.Format("2006-01-02") != tc.want || got.Location() != chinaTime {
			t.Errorf("urlDate(%q) = %v, %v; want %s China time", tc.path, got, ok, tc.want)
		}
	}
}

func TestShownLines(t *testing.T) {
	lines := []pageLine{{text: "全国人民代表大会常务委员会"}, {text: "关于批准财政部发行特别国债"}, {text: "的决议"},
		{text: "相关稿件", linkOnly: true}, {text: "国务院公报"}}
	tests := []struct {
		key  string
		want bool
	}{
		{"全国人民代表大会常务委员会", true},
		{"全国人民代表大会常务委员会关于批准财政部发行特别国债的决议", true}, // three lines (other-1)
		{"关于批准财政部发行特别国债的决议", true},
		{"的决议相关稿件", false},  // a link is no part of a heading
		{"的决议国务院公报", false}, // nor is what a link separates
		{"相关稿件", false},
	}
	shown := shownLines(lines)
	for _, tc := range tests {
		if got := shown[tc.key]; got != tc.want {
			t.Errorf("shownLines holds %q: %v, want %v", tc.key, got, tc.want)
		}
	}
}

func TestShownTitle(t *testing.T) {
	tests := []struct {
		name, title string
		shown       []string
		want        string
	}{
		{"portal suffix", "中国芯本月商用_新浪网", []string{"中国芯本月商用"}, "中国芯本月商用"},
		{"channel and site", "最强中国芯本月商用 华为抢跑5G芯片大战__商贸_产业资讯_新浪网", []string{"最强中国芯本月商用 华为抢跑5G芯片大战"}, "最强中国芯本月商用 华为抢跑5G芯片大战"},
		{"bare hyphen", "第三届知道安全论坛鸟巢举办-CSDN.NET", []string{"第三届知道安全论坛鸟巢举办"}, "第三届知道安全论坛鸟巢举办"},
		{"site before the title", "明日股市预测--最新出炉联合国贸发报告", []string{"最新出炉联合国贸发报告"}, "最新出炉联合国贸发报告"},
		{"Yahoo bar", "颱風逼近全台戒備 氣象局發布海上警報|Yahoo奇摩新聞", []string{"颱風逼近全台戒備 氣象局發布海上警報"}, "颱風逼近全台戒備 氣象局發布海上警報"},
		{"not shown", "中国芯本月商用_新浪网", []string{"别的标题"}, ""},
		{"the whole title shown too, in a share box", "武汉的声音：有英勇的你，才有英雄的城！-新华网", []string{"武汉的声音：有英勇的你，才有英雄的城！-新华网", "武汉的声音：有英勇的你，才有英雄的城！"}, "武汉的声音：有英勇的你，才有英雄的城！"},
		{"a section's name is not the title", "新闻动态--中国地理学会官网", []string{"新闻动态"}, ""},
		{"the whole title shown", "三星 Galaxy S20 系列手机正式发布", []string{"三星 Galaxy S20 系列手机正式发布", "系列手机正式发布"}, ""},
		{"a long title beside longer names (thepaper-3)", "新年伊始，习近平的重要文章谈了啥？_中南海_澎湃新闻-The Paper", []string{"新年伊始，习近平的重要文章谈了啥？"}, "新年伊始，习近平的重要文章谈了啥？"},
		{"a long part is not a site name", "标题正文_这是一段很长的副标题而不是网站或频道的名称", []string{"标题正文"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			shown := map[string]bool{}
			for _, s := range tc.shown {
				shown[noSpaces(s)] = true
			}
			if got := shownTitle(tc.title, shown); got != tc.want {
				t.Errorf("shownTitle(%q) = %q, want %q", tc.title, got, tc.want)
			}
		})
	}
}

func TestConfirmedCut(t *testing.T) {
	lines := func(ss ...string) []pageLine {
		var out []pageLine
		for _, s := range ss {
			out = append(out, pageLine{text: s})
		}
		return out
	}
	tests := []struct {
		name, title, shown string
		names              []string
		lines              []pageLine
		want               bool
	}{
		{"declared name (people-1)", "女儿出嫁--文化--人民网", "女儿出嫁", []string{"人民网"}, nil, true},
		{"nothing confirms", "女儿出嫁--文化--人民馆", "女儿出嫁", nil, lines("女儿出嫁"), false},
		{"a copyright line confirms site and channel", "女儿出嫁--文化--人民网", "女儿出嫁", nil, lines("人民网版权所有"), true},
		{"another site", "女儿出嫁--文化--人民馆", "女儿出嫁", []string{"新浪网"}, nil, false},
		{"site before the title", "当代商报--常德金融", "常德金融", []string{"当代商报"}, nil, true},
		{"shaped as a site", "调研工作_中山网", "调研工作", nil, nil, true},
		{"shaped as a site, a channel between (zsnews-1)", "调研工作 东区办事处_中山网", "调研工作", nil, nil, true},
		{"a domain (csdn-1)", "知道创宇发布新版ZoomEye-CSDN.NET", "知道创宇发布新版ZoomEye", nil, nil, true},
		{"shown on a source line (stcn-1)", "午间公告：天奇股份中标_证券时报", "午间公告：天奇股份中标",
			nil, lines("午间公告：天奇股份中标", "2019-09-26 12:11 来源：证券时报 作者：李在山"), true},
		{"only on the title's own line", "午间公告：天奇股份中标_证券时报", "午间公告：天奇股份中标",
			nil, lines("午间公告：天奇股份中标_证券时报"), false},
		{"the copyright owner's brand (163-9)", "京沪高速封闭！_网易订阅", "京沪高速封闭！", nil, lines("网易公司版权所有"), true},
		{"a brand shares two characters, not one", "京沪高速封闭！_网易订阅", "京沪高速封闭！", nil, lines("网站公司版权所有"), false},
		{"channel and site, shaped (Mozilla qq, a listed deviation)", "DeepMind新电脑已可利用记忆自学_科技_腾讯网", "DeepMind新电脑已可利用记忆自学", nil, nil, true},
		{"channel and a site nothing confirms", "DeepMind新电脑已可利用记忆自学_科技_腾讯", "DeepMind新电脑已可利用记忆自学", nil, nil, false},
		{"channel and site, shown on the page (Mozilla youth)", "海外留学生看两会_教育频道_中国青年", "海外留学生看两会", nil, lines("版权所有：中国青年"), true},
		{"the site before, a channel after, only the site confirmed", "中国青年_海外留学生看两会_教育频道", "海外留学生看两会", nil, lines("版权所有：中国青年"), false},
		{"channel and site, declared", "海外留学生看两会_教育频道_中国青年网", "海外留学生看两会", []string{"中国青年网"}, nil, true},
		{"a name with a space is one name (ednchina-1)", "阿里发布最强AI芯片-EDN 电子技术设计", "阿里发布最强AI芯片", nil, lines("本文为EDN电子技术设计 原创文章"), true},
		{"a section after the site", "港特首梁振英就住宅违建事件道歉 - BBC中文网 - 两岸三地", "港特首梁振英就住宅违建事件道歉", nil, lines("BBC中文网首页"), true},
		{"a side with no confirmed name", "港特首梁振英就住宅违建事件道歉 - 两岸三地 - 其他", "港特首梁振英就住宅违建事件道歉", nil, lines("BBC中文网首页"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := confirmedCut(tc.title, tc.shown, newPortalNames(tc.names, copyrightNames(tc.lines), tc.lines, tc.shown)); got != tc.want {
				t.Errorf("confirmedCut(%q, %q, %q) = %v, want %v", tc.title, tc.shown, tc.names, got, tc.want)
			}
		})
	}
}

// headed is a heading line of element a, then plain lines.
func headed(a atom.Atom, heading string, more ...string) []pageLine {
	ls := []pageLine{{text: heading, block: &html.Node{Type: html.ElementNode, DataAtom: a, Data: a.String()}}}
	for _, m := range more {
		ls = append(ls, pageLine{text: m})
	}
	return ls
}

func TestNamesOnly(t *testing.T) {
	crumb := []pageLine{{text: "首页 - 新闻动态"}, {text: "2019年中国人文地理学术年会成功举行！"}}
	heading := "2019年中国人文地理学术年会成功举行！"
	tests := []struct {
		name, title string
		lines       []pageLine
		want        bool
	}{
		{"section and site (gsc-1)", "新闻动态--中国地理学会官网", crumb, true},
		{"a section the page does not show", "学会新闻--中国地理学会官网", crumb, false},
		{"an article's title is no name", "2019年中国人文地理学术年会在重庆成功举行--中国地理学会官网", crumb, false},
		{"the site alone", "中国地理学会官网", nil, true},
		{"a breadcrumb heading is no headline (gsc-1)", "新闻动态--中国地理学会官网", headed(atom.H3, "首页 - 新闻动态", "2019年中国人文地理学术年会成功举行！"), true},
		{"a blog's linked heading is its headline", "阿里巴巴：制造孤独的CEO _ 支付志",
			append(headed(atom.H2, "阿里巴巴：制造孤独的CEO"), pageLine{text: "其它内容 十一月 6th, 2009"}, pageLine{text: "阿里巴巴：制造孤独的CEO", linkOnly: true}, pageLine{text: "支付志"}), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := namesOnly(tc.title, newPortalNames(nil, copyrightNames(tc.lines), tc.lines, heading), tc.lines); got != tc.want {
				t.Errorf("namesOnly(%q) = %v, want %v", tc.title, got, tc.want)
			}
		})
	}
}

// zhPara is a paragraph of a Chinese article's text.
const zhPara = "<p>国内大模型创业公司在技术方面普遍已有多年研究经验，构筑了一定的技术壁垒，这是很难短期超越的。</p>"

// cleaned is in, inside a <div>, after clean ran on its parsed tree.
func cleaned(t *testing.T, in string, clean func(*html.Node)) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<div>" + in + "</div>"))
	if err != nil {
		t.Fatal(err)
	}
	clean(doc)
	var b strings.Builder
	_ = html.Render(&b, doc)
	return b.String()
}

// TestTrimArticleEndKeepsClosingPictures: photos that close an article,
// bare or in paragraphs, are the article's, not a trail.
func TestTrimArticleEndKeepsClosingPictures(t *testing.T) {
	tests := []struct {
		name, in string
		want     int
	}{
		{"bare pictures", zhPara + zhPara + zhPara + `<img src="1.jpg" alt="一"><img src="2.jpg" alt="二">`, 2},
		{"pictures in paragraphs", zhPara + zhPara + zhPara + `<p><img src="1.jpg"></p><p><img src="2.jpg"></p>`, 2},
		{"a picture in a figure", zhPara + zhPara + zhPara + `<figure><img src="1.jpg"><figcaption>图为现场</figcaption></figure>`, 1},
		{"a headline's thumbnail still goes with its trail", zhPara + zhPara + zhPara + `<img src="1.jpg"><p>美国农民警告白宫</p><p>2019-09-09</p><img src="2.jpg"><p>金政委答观察员</p><p>2019-09-08</p>`, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := cleaned(t, tc.in, trimArticleEnd)
			if got := strings.Count(out, "<img"); got != tc.want {
				t.Errorf("%d pictures kept, want %d: %s", got, tc.want, out)
			}
		})
	}
}

func TestTrimArticleEnd(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"nothing after the end mark", zhPara + zhPara + "<p>全文结束了。（完）</p><p>猜你喜欢的别的新闻标题</p><p>另一条新闻</p>",
			"全文结束了。（完）"},
		{"trail of headlines and dates", zhPara + zhPara + zhPara + `<p>观察员</p><p><a href="/1">美国农民警告白宫</a></p><p>2019-09-09</p><p><a href="/2">金政委答观察员</a></p><p>2019-09-08</p>`,
			"这是很难短期超越的。"},
		{"a promotion ends the last paragraph", zhPara + zhPara + "<p>开始搓搓手了！！！<br>编辑|禤志杰<br>扫描下方二维码解锁更多技能<br>1、回复【公租房】查看最新消息</p>",
			"编辑|禤志杰"},
		{"headlines that are no links, beside their dates (guancha-3)", zhPara + zhPara + zhPara + `<p>观察员</p><p>美国农民警告白宫：再打贸易战<a href="/c">观学院</a></p><p>2019-09-09</p><p>金政委答观察员：已经到了时候<a href="/c">观学院</a></p><p>2019-09-08</p><p>另一条标题</p>`,
			"这是很难短期超越的。"},
		{"headlines with thumbnails (guancha-3)", zhPara + zhPara + zhPara + `<div><h4><img src="a.gif"><a href="/m">观察员</a></h4><div><p><img src="1.jpg"></p><p><span>察话会聊聊巴西</span><a href="/c">聊吧</a></p><p><span>2019-09-09</span></p></div><div><p><img src="2.jpg"></p><p><span>美国农民警告白宫</span><a href="/c">观学院</a></p><p><span>2019-09-09</span></p></div></div>`,
			"这是很难短期超越的。"},
		{"a last picture stays above one dated line", zhPara + zhPara + zhPara + `<p><img src="1.jpg"></p><p>图为现场</p><p>2019-09-09</p>`, "2019-09-09"},
		{"a signature and its date stay", zhPara + zhPara + zhPara + "<p>某某市人民政府办公室</p><p>2019年9月9日</p>", "2019年9月9日"},
		{"nothing after the editor's credit (njxfhn-1)", strings.Repeat(zhPara, 12) + "<p>采写：南都记者 余毅菁</p><p>责任编辑：</p><p>香港警方：示威行动未发生致命事件</p><p>" + strings.Repeat("港铁公司车务营运总监表示，因破坏行为启动疏散程序。", 8) + "</p>",
			"责任编辑："},
		{"a short line under the editor's credit stays (Mozilla qq)", zhPara + zhPara + zhPara + "<p>[责任编辑：alonliu]</p><p>您认为这篇文章与相关度高吗？</p>", "您认为这篇文章与相关度高吗？"},
		{"credit lines after the editor's stay", strings.Repeat(zhPara, 12) + "<p>编辑|禤志杰</p><p>校对|黄慧敏</p><p>来源|广州参考</p><p>别的新闻</p><p>" + strings.Repeat("别的新闻的正文很长。", 20) + "</p>", "来源|广州参考"},
		{"an editor's line early in the text is no end", "<p>编辑：张三</p>" + zhPara + zhPara, "这是很难短期超越的。"},
		{"a last short paragraph stays", zhPara + zhPara + "<p>（应受访者要求，文中张严为化名。）</p>", "（应受访者要求，文中张严为化名。）"},
		{"a like counter and its widget's label (xinhuanet)", zhPara + zhPara + zhPara + `<p>正是有了英勇的你们，才有这座英雄的城！（评论员 罗博 萧海川）</p><div><span class="tj">图集</span></div><div class="zan-wap"><a href="javascript:void(0);" class="zan"> </a><div class="zan-i">+1</div></div>`,
			"（评论员 罗博 萧海川）"},
		{"a closing name stays", zhPara + zhPara + zhPara + "<p>张三</p>", "张三"},
		{"never the larger part", "<p>短文。</p>" + strings.Repeat(`<p><a href="/1">一条很长的相关新闻标题在这里</a></p>`, 5), "一条很长的相关新闻标题在这里"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := cleaned(t, tc.in, trimArticleEnd)
			text := article.CanonicalText(article.Blocks(out))
			if !strings.HasSuffix(text, tc.want) {
				t.Errorf("text ends %q, want it to end %q", tailRunes(text, 30), tc.want)
			}
		})
	}
}

func TestBoilerplateAdsAndPagers(t *testing.T) {
	for _, line := range []string{
		"发送GP到6666 随时随地查行情",
		"安装新浪财经客户端第一时间接收最全面的市场资讯→【下载地址】",
		"扫描下方二维码关注苹果汇官方微信",
		"上一页 1 2 3 下一页",
		"首页 上一页 下一页 尾页",
		"文章关键词： 苹果新品新iPhone",
	} {
		out := cleaned(t, zhPara+zhPara+"<p>"+line+"</p>"+zhPara, func(n *html.Node) { removeBoilerplate(n, true) })
		if text := article.CanonicalText(article.Blocks(out)); strings.Contains(text, strings.Fields(line)[0]) {
			t.Errorf("%q kept in %q", line, text)
		}
	}
}

// TestChineseAttribution reads a whole page: writers, editors, the outlet
// after 来源, the date line over metadata, and their provenance.
func TestChineseAttribution(t *testing.T) {
	head := `<meta charset="utf-8"><title>女警打百个电话遭停机_网易新闻</title><meta name="author" content="网易">
		<meta property="og:site_name" content="网易新闻">
		<meta property="article:published_time" content="2019-09-07T18:00:00+08:00">`
	tests := []struct {
		name             string
		info, end        string
		authors, editors []string
		source           string
		published        string
	}{
		{"date line, outlet, editor at the end", `<div>2019-09-07 16:28:35 来源: 新京报</div>`, `<p>本文来源：新京报 责任编辑：史建磊_NBJ11331</p>`,
			[]string{}, []string{"史建磊"}, "新京报", "2019-09-07T16:28:35+08:00"},
		{"reporter at the end", `<div>2019-09-07 16:28:35</div>`, `<p>新京报记者 陆一夫</p><p>编辑 刘晓阳 校对 李铭</p>`,
			[]string{"陆一夫"}, []string{"刘晓阳"}, "", "2019-09-07T16:28:35+08:00"},
		{"a person after 来源 wrote it", `<div>2005-3-11 12:12 来源: 尹娟</div>`, ``,
			[]string{"尹娟"}, []string{}, "", "2005-03-11T12:12:00+08:00"},
		{"metadata date kept when it agrees", `<div>2019-09-07 18:00</div>`, ``, []string{}, []string{}, "", "2019-09-07T18:00:00+08:00"},
		{"the host's own 来源 gives way to the end's (thepaper-2)", `<div>2019-09-07 18:00 来源：网易新闻·网易号·政务</div>`,
			`<p>编辑|禤志杰</p><p>来源|广州参考、广州南沙发布、羊城晚报</p>`, []string{}, []string{"禤志杰"}, "广州参考", "2019-09-07T18:00:00+08:00"},
		{"an account above its follow button (toutiao-2)", `<div>2019-09-07 18:00</div><div><a href="/c/user/1/">去驴行</a></div><div>关注</div>`, ``,
			[]string{"去驴行"}, []string{}, "", "2019-09-07T18:00:00+08:00"},
		{"a photographer credited alone is the author (a photo story)", `<div>2019-09-07 18:00 摄影：张华</div>`, ``,
			[]string{"张华"}, []string{}, "", "2019-09-07T18:00:00+08:00"},
		{"a photographer beside a writer is not", `<div>2019-09-07 18:00 文：李明 摄影：张华</div>`, ``,
			[]string{"李明"}, []string{}, "", "2019-09-07T18:00:00+08:00"},
		{"a photographer beside an editor is not", `<div>2019-09-07 18:00 摄影：张华</div>`, `<p>责任编辑：王强</p>`,
			[]string{}, []string{"王强"}, "", "2019-09-07T18:00:00+08:00"},
		{"the date line and outlet above the title", ``, ``, []string{}, []string{}, "新京报", "2019-09-07T16:28:35+08:00"},
		{"a WeChat header (sina-3)", `<div>2019-09-07 18:00</div><p>原创： 路闻卓立编译 人民币交易与研究</p>`, ``,
			[]string{"路闻卓立"}, []string{}, "人民币交易与研究", "2019-09-07T18:00:00+08:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := `<div class="main"><h1>女警打百个电话遭停机</h1>` + tc.info + `<div class="text">` + zhBody + tc.end + `</div></div>`
			if tc.info == "" && tc.end == "" {
				b = `<div class="main"><div>2019-09-07 16:28:35</div><div>来源：新京报</div><h1>女警打百个电话遭停机</h1><div class="text">` + zhBody + `</div></div>`
			}
			a := mustParse(t, page(head, b), "")
			if !slices.Equal(a.Authors, tc.authors) {
				t.Errorf("authors = %q, want %q", a.Authors, tc.authors)
			}
			if !slices.Equal(a.Editors, tc.editors) {
				t.Errorf("editors = %q, want %q", a.Editors, tc.editors)
			}
			if a.Source.Name != tc.source {
				t.Errorf("source = %q, want %q", a.Source.Name, tc.source)
			}
			if want, _ := time.Parse(time.RFC3339, tc.published); !a.Published.Equal(want) {
				t.Errorf("published = %v, want %v", a.Published, want)
			}
			if len(tc.authors) > 0 && a.Provenance["authors"] != article.FromText {
				t.Errorf("authors from %q, want %q", a.Provenance["authors"], article.FromText)
			}
			if len(tc.editors) > 0 && a.Provenance["editors"] != article.FromText {
				t.Errorf("editors from %q, want %q", a.Provenance["editors"], article.FromText)
			}
			if a.Title != "女警打百个电话遭停机" {
				t.Errorf("title = %q", a.Title)
			}
		})
	}
}

// TestTruncatedDeclaredTitle: a quote inside og:title cuts it short; the
// heading the page shows is the title.
func TestTruncatedDeclaredTitle(t *testing.T) {
	head := `<meta charset="utf-8"><title>男孩写"救命啊"纸团抛出_网易新闻</title><meta property="og:title" content="男孩写">`
	a := mustParse(t, page(head, `<h1>男孩写"救命啊"纸团抛出</h1><div>`+zhBody+`</div>`), "")
	want(t, "title", a.Title, `男孩写"救命啊"纸团抛出`, a.Provenance["title"], article.FromText)
}

// TestURLDateSupplies: with no date on the page, its address gives one.
func TestURLDateSupplies(t *testing.T) {
	a := mustParse(t, page(`<meta charset="utf-8"><title>标题</title>`, `<h1>标题</h1><div>`+zhBody+`</div>`),
		"https://news.example.cn/c/2019-09-07/doc-1.shtml")
	wantTime(t, "published", a.Published, "2019-09-07T00:00:00+08:00", a.Provenance["published"], article.FromURL)
}

// TestURLYearCompletesDateLine: a year-less date line takes the year of
// the date in the page's address when the day is the same.
func TestURLYearCompletesDateLine(t *testing.T) {
	a := mustParse(t, page(`<meta charset="utf-8"><title>标题</title>`, `<h1>标题</h1><div>IT之家</div><div>发布时间：09-07 13:43</div><div>`+zhBody+`</div>`),
		"https://news.example.cn/c/2019-09-07/doc-1.shtml")
	wantTime(t, "published", a.Published, "2019-09-07T13:43:00+08:00", a.Provenance["published"], article.FromText)
}

// TestPortalSuffixNeedsConfirmation: a <title>'s site suffix stays unless
// the page names its site so (Readability.js keeps it too).
func TestPortalSuffixNeedsConfirmation(t *testing.T) {
	head := `<meta charset="utf-8"><title>女警打百个电话遭停机_网易新闻</title>`
	a := mustParse(t, page(head, `<div><h1>女警打百个电话遭停机</h1><div>`+zhBody+`</div></div>`), "")
	if a.Title != "女警打百个电话遭停机_网易新闻" {
		t.Errorf("title = %q, want the <title> as it is", a.Title)
	}
}

func TestCopyrightNames(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"Copyright © 2019 观察者 All rights reserved。", []string{"观察者"}},
		{"光明网版权所有", []string{"光明网"}},
		{"共青团中央主办 版权所有：中国青年网", []string{"中国青年网"}},
		{"©2018 厦门市鑫鼎盛控股有限公司 闽ICP备11019844号-1", []string{"厦门市鑫鼎盛控股有限公司"}},
		{"本文来源：新京报 责任编辑：杨倩", nil},
	}
	for _, tc := range tests {
		if got := copyrightNames(lines(tc.line)); !slices.Equal(got, tc.want) {
			t.Errorf("copyrightNames(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

func TestHeadingLine(t *testing.T) {
	lines := []pageLine{
		{text: "首页 / 图片 / 正文"},
		{text: "最不愁吃肉的国家", linkOnly: true},
		{text: "原创 最不愁吃肉的国家"},
		{text: "最不愁吃肉的国家：相关推荐和更多"},
		{text: "最不愁吃肉的国家"},
	}
	tests := []struct {
		name    string
		lines   []pageLine
		heading string
		want    int
	}{
		{"the heading's own line wins", lines, "最不愁吃肉的国家", 4},
		{"a tag before the heading (toutiao-2)", lines[:4], "最不愁吃肉的国家", 2},
		{"a longer prefix is another line", []pageLine{{text: "相关推荐文章列表 最不愁吃肉的国家"}}, "最不愁吃肉的国家", -1},
		{"no heading", lines, "", -1},
		{"broken with <br>s, ends on its last line (other-1)", []pageLine{{text: "首页"}, {text: "全国人民代表大会常务委员会"},
			{text: "关于批准财政部发行特别国债"}, {text: "的决议"}, {text: "（2007年6月29日通过）"}}, "全国人民代表大会常务委员会关于批准财政部发行特别国债的决议", 3},
		{"not across a link", []pageLine{{text: "全国人民代表大会常务委员会"}, {text: "关于批准财政部发行特别国债", linkOnly: true},
			{text: "的决议"}}, "全国人民代表大会常务委员会关于批准财政部发行特别国债的决议", -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := headingLine(tc.lines, tc.heading); got != tc.want {
				t.Errorf("headingLine(%q) = %d, want %d", tc.heading, got, tc.want)
			}
		})
	}
}

func TestEditorLine(t *testing.T) {
	for line, want := range map[string]bool{
		"责任编辑：杨倩":          true,
		"（编辑：刘晓阳）":         true,
		"作者：未知 责任编辑：棒棒不是糖": true, // gamersky of zh-dev
		"来源：新闻晨报 编辑：山石":    true,
		"文/未知 责任编辑：棒棒不是糖":  true, // the writer labelled as other sites do
		"| 责任编辑：杜硕":        true, // after a separator
		"责任编辑 刘响":          true, // a space for the colon (lines arrive with U+3000 collapsed)
		"编辑 锁定 讨论":         false,
		"编辑部的故事":           false,
		"作者：张三":            false,
		"记者注意到，编辑：的工作很多":   false,
	} {
		if got := rxEditorLine.MatchString(line); got != want {
			t.Errorf("rxEditorLine.MatchString(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestLooseDateLine(t *testing.T) {
	caption := "1 /10 当全世界绝大部分国家都在为能够吸引中国游客到来而绞尽脑汁的时候，只有这么一个国家一脸淡定。"
	tests := []struct {
		name  string
		lines []pageLine
		want  string // RFC 3339, "" for none
	}{
		{"a date alone under a caption (toutiao-2)", lines("标题", "去驴行", "关注", caption, "2019-09-08 11:42:03", "举报"), "2019-09-08T11:42:03+08:00"},
		{"a date with words is not alone", lines("标题", caption, "2019-09-08 11:42 网友评论"), ""},
		{"a linked date is another article's", []pageLine{{text: "标题"}, {text: caption}, {text: "2019-09-08", linkOnly: true}}, ""},
		{"too far below the title", append(lines("标题"), append(lines(strings.Split(strings.Repeat("段落,", 13), ",")...), lines("2019-09-08")...)...), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := looseDateLine(tc.lines, 0, chinaTime)
			wantDate(t, got, ok, tc.want)
		})
	}
}

// TestDateEvidence: the date line under the title, the page's address and
// its metadata weigh against each other.
func TestDateEvidence(t *testing.T) {
	caption := "<p>1 /10 当全世界绝大部分国家都在为能够吸引中国游客到来而绞尽脑汁的时候，只有这么一个国家一脸淡定，一副你们爱来不来的样子。</p>"
	meta := `<meta property="article:published_time" content="2019-09-07T18:00:00+08:00">`
	tests := []struct {
		name, head, info, url string
		want, from            string
	}{
		{"the date line wins over metadata", meta, "<div>2019-09-07 16:28:35</div>", "", "2019-09-07T16:28:35+08:00", article.FromText},
		{"the address confirms metadata over another day's line", meta, "<div>2019-09-01 10:00</div>",
			"https://news.example.cn/a/2019-09-07/doc-1.shtml", "2019-09-07T18:00:00+08:00", article.FromMeta},
		{"the address confirms the line", meta, "<div>2019-09-07 16:28:35</div>",
			"https://news.example.cn/a/20190907/doc-1.shtml", "2019-09-07T16:28:35+08:00", article.FromText},
		{"a date alone under a caption supplies one", "", caption + "<div>2019-09-08 11:42:03</div>", "", "2019-09-08T11:42:03+08:00", article.FromText},
		{"the address over a loose date of another day", "", caption + "<div>2019-09-08 11:42:03</div>",
			"https://news.example.cn/2019/09/07/doc-1.shtml", "2019-09-07T00:00:00+08:00", article.FromURL},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			head := `<meta charset="utf-8"><title>女警打百个电话遭停机</title>` + tc.head
			a := mustParse(t, page(head, `<div><h1>女警打百个电话遭停机</h1>`+tc.info+`<div>`+zhBody+`</div></div>`), tc.url)
			wantTime(t, "published", a.Published, tc.want, a.Provenance["published"], tc.from)
		})
	}
}

func TestNextCreditLine(t *testing.T) {
	tests := []struct {
		name  string
		lines []pageLine
		want  string
	}{
		{"the next line", lines("老张", "2019-09-07 13:43"), "2019-09-07 13:43"},
		{"past a forum's tag (forum-discuz of zh-synthetic)", lines("老张", "楼主", "发表于 2019-9-7 13:43 | 只看该作者"), "发表于 2019-9-7 13:43 | 只看该作者"},
		{"past a bio to the follow button", lines("张三", "后端工程师", "关注他"), "关注他"},
		{"not past two lines", lines("张三", "后端工程师", "某某大学", "关注"), "后端工程师"},
		{"not past a line with numbers", lines("张三", "粉丝 1.2万", "关注"), "粉丝 1.2万"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := nextCreditLine(tc.lines, 0); got != tc.want {
				t.Errorf("nextCreditLine = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLabelledDateAbove(t *testing.T) {
	tests := []struct {
		name  string
		lines []pageLine
		want  string
	}{
		{"publishing date over the written date (gov-notice of zh-synthetic)",
			lines("发布机构：", "某市人民政府办公厅", "成文日期：", "2023年09月05日", "发布日期：", "2023年09月07日", "标题"), "2023-09-07T00:00:00+08:00"},
		{"a written date alone", lines("成文日期：2023年09月05日", "标题"), "2023-09-05T00:00:00+08:00"},
		{"an unlabelled date above is the site's", lines("2023年09月05日 星期二", "标题"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := labelledDateAbove(tc.lines, len(tc.lines)-1, chinaTime)
			wantDate(t, got, ok, tc.want)
		})
	}
}

func TestWithoutSoftwareCredit(t *testing.T) {
	for in, want := range map[string]string{
		"求助 - 网络技术 - 某某论坛 - Powered by Discuz!":      "求助 - 网络技术 - 某某论坛",
		"某某论坛 Powered by phpwind":                    "某某论坛",
		"Powered by the sun: solar panels explained": "Powered by the sun: solar panels explained",
	} {
		if got := withoutSoftwareCredit(in); got != want {
			t.Errorf("withoutSoftwareCredit(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMicrodataAuthors(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<div itemprop="author" itemscope><meta itemprop="name" content="张三"><a>张三</a><div>后端工程师</div></div>` +
		`<span itemprop="author"><span itemprop="name">李四</span></span><span itemprop="name">网站</span>`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := microdataAuthors(doc), []string{"张三", "李四"}; !slices.Equal(got, want) {
		t.Errorf("microdataAuthors = %q, want %q", got, want)
	}
}

// TestFindDateNotations covers the date notations of Chinese pages beyond
// zh-dev's: a weekday or the half of the day between date and time, and
// hours and minutes written 时 and 分.
func TestFindDateNotations(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2019-09-07 13:43:45 星期六", "2019-09-07T13:43:45+08:00"},
		{"2019年9月7日 星期六 13:43", "2019-09-07T13:43:00+08:00"},
		{"2019年9月7日 周六 13:43", "2019-09-07T13:43:00+08:00"},
		{"发布时间：2019-09-07 13时43分", "2019-09-07T13:43:00+08:00"},
		{"2019-09-07 下午 01:43", "2019-09-07T13:43:00+08:00"},
		{"2019年09月07日 上午9:05", "2019-09-07T09:05:00+08:00"},
		{"2019年09月07日 中午12:30", "2019-09-07T12:30:00+08:00"},
		{"2019-09-07 下午", "2019-09-07T00:00:00+08:00"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := findDate(tc.in, chinaTime)
			wantDate(t, got, ok, tc.want)
		})
	}
}

func TestDateAbove(t *testing.T) {
	tests := []struct {
		name  string
		lines []pageLine
		want  int
	}{
		{"date then source above the title", lines("首页 > 中南海", "2019-09-07 13:43", "来源：新华网", "标题"), 1},
		{"no date above", lines("2019-09-07 首页", "导航", "频道", "来源：新华网", "标题"), -1},
		{"a link line stops the block", []pageLine{{text: "2019-09-07 13:43"}, {text: "首页 新闻", linkOnly: true}, {text: "标题"}}, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := dateAbove(tc.lines, len(tc.lines)-1); got != tc.want {
				t.Errorf("dateAbove = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestYearlessDateLine(t *testing.T) {
	ref := time.Date(2019, 9, 30, 0, 0, 0, 0, chinaTime)
	tests := []struct {
		name  string
		lines []pageLine
		ref   time.Time
		want  string
	}{
		{"the address gives the year", lines("标题", "IT之家", "发布时间：09-30 22:46"), ref, "2019-09-30T22:46:00+08:00"},
		{"the address names another day", lines("标题", "发布时间：09-29 22:46"), ref, ""},
		{"no date in the address", lines("标题", "发布时间：09-30 22:46"), time.Time{}, ""},
		{"a full date is not year-less", lines("标题", "2018-09-30 22:46"), ref, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := yearlessDateLine(tc.lines, 0, tc.ref, chinaTime)
			wantDate(t, got, ok, tc.want)
		})
	}
}

// TestLabelledDate: a date after a date label, but not after a label of
// another date that ends the same way (引用日期, a reference's access date).
func TestLabelledDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"发布时间：2019-09-07 13:43", "2019-09-07T13:43:00+08:00"},
		{"发表于 2019-09-07", "2019-09-07T00:00:00+08:00"},
		{"日期：2019-09-07", "2019-09-07T00:00:00+08:00"},
		{"[引用日期2017-07-19]", ""},
		{"截止日期：2019-09-07", ""},
	}
	for _, tc := range tests {
		got, ok := labelledDate(tc.in, chinaTime)
		if s := got.Format(time.RFC3339); ok != (tc.want != "") || ok && s != tc.want {
			t.Errorf("labelledDate(%q) = %s, %v; want %q", tc.in, s, ok, tc.want)
		}
	}
}

// TestBlogLinkedHeading: a Chinese blog post whose heading links to the
// post, under a logo <h1> with no text, keeps its headline (not the line of
// category and date under it) and takes its date from that line, written
// as Chinese WordPress writes it.
func TestBlogLinkedHeading(t *testing.T) {
	raw := []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>阿里巴巴：制造孤独的CEO _ 支付志</title></head><body>
<div id="header"><h1><a href="http://blog.example.com/"><img src="/logo.png"></a></h1></div>
<div id="content"><div class="post">
<h2><a href="http://blog.example.com/1513.html" rel="bookmark">阿里巴巴：制造孤独的CEO</a></h2>
<span class="post-cat"><a href="/category/misc">其它内容</a></span> <span class="post-calendar">十一月 6th, 2009</span>
<div class="post-content"><p>作者：《中国企业家》记者 林涛</p>` + zhBody + `</div></div></div>
<div id="sidebar"><h2>相关日志</h2><ul><li><a href="/1512.html">阿里巴巴：制造孤独的CEO</a></li></ul></div></body></html>`)
	a := mustParse(t, raw, "")
	if want := "阿里巴巴：制造孤独的CEO _ 支付志"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
	if got, want := a.Published.Format(time.RFC3339), "2009-11-06T00:00:00+08:00"; got != want {
		t.Errorf("published = %s, want %s", got, want)
	}
	if want := []string{"林涛"}; !slices.Equal(a.Authors, want) {
		t.Errorf("authors = %q, want %q", a.Authors, want)
	}
}

// TestLinkedH1Title: a Chinese page whose <h1> links to the article shows
// its heading all the same: the <title>'s channel and site names go when
// the page confirms one.
func TestLinkedH1Title(t *testing.T) {
	raw := []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sun股价持续回落 与甲骨文交易前景堪忧-业界-IT评论</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/yejie/">业界</a></div>
<h1><a href="http://www.example.com/shuoit/20091101/72390.html">Sun股价持续回落 与甲骨文交易前景堪忧</a></h1>
<div class="info">2009-11-01 来源：新浪科技</div><div class="content">` + zhBody + `</div></body></html>`)
	a := mustParse(t, raw, "")
	if want := "Sun股价持续回落 与甲骨文交易前景堪忧"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
}

// TestReprintedPaperAndLateEditor: people.com.cn's layout, seen on no
// development page: the source line names the host and, in 《》, its
// newspaper (the original), and the 责任编辑 line stands under a list of
// related links longer than the credit window's text lines.
func TestReprintedPaperAndLateEditor(t *testing.T) {
	var related strings.Builder
	for i := range 9 {
		fmt.Fprintf(&related, `<li><a href="/n/%d.html">反腐倡廉相关报道第%d篇 调查显示网络曝光列第一</a></li>`, i, i+1)
	}
	raw := []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>安徽司法行政系训诫预警：“揪揪耳朵”防腐败--时政--人民网</title></head><body>
<h1>安徽司法行政系训诫预警：“揪揪耳朵”防腐败</h1>
<p class="p1"><span>2009年11月09日00:00</span> <span>来源：<a href="http://paper.people.com.cn/">人民网-《人民日报》</a></span></p>
<div id="p_content">` + zhBody + `</div><div class="related"><ul>` + related.String() + `</ul></div>
<table class="bianji"><tr><td>（责任编辑：刘则华）</td></tr></table>
<div class="footer">人民网版权所有，未经书面授权禁止使用</div></body></html>`)
	a := mustParse(t, raw, "http://politics.people.com.cn/GB/1027/10339009.html")
	if got, want := a.Source.Name, "人民日报"; got != want {
		t.Errorf("source = %q, want %q", got, want)
	}
	if want := []string{"刘则华"}; !slices.Equal(a.Editors, want) {
		t.Errorf("editors = %q, want %q", a.Editors, want)
	}
}

// TestPenName: a Chinese byline that no family name starts (a columnist's
// pen name in an author element) is kept when the text names it again
// (a label in the author's place, hexun-1's "我已授权", is never named).
func TestPenName(t *testing.T) {
	for _, tc := range []struct {
		name, byline, sign string
		want               []string
	}{
		{"a pen name the text signs", "康斯坦丁", "<p>本文为康斯坦丁授权网易财经《亦观察》发布。</p>", []string{"康斯坦丁"}},
		{"a pen name the text never names", "南冥一鲨", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte(`<!DOCTYPE html><html><head><meta charset="gbk"><title>苹果缘何败走智能电视_网易财经</title></head><body>
<div class="details"><h2 class="con1_ltle">苹果缘何败走智能电视</h2><span class="con1_author">` + tc.byline + `</span> <span class="con1_date">2015-06-25 10:45:52</span> <a class="con1_review" href="#">0 人参与评论</a></div>
<div class="content">` + zhBody + tc.sign + `</div></body></html>`)
			a := mustParse(t, raw, "http://money.163.com/15/0625/10/AT6O1AVN00253G87.html")
			if !slices.Equal(a.Authors, tc.want) {
				t.Errorf("authors = %q (%s), want %q", a.Authors, a.Provenance["authors"], tc.want)
			}
		})
	}
}
