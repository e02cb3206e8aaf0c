#!/usr/bin/env bash
# Installs Margin for the current user (no root): the binary in ~/.local/bin,
# the desktop entry (with "Open with Margin" for saved web pages), the icon in
# the hicolor theme and the AppStream metainfo under ~/.local/share.
#   scripts/install.sh install BINARY
#   scripts/install.sh uninstall
# PREFIX (default ~/.local) and DESTDIR move everything, for packaging and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${PREFIX:-$HOME/.local}
root=${DESTDIR:-}
bindir=$root$prefix/bin
share=$root$prefix/share
id=app.margin.reader
files=(
	"$bindir/margin"
	"$share/applications/$id.desktop"
	"$share/icons/hicolor/256x256/apps/$id.png"
	"$share/metainfo/$id.metainfo.xml"
)

refresh() {
	# Menus and file managers pick the entry up without a new login.
	command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" 2>/dev/null || true
	command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
}

case ${1:-} in
install)
	bin=${2:?usage: install.sh install BINARY}
	install -D -m 755 "$bin" "$bindir/margin"
	install -d "$share/applications"
	sed "s|@BIN@|$prefix/bin/margin|g" "assets/$id.desktop" >"$share/applications/$id.desktop.tmp"
	mv "$share/applications/$id.desktop.tmp" "$share/applications/$id.desktop"
	install -D -m 644 assets/icon.png "$share/icons/hicolor/256x256/apps/$id.png"
	install -D -m 644 "assets/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
	refresh
	echo "Installed Margin: $prefix/bin/margin and its menu entry."
	case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "Add $prefix/bin to your PATH to run margin from a terminal." ;; esac
	;;
uninstall)
	rm -f "${files[@]}"
	refresh
	echo "Removed Margin's program and menu entry. Your library is kept (margin's data folder)."
	;;
*)
	echo "usage: $0 install BINARY | uninstall" >&2
	exit 2
	;;
esac
