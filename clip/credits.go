package clip

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"app.margin/margin/internal/text"
)

// credits are the people and outlet a Chinese page credits in its visible
// text: writers (作者, 文, 记者, 通讯员, ...), editors (编辑, 责任编辑, 责编)
// and the outlet a 来源 label names.
type credits struct {
	authors []string
	editors []string
	photos  []string // photographers (摄影, 图)
	source  string   // the first outlet a line names
	// sources are the outlets findCredits found, in the order a reader
	// trusts them (under the title, at the end, beside the date).
	sources []string
}

// Roles a credit label gives the names after it.
const (
	roleNone = iota // a label that ends the previous value (校对, 摄影, 时间, ...)
	roleAuthor
	roleEditor
	roleSource
	// roleOriginal is a WeChat article reposted with its header: "原创：
	// 路闻卓立编译 人民币交易与研究" names the writers, then the account
	// that first published it (seen on sina-3 of zh-dev).
	roleOriginal
	// rolePhoto is a photographer (摄影, 图): no writer, unless the page
	// credits no one else (a photo story).
	rolePhoto
	// roleOriginalBare is WeChat's "原创" without a colon, which names the
	// writer when the account follows ("原创 kingname 未闻Code"; "原创
	// 文章不得转载" is a notice).
	roleOriginalBare
)

// rxCreditLabel finds credit labels. Labels that are also common words
// (文, 图, 编辑 as a verb) need a separator after them; 记者, 通讯员,
// 实习生 and 评论员 are followed by a name with or without a space ("记者唐霁",
// "记者 张倩", "记者|刘洋"), and may follow their outlet ("新京报记者"). The label group tells the role.
// A label takes its separator or one space, not the space after it: that
// opens the next label ("浏览次数： 信息来源：省发改委", gzggw-1 of zh-dev).
var rxCreditLabel = regexp.MustCompile(
	`(编辑于|发表于|发布于|更新于)\s*[:：]?` +
		`|(?:^|[\s(（【\[|｜丨/·•,，;；》])(本文来自微信公众号|本文来源|本文来自|信息来源于|信息来源|来源于|来源|稿源|出处|转载自|來源)\s*[:：|｜丨】\]]?` +
		`|(责任编辑|责编|编辑|审核|审稿|编审|终审|复审|初审)\s*[:：|｜丨/／】\]]?` +
		`|(?:^|[\s(（【\[|｜丨/·•,，;；》])(作者|撰文|撰稿|供稿|采写|执笔|楼主|图文|文\s*[/／]\s*图|图\s*[/／]\s*文)(?:\s*[:：|｜丨/／】\]]|\s)` +
		`|(?:^|[\s(（【\[|｜丨·•,，;；》])(文字|文|作\s+者)\s*[:：|｜丨/／]` +
		`|((?:见习|实习|特约|首席)?记者|(?:职工)?通讯员|实习生|评论员)\s*[:：|｜丨]?` +
		`|(摄影|摄像)(?:\s*[:：|｜丨/／】\]]|\s)|(图片|图)\s*[:：|｜丨/／】\]]` +
		`|(校对|审校|监制|统筹|策划|主编|出品)(?:\s*[:：|｜丨/／]|\s)` +
		`|(头图|题图|配图|封面图|图片来源|图源|制图|设计|翻译|发布时间|发布日期|发表时间|更新时间|发布|时间|日期|浏览次数|阅读次数|访问次数|点击数|点击量|阅读量|浏览|阅读|点击|字号)\s*[:：|｜丨/／]` +
		`|(?:^|[\s(（【\[|｜丨·•,，;；》])(原创)\s*[:：]` +
		// WeChat's header without the colon: "原创 kingname 未闻Code".
		`|^(原创)\s`)

// labelRoles are the roles of rxCreditLabel's groups, in order.
var labelRoles = []int{roleNone, roleSource, roleEditor, roleAuthor, roleAuthor, roleAuthor, rolePhoto, rolePhoto, roleNone, roleNone, roleOriginal, roleOriginalBare}

// reporterGroup is rxCreditLabel's group of 记者 and 通讯员, which may
// follow their outlet without a space.
const reporterGroup = 6

// rxNameEnd ends a credit's value: brackets, sentence punctuation, quotes,
// the place reported from after a slash ("記者王小明／台北報導", as Taiwan's
// papers sign), or a date or number.
var rxNameEnd = regexp.MustCompile(`[()（）【】\[\]<>《》「」“”"。，；！？：:|｜丨]|[/／]\s*\p{Han}{1,8}(?:报道|報導)|\d{2,}[-/.年月:]`)

// rxDispatch is a reporter's name run into the dispatch's place and day,
// as Taiwan's Central News Agency signs ("中央社記者王小明台北7日電"): the
// place is taken as two characters, the name as the shortest before it.
var rxDispatch = regexp.MustCompile(`^\s*(\p{Han}{2,3}?)\p{Han}{2}\d{1,2}日[电電]`)

// rxRoleNoun ends a description of who the person is ("专栏作者").
var rxRoleNoun = regexp.MustCompile(`(?:作者|记者|通讯员|编辑)\s+`)

// rxStaffCode is a staff code after an editor's name ("杨倩_NF4425", "韩保林 PK155").
var rxStaffCode = regexp.MustCompile(`[_\s]*[A-Za-z]{1,4}\d{2,}\s*$`)

// roleWords follow a name to say what the person did ("陈智 整合"); they
// are not names. roleSuffixes are also written without a space
// ("路闻卓立编译").
var (
	roleWords    = []string{"编译", "整理", "整合", "报道", "综合", "供稿", "发自", "执笔", "采写"}
	roleSuffixes = []string{"编译", "整理"}
)

// nonNames are values of byline labels that name no one.
var nonNames = map[string]bool{
	"未知": true, "佚名": true, "不详": true, "匿名": true, "网络": true, "网络整理": true, "网友": true, "本站": true, "本网": true,
	"原创": true, "本站原创": true, "转载": true, "综合": true, "整理": true, "编辑": true, "小编": true, "管理员": true,
	"系统管理员": true, "admin": true, "administrator": true, "编辑部": true, "记者": true, "作者": true, "整合": true,
	// Page furniture that may sit where an account's name does.
	"正文": true, "返回": true, "首页": true, "分享": true, "收藏": true, "评论": true, "关注": true, "打印": true,
	"字号": true, "专栏": true, "推荐": true, "热门": true, "更多": true, "阅读": true, "举报": true, "站内": true, "资讯": true,
	// Buttons beside an "编辑" (edit) button: "编辑 锁定 讨论" on an
	// encyclopedia page (baike.baidu.com in trafilatura's comparison set).
	"锁定": true, "讨论": true, "删除": true, "修改": true, "回复": true, "登录": true, "注册": true, "下载": true,
	"投诉": true, "纠错": true, "历史版本": true, "上传视频": true,
	// Labels whose colon a page left out ("发布日期 2012-06-24", "来源 |
	// 发布时间 2018-05-17"): the next label, not a name (init adds the
	// date labels).
	"来源": true, "发布": true,
	// A forum's tag for the first post, beside its writer's name.
	"楼主": true,
}

func init() {
	for _, l := range strings.Split(dateLabels, "|") {
		nonNames[l] = true
	}
}

// outletSuffixes end the names of outlets and organisations, which are
// sources, not people.
var outletSuffixes = []string{"网", "站", "讯", "报", "社", "台", "刊", "杂志", "新闻", "消息", "资讯", "传媒", "媒体", "频道", "中心", "公司",
	"集团", "编辑部", "工作室", "办公室", "研究院", "研究所", "委员会", "党支部", "政府", "办事处", "客户端", "APP", "App", "app",
	"贡献者", "Team",
	// Departments that supply a university's or government's text ("供稿：化学学院").
	"学院", "大学", "学校", "医院", "部", "处", "局", "厅", "协会", "学会", "办", "team", ".com", ".cn", ".net", ".org", "观察", "财经", "科技频道", "之声", "在线", "日报", "晚报", "时报", "周刊"}

// looksLikeOutlet reports a name that reads as an outlet or organisation.
func looksLikeOutlet(name string) bool {
	for _, s := range outletSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// creditName cleans one name from a credit and reports whether it can be a
// person: no digits, no symbols (■该作者文章, Discuz! Team), not a word
// that names no one, not an outlet, and short.
func creditName(s string) (string, bool) {
	s = rxStaffCode.ReplaceAllString(strings.TrimSpace(s), "")
	for _, w := range roleSuffixes {
		if n, ok := strings.CutSuffix(s, w); ok && n != "" {
			s = strings.TrimSpace(n)
		}
	}
	s = strings.Trim(s, " ·•-_")
	if s == "" || nonNames[strings.ToLower(s)] || looksLikeOutlet(s) || strings.HasPrefix(s, "作者") {
		return "", false
	}
	cjk, latin := 0, 0
	for _, r := range s {
		switch {
		case text.IsCJK(r):
			cjk++
		case unicode.IsLetter(r):
			latin++
		case r == ' ' || r == '·' || r == '.' || r == '-' || r == '\'':
		default:
			return "", false // digits, symbols, punctuation
		}
	}
	switch {
	case cjk > 0 && latin > 0 && cjk+latin > 8:
		return "", false // an account may be "IT之家"; more is prose
	case cjk > 0 && latin == 0 && (cjk < 2 || cjk > 8):
		return "", false
	case latin > 0 && (utf8.RuneCountInString(s) > 30 || len(strings.Fields(s)) > 3):
		return "", false
	}
	return s, true
}

// splitCreditNames splits a credit's value into names: at 、，,&;/ and, for
// Chinese names, at spaces ("段彦超 廖艳"); Latin names keep their spaces
// ("Demi Xia"). ok is false when any part is not a name: the value was
// prose, not a list of names.
func splitCreditNames(v string) (names []string, ok bool) {
	// Names may be split by slashes ("张三/李四"); an outlet after a slash
	// is the writer's ("石佳/中国青年报").
	slashed := strings.FieldsFunc(v, func(r rune) bool { return r == '/' || r == '／' })
	for i := len(slashed) - 1; i > 0; i-- {
		if looksLikeOutlet(strings.TrimSpace(slashed[i])) {
			slashed = slices.Delete(slashed, i, i+1)
		}
	}
	v = strings.Join(slashed, "、")
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune("、，,&＆;；", r) }) {
		var pieces []string
		if hasCJK(part) {
			pieces = strings.Fields(part)
		} else {
			pieces = []string{part}
		}
		for _, p := range pieces {
			if rxStaffCode.MatchString(" "+p) && strings.TrimSpace(rxStaffCode.ReplaceAllString(" "+p, "")) == "" {
				continue // a staff code on its own ("PK155")
			}
			if slices.Contains(roleWords, p) {
				continue
			}
			n, good := creditName(p)
			if !good {
				return names, false
			}
			names = appendUnique(names, n)
		}
	}
	return names, len(names) > 0
}

func hasCJK(s string) bool {
	for _, r := range s {
		if text.IsCJK(r) {
			return true
		}
	}
	return false
}

// creditLineMaxRunes bounds a line read as a credit: a longer line is prose
// that happens to hold a label ("记者注意到，...").
const creditLineMaxRunes = 60

// readLine reads the labelled credits on one short line into c: editors
// are added, writers only when c has none yet, the first source is kept.
func (c *credits) readLine(line string) {
	line = simplifyLabels(text.CollapseSpace(line))
	if line == "" || utf8.RuneCountInString(line) > creditLineMaxRunes || isProse(line) {
		return
	}
	// The first line that names writers names them all.
	hadAuthors := len(c.authors) > 0
	ms := rxCreditLabel.FindAllStringSubmatchIndex(line, -1)
	for i, m := range ms {
		role := roleNone
		for g, r := range labelRoles {
			if m[2*(g+1)] >= 0 {
				role = r
			}
		}
		end := len(line)
		if i+1 < len(ms) {
			end = ms[i+1][0]
		}
		v := line[m[1]:end]
		if i+1 < len(ms) && ms[i+1][2*reporterGroup] >= 0 && !strings.HasSuffix(v, " ") {
			continue // the reporter's outlet: "采写：南都见习记者 林子沛"
		}
		if k := rxRoleNoun.FindAllStringIndex(v, -1); k != nil {
			v = v[k[len(k)-1][1]:] // "观察者网专栏作者 王文"
		}
		if d := rxDispatch.FindStringSubmatch(v); d != nil {
			v = d[1] // "中央社記者王小明台北7日電"
		}
		if m := rxSitePaper.FindString(v); role == roleSource && m != "" {
			v = m // "人民网-《人民日报》": setSource keeps the paper when the site is the host
		} else if loc := rxNameEnd.FindStringIndex(v); loc != nil {
			v = v[:loc[0]]
		}
		if strings.HasSuffix(strings.TrimSpace(v), "摄") {
			continue // a photographer: "通讯员刘娟 摄"
		}
		switch role {
		case roleSource:
			name := strings.Trim(strings.TrimSpace(v), "·•-_")
			if f := strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '、' }); len(f) > 0 {
				name = f[0] // the first of several outlets
			}
			if c.source == "" && name != "" && !vagueSources[name] && !nonNames[name] && utf8.RuneCountInString(name) <= cueMaxValueLen/2 {
				c.source = name
			}
		case roleOriginal:
			c.readOriginal(v, hadAuthors)
		case roleOriginalBare:
			// On WeChat's own page the account is the host, not a source.
			if f := strings.Fields(v); len(f) >= 2 {
				if names, ok := splitCreditNames(strings.Join(f[:len(f)-1], " ")); ok && !hadAuthors {
					c.authors = appendUnique(c.authors, names...)
				}
			}
		case rolePhoto:
			if names, ok := splitCreditNames(v); ok {
				c.photos = appendUnique(c.photos, names...)
			}
		case roleAuthor, roleEditor:
			// A value with a part that names no one is a bar of words,
			// not a list of names.
			names, ok := splitCreditNames(v)
			if !ok {
				break
			}
			if role == roleAuthor {
				if !hadAuthors {
					c.authors = appendUnique(c.authors, names...)
				}
			} else {
				c.editors = appendUnique(c.editors, names...)
			}
		}
	}
}

// readOriginal reads a WeChat header's credit, v after "原创：": the
// writers, then the account when there are two parts or more.
func (c *credits) readOriginal(v string, hadAuthors bool) {
	f := strings.Fields(v)
	account := ""
	if len(f) >= 2 {
		account, f = f[len(f)-1], f[:len(f)-1]
	}
	names, ok := splitCreditNames(strings.Join(f, " "))
	if !ok {
		return
	}
	if !hadAuthors {
		c.authors = appendUnique(c.authors, names...)
	}
	if c.source == "" && account != "" && !vagueSources[account] {
		c.source = account
	}
}

// rxBracketed finds bracketed asides, where first paragraphs credit their
// reporters: 新华社北京2月13日电（记者 X）, 本报讯（记者 X 通讯员 Y）,
// 【文/观察者网专栏作者 王文】.
var rxBracketed = regexp.MustCompile(`[（(【\[]([^（()）【】\[\]]{2,40})[）)】\]]`)

// readBrackets reads the credits in the bracketed asides that open or
// close a paragraph: "（记者 X）" after the dateline, "(文/图 X)" after the
// last sentence.
func (c *credits) readBrackets(para string) {
	head, tail := para, ""
	if utf8.RuneCountInString(para) > 2*bracketScanRunes {
		head = headRunes(para, bracketScanRunes)
		tail = para[len(para)-len(tailBytes(para, bracketScanRunes)):]
	}
	for _, part := range []string{head, tail} {
		for _, m := range rxBracketed.FindAllStringSubmatch(part, 3) {
			c.readLine(m[1])
		}
	}
}

// bracketScanRunes is how far into a paragraph, from either end, credits
// in brackets are looked for.
const bracketScanRunes = 200

// tailBytes is the end of s holding its last n code points.
func tailBytes(s string, n int) string {
	i := len(s)
	for ; i > 0 && n > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// headRunes is s up to its first n code points.
func headRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// traditionalLabels are the credit and date labels of traditional-Chinese
// pages (Taiwan and Hong Kong: "記者王小明／台北報導", "責任編輯：", "發布時間：",
// "更新時間："), each with the simplified label the rules read. Longer
// labels come first: a replacer tries its pairs in order.
var traditionalLabels = strings.NewReplacer(
	"責任編輯", "责任编辑", "責編", "责编", "編輯於", "编辑于", "編審", "编审", "編輯", "编辑", "編譯", "编译",
	"審核", "审核", "審稿", "审稿", "來源於", "来源于", "來源", "来源", "出處", "出处",
	"記者", "记者", "通訊員", "通讯员", "實習生", "实习生", "評論員", "评论员", "執筆", "执笔", "採寫", "采写",
	"攝影", "摄影", "攝像", "摄像", "圖片", "图片", "圖／", "图／", "圖/", "图/", "圖：", "图：", "／圖", "／图", "/圖", "/图",
	"發布時間", "发布时间", "發佈時間", "发布时间", "發表時間", "发表时间", "更新時間", "更新时间", "發稿時間", "发稿时间",
	"發布日期", "发布日期", "發佈日期", "发布日期", "發表於", "发表于", "發布於", "发布于", "發佈於", "发布于", "更新於", "更新于",
	"時間", "时间", "報導", "报道", "報道", "报道", "綜合", "综合", "樓主", "楼主",
)

// simplifyLabels writes the traditional credit and date labels in s in
// simplified characters; names and other words stay as written.
func simplifyLabels(s string) string { return traditionalLabels.Replace(s) }

// namesOutlet reports a name made of parts of which one is an outlet: a
// portal's template puts "澎湃新闻-The Paper" in <meta name="author">. A
// part that is only the site's name is not enough: a blog's name may be its
// writer's ("史蒂文的家_藍天 (stevenhgm)" on Mozilla's pixnet page).
func namesOutlet(name string) bool {
	for _, p := range strings.FieldsFunc(name, func(r rune) bool { return strings.ContainsRune("-_|｜–—", r) }) {
		if p = strings.TrimSpace(p); p != "" && p != name && looksLikeOutlet(p) {
			return true
		}
	}
	return false
}
