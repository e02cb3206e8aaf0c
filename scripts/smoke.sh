#!/usr/bin/env bash
# Smoke test of the built binary as a user meets it: the CLI on a real page,
# and the app's window under Xvfb (it must come up and stay up).
set -euo pipefail
bin=${1:-bin/margin}
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

"$bin" version
lib="$tmp/library.db"
seed=../shared/fixtures/seed/huxiu-repost.gbk.html
if [ -f "$seed" ]; then
	out=$("$bin" clip "$seed" --url https://www.hflfx.com/lxt/871423.html)
	grep -q '中国式ChatGPT“大跃进”' <<<"$out" || { echo "smoke: clip of the seed page lost its title"; exit 1; }
	"$bin" --library "$lib" add "$seed" --url https://www.hflfx.com/lxt/871423.html >/dev/null
else
	echo "smoke: ../shared/fixtures is missing, skipping the CLI clip check"
fi
# C.UTF-8 is many systems' default; Fyne once logged errors for it on every start.
if LANG=C.UTF-8 LANGUAGE= "$bin" clip "$tmp/missing.html" 2>"$tmp/err"; then
	echo "smoke: clipping a missing file succeeded"; exit 1
fi
grep -q 'no such file' "$tmp/err" || { echo "smoke: unclear error: $(cat "$tmp/err")"; exit 1; }
[ "$(wc -l <"$tmp/err")" = 1 ] || { echo "smoke: the error is not one line:"; cat "$tmp/err"; exit 1; }

display=":$((60 + RANDOM % 30))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
sleep 1
DISPLAY="$display" "$bin" --library "$lib" >"$tmp/app.log" 2>&1 &
app=$!
pids+=("$app")
for _ in $(seq 150); do
	DISPLAY="$display" xwininfo -root -tree 2>/dev/null | grep -q '"Margin"' && break
	kill -0 "$app" 2>/dev/null || { echo "smoke: the app exited early:"; cat "$tmp/app.log"; exit 1; }
	sleep 0.2
done
DISPLAY="$display" xwininfo -root -tree | grep -q '"Margin"' || { echo "smoke: no window titled Margin after 30 s"; exit 1; }
sleep 2 # let it draw the library
kill -0 "$app" 2>/dev/null || { echo "smoke: the app exited after showing its window:"; cat "$tmp/app.log"; exit 1; }
if grep -qE 'panic|Fyne error|fatal' "$tmp/app.log"; then
	echo "smoke: the app logged errors:"; cat "$tmp/app.log"; exit 1
fi
DISPLAY="$display" import -window root "$tmp/screen.png"
colours=$(convert "$tmp/screen.png" -format %k info:)
if [ "$colours" -lt 16 ]; then
	echo "smoke: the screen is nearly blank ($colours colours): no window drawn"; exit 1
fi
echo "smoke: CLI and app window ok ($colours colours on screen)"
