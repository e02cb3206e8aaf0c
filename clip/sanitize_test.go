package clip

import (
	"app.margin/margin/article"

	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	body0 := `<article><h1>Safe</h1>
<p onclick="steal()">First paragraph with a <a href="/rel/link" onmouseover="x()">relative link</a> and
<a href="javascript:alert(1)">a script link</a> and <a href="JaVaScRiPt:alert(2)">another</a>.</p>
<script>document.write("injected script text")</script>
<style>p { color: red } .injected-style {}</style>
<iframe src="https://evil.example.com/frame">iframe fallback</iframe>
<form action="/post"><input name="q" value="form value"><button>Press</button></form>
<p style="color:red" class="x" id="y">Styled <img src="../img/a.png" alt="relative image" onerror="boom()"></p>
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/lazy.jpg" alt="lazy"></p>
<p><img src="/img/placeholder.gif" data-original="/img/real.jpg" alt="placeholder"></p>
<p><img srcset="/img/s.jpg 320w, /img/l.jpg 1280w, /img/m.jpg 640w" alt="srcset"></p>
<p><a href="//cdn.example.com/file.pdf">protocol-relative</a> <a href="mailto:a@example.com">mail</a> <a href="file:///etc/passwd">file</a></p>
` + body + `</article>`
	a := mustParse(t, page("<title>Safe</title>", body0), "https://www.example.com/dir/page.html")
	h := a.ContentHTML
	for _, bad := range []string{"<script", "injected script text", "<style", "injected-style", "<iframe", "iframe fallback",
		"<form", "<input", "form value", "onclick", "onmouseover", "onerror", "javascript:", "JaVaScRiPt", "style=", "class=", "id=", "file://", "data:image"} {
		if strings.Contains(h, bad) || strings.Contains(a.Text, bad) {
			t.Errorf("sanitized content still holds %q", bad)
		}
	}
	for _, good := range []string{
		`href="https://www.example.com/rel/link"`,
		`src="https://www.example.com/img/a.png"`,
		`src="https://www.example.com/img/lazy.jpg"`,
		`src="https://www.example.com/img/real.jpg"`,
		`src="https://www.example.com/img/l.jpg"`,
		`href="https://cdn.example.com/file.pdf"`,
		`href="mailto:a@example.com"`,
	} {
		if !strings.Contains(h, good) {
			t.Errorf("sanitized content lacks %s", good)
		}
	}
	if !strings.Contains(a.Text, "a script link") {
		t.Error("the text of a javascript: link was lost with its link")
	}
	for _, b := range article.Blocks(h) {
		for _, s := range b.Spans {
			if s.Style == article.Link && !strings.HasPrefix(s.URL, "http") && !strings.HasPrefix(s.URL, "mailto:") {
				t.Errorf("link span with URL %q", s.URL)
			}
		}
	}
}

// TestBoilerplate checks the generic clean-up rules on blocks inside the
// extracted article, while prose that mentions the same words stays.
func TestBoilerplate(t *testing.T) {
	content := `<div class="article"><h1>标题文字</h1>` + zhBody + `
<p>网友们纷纷点赞，也有人选择收藏这篇文章并分享给朋友，这说明文章很受欢迎，评论区也很热闹。</p>
<div class="bar"><span>0</span><span>点赞</span><span>打赏</span><span>收藏</span></div>
<div><span>分享到：</span><a href="#">微博</a><a href="#">微信</a><a href="#">QQ</a></div>
<p>免责声明：本文仅代表作者个人观点，与本站无关。</p>
<p>版权声明：转载请注明出处。</p>
<p>声明：本站部分内容来自网络。</p>
<p><a href="https://beian.miit.gov.cn/">京ICP备12345678号-1</a></p>
<p>登录后查看更多精彩内容</p>
<p>发表评论</p>
<div class="share-box"><a href="#">Share Tweet Email</a></div>
<h3>相关阅读</h3><ul><li><a href="/a">另一篇文章</a></li><li><a href="/b">第三篇文章</a></li></ul>
<h4>相关日志</h4><ul class="st-related-posts"><li><a href="/528.html">邵晓锋 警界英豪执印支付宝</a> (4)</li></ul>
<div class="author-box">关于作者 张三 文章12 粉丝3</div>
<div class="copyRight"><p>“特别声明：以上作品内容(包括在内的视频、图片或音频)为凤凰网旗下自媒体平台“大风号”用户上传并发布，本平台仅提供信息存储空间服务。</p>
<p>Notice: The content above (including the videos, pictures and audios if any) is uploaded and posted by the user of Dafeng Hao, which is a social media platform and merely provides information storage space services.”</p></div>
<p>Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of NetEase Hao, which is a social media platform and only provides information storage services.</p>
</div>`
	a := mustParse(t, page(`<meta charset="utf-8"><title>标题文字</title>`, content), "https://www.example.cn/a.html")
	for _, gone := range []string{"点赞打赏", "打赏", "分享到", "免责声明", "版权声明", "声明：本站", "ICP备", "登录后", "发表评论",
		"Share Tweet", "相关阅读", "另一篇文章", "关于作者", "特别声明", "大风号", "Notice:", "相关日志", "警界英豪"} {
		if strings.Contains(a.Text, gone) {
			t.Errorf("boilerplate %q survived", gone)
		}
	}
	if !strings.Contains(a.Text, "网友们纷纷点赞，也有人选择收藏这篇文章并分享给朋友") {
		t.Error("a sentence that mentions 点赞/收藏/分享 was removed")
	}
	if !strings.Contains(a.Text, "构筑了一定的技术壁垒") {
		t.Error("article text lost")
	}
}

func TestNotReadable(t *testing.T) {
	a := mustParse(t, page("<title>Login</title>", `<nav><a href="/">Home</a></nav><div><p>Please enter your password.</p></div>`), "https://example.com/login")
	if a.Readable {
		t.Error("a login page is marked readable")
	}
	if !strings.Contains(a.Text, "Please enter your password.") {
		t.Errorf("text = %q, want the best text found", a.Text)
	}
}
