#!/usr/bin/env bash
# screenshots.sh: PNGs of the real Margin binary under Xvfb, in screenshots/.
#
# It builds bin/margin, builds a library in a temporary folder from the
# fixtures with the CLI (the Chinese seed article with three highlights, notes
# and tags, and English Mozilla test pages from the go-readability module),
# then starts the app once per picture. MARGIN_SHOW (see app/startup.go) puts
# the window in each state without a mouse; FYNE_THEME picks light or dark.
# Fyne's preferences go to a temporary HOME, so yours are left alone.
#
# Needs: go, Xvfb, imagemagick (import), xwininfo, a CJK font (make deps).
set -euo pipefail
cd "$(dirname "$0")/.."

shared=../shared/fixtures
if [[ ! -d $shared/seed ]]; then
	echo "screenshots: $shared/seed is missing (the fixtures live in ../shared)" >&2
	exit 1
fi
pages="$(go list -m -f '{{.Dir}}' codeberg.org/readeck/go-readability/v2)/test-pages"

go build -tags migrated_fynedo -o bin/margin .

work=$(mktemp -d)
xvfb_pid=""
app_pid=""
cleanup() {
	[[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null || true
	[[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

lib=$work/library.db
margin() { bin/margin --library "$lib" "$@"; }
# id prints the "id" of the JSON object a command printed.
id() { sed -nE 's/.*"id": *([0-9]+).*/\1/p' | head -n1; }

echo "building the library in $lib"
seed=$(margin add "$shared/seed/huxiu-repost.utf8.html" --url https://www.hflfx.com/lxt/871423.html --json | id)
margin add "$pages/ars-1/source.html" --url https://arstechnica.com/security/2015/05/minecraft-exploit/ --tag security >/dev/null
margin add "$pages/bbc-1/source.html" --url https://www.bbc.co.uk/news/world-us-canada-33646476 --tag politics >/dev/null
english=$(margin add "$pages/guardian-1/source.html" --url https://www.theguardian.com/world/2015/nov/12/maori-whale-strandings --tag science --tag longform --json | id)
wiki=$(margin add "$pages/wikipedia/source.html" --url https://en.wikipedia.org/wiki/Mozilla --tag software --json | id)
margin add "$pages/medium-1/source.html" --url https://medium.com/@example/the-open-journalism-project >/dev/null
# A table of thirteen columns: wider than a small window, so it scrolls sideways.
cat >"$work/kunming.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A year of weather in Kunming, month by month</title></head>
<body><article>
<h1>A year of weather in Kunming, month by month</h1>
<p>Kunming sits on a plateau almost two kilometres above the sea, and its people call it the City of Eternal Spring: the winters are dry and mild, the summers wet and never hot. The table below gives the averages the city's observatory recorded over thirty years, one column for each month.</p>
<table>
<tr><th>Month</th><th>January</th><th>February</th><th>March</th><th>April</th><th>May</th><th>June</th><th>July</th><th>August</th><th>September</th><th>October</th><th>November</th><th>December</th></tr>
<tr><td>Mean high (°C)</td><td>15.6</td><td>17.8</td><td>21.2</td><td>24.1</td><td>25.0</td><td>24.6</td><td>24.3</td><td>24.4</td><td>23.0</td><td>20.6</td><td>17.7</td><td>15.3</td></tr>
<tr><td>Mean low (°C)</td><td>2.4</td><td>3.9</td><td>6.7</td><td>10.3</td><td>14.4</td><td>16.8</td><td>17.3</td><td>16.8</td><td>15.2</td><td>12.3</td><td>7.6</td><td>3.5</td></tr>
<tr><td>Rainfall (mm)</td><td>15.8</td><td>14.6</td><td>19.9</td><td>23.5</td><td>97.4</td><td>180.9</td><td>202.2</td><td>204.0</td><td>119.2</td><td>79.2</td><td>42.0</td><td>11.3</td></tr>
<tr><td>月平均气温</td><td>冬季干燥</td><td>风大</td><td>春暖</td><td>花开</td><td>雨季开始</td><td>多雨</td><td>多雨</td><td>多雨</td><td>秋高气爽</td><td>凉爽</td><td>晴朗</td><td>冬季干燥</td></tr>
<tr><td>Sunshine (hours)</td><td>238</td><td>231</td><td>262</td><td>257</td><td>221</td><td>135</td><td>125</td><td>145</td><td>133</td><td>146</td><td>183</td><td>215</td></tr>
</table>
<p>Two seasons, then, rather than four: a dry half of the year from November to April, with bright days and cold nights, and a wet half from May to October, when the monsoon brings almost nine tenths of the year's rain. The temperature hardly changes through the summer, which is why visitors from the lowlands come up to escape the heat.</p>
<p>The sunshine figures tell the same story from the other side. In the dry months the city has more than seven hours of sun a day; in July, barely four. Farmers around Dianchi Lake plant their rice with the first rains in late May and harvest in September, when the skies clear again.</p>
<p>Snow is rare, but not unknown: it falls on the city once every few years, usually in January, and rarely lies for more than a morning. The record low, −7.8 °C, was set in December 1983.</p>
</article></body></html>
HTML
table=$(margin add "$work/kunming.html" --url https://example.org/kunming-weather --json | id)

h1=$(margin highlight "$seed" --quote "OpenAI官网挂出的参与过ChatGPT的项目团队共87人" --color yellow --note "团队规模：87 人，平均 32 岁。" --json | id)
margin highlight "$seed" --quote "斯坦福大学" --color green --note "Stanford leads the list of schools." >/dev/null
margin highlight "$seed" --quote "如今已经是英国皇家学会院士" --color pink --note "Sutskever: FRS." >/dev/null
margin tag "$seed" ai 中文 fintech >/dev/null
margin note "$seed" "读后感：国内大模型的人才缺口 — worth a second read." >/dev/null
margin highlight "$english" --quote "whale strandings" --color blue --note "The central image of the piece." >/dev/null

# A free display number.
n=90
while [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 2560x1440x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$n"
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done

mkdir -p screenshots
# shot NAME THEME SHOW [LIBRARY]: run the app with MARGIN_SHOW=SHOW (on the
# fixture library unless LIBRARY is given) and capture the window: the screen
# cropped to the size SHOW gives it (1440x900 unless it says size=WxH).
shot() {
	local name=$1 theme=$2 show=$3 library=${4:-$lib} size
	size=$(sed -nE 's/.*size=([0-9]+x[0-9]+).*/\1/p' <<<"size=1440x900,$show")
	HOME=$work/home FYNE_THEME=$theme MARGIN_SHOW="size=1440x900,$show" bin/margin --library "$library" >"$work/$name.log" 2>&1 &
	app_pid=$!
	for _ in $(seq 100); do
		xwininfo -root -tree 2>/dev/null | grep -q 'Margin"' && break
		sleep 0.1
	done
	# An article shown puts its title in the window's ("… — Margin"); on a
	# busy machine that can take longer than the fixed pause below.
	if [[ $show == *article=* ]]; then
		for _ in $(seq 200); do
			xwininfo -root -tree 2>/dev/null | grep -q ' Margin"' && break
			sleep 0.1
		done
	fi
	sleep 3 # the list, the highlights and the dialogs load in the background
	import -window root -crop "$size+0+0" +repage "screenshots/$name.png"
	kill "$app_pid" 2>/dev/null || true
	wait "$app_pid" 2>/dev/null || true
	app_pid=""
	echo "screenshots/$name.png"
}

shot 1-library light "article=$english"
shot 2-reader-chinese light "article=$seed,notes=hide"
shot 3-notes-panel light "article=$seed,highlight=$h1"
shot 4-search light "search=斯坦福,article=$seed"
# Two clips that fail wait in the clip tray, with the reason, Retry and Dismiss.
shot 5-clip-tray light "article=$english,clip=http://127.0.0.1:9/annual-report.html,clip=$work/missing page.html"
shot 6-dark dark "article=$seed,highlight=$h1"
shot 7-reader-focused light "article=$english,notes=hide,focus=reader"
# A library that cannot be opened: the window that says why.
printf 'SQLite format 3\0 and then nothing a database has' >"$work/damaged.db"
shot 8-library-problem light "" "$work/damaged.db"
# The window from half a small screen to 4K: below 1,100 px the notes are a
# drawer (the Notes button), and the reader's toolbar wraps when it must.
shot 9-size-720x480 light "article=$english,size=720x480"
shot 9-drawer-720x480 light "article=$seed,highlight=$h1,size=720x480"
shot 10-size-1280x800 light "article=$seed,highlight=$h1,size=1280x800"
shot 11-size-2560x1440 light "article=$seed,highlight=$h1,size=2560x1440"
# F1 or Ctrl+/: every shortcut, from the table the menus and keys use.
shot 12-shortcuts light "article=$english,sheet=shortcuts"
# The reading settings (File > Settings, also in the View menu), and the
# reader set in serif, narrow and relaxed with them.
shot 13-settings light "article=$english,settings=show"
shot 14-serif-narrow light "article=$seed,notes=hide,font=serif,measure=narrow,spacing=relaxed"
# A table laid out as a grid (Wikipedia's infobox).
shot 15-table light "article=$wiki,notes=hide"
# A table wider than the window keeps its grid in a strip that scrolls
# sideways (the bar under it); the text around it keeps its measure.
shot 16-wide-table light "article=$table,notes=hide,position=0.2"
shot 16-wide-table-720x480 light "article=$table,size=720x480,position=0.3"
