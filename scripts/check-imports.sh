#!/usr/bin/env bash
# The dependency rules of README's "Where things live", checked on the real
# import graph: main -> {app, cli} -> {export, queue -> {clip, storage}, importer}
# -> article, and internal/text beneath them all.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
fail=0
deps() { $GO list -deps "$@"; }
forbid() { # forbid WHAT PATTERN PKG...
	local what=$1 pattern=$2; shift 2
	local found
	found=$(deps "$@" | grep -E "$pattern" || true)
	if [ -n "$found" ]; then
		echo "import rule broken: $what:"; echo "$found" | sed 's/^/  /'; fail=1
	fi
}
forbid "article and internal/* (text, testlib) import none of clip, storage, export, cli, app" '^app\.margin/margin/(clip|storage|export|cli|app)(/|$)' ./article ./internal/...
forbid "article and internal/* import no extractor, sanitizer or decoder" '^(codeberg\.org/readeck|github\.com/(PuerkitoBio|microcosm-cc|andybalholm/brotli|gogs/chardet)|fyne\.io/)' ./article ./internal/...
forbid "storage and export never import clip or its parsers" '^(app\.margin/margin/clip$|codeberg\.org/readeck|github\.com/(PuerkitoBio/goquery|microcosm-cc/bluemonday|andybalholm/brotli|gogs/chardet))' ./storage ./export
forbid "clip imports neither storage nor export" '^app\.margin/margin/(storage|export)$' ./clip
forbid "storage does not import export" '^app\.margin/margin/export$' ./storage
forbid "clip, storage, export and cli must not import fyne" '^fyne\.io/' ./clip ./storage ./export ./cli ./article ./internal/...
forbid "app/reader knows nothing of the window, the clipper or the CLI" '^app\.margin/margin/(app|clip|cli|export)$' ./app/reader/...
forbid "importer imports neither storage, clip, export nor fyne: it only parses files into entries" '^(app\.margin/margin/(storage|clip|export|cli|app|queue)$|fyne\.io/)' ./importer
forbid "queue does not import fyne, export or the command line" '^(app\.margin/margin/(export|cli|app)$|fyne\.io/)' ./queue
forbid "only main.go may import fyne.io/fyne/v2/app" '^fyne\.io/fyne/v2/app$' $($GO list ./... | grep -v '^app\.margin/margin$')
exit $fail
