#!/usr/bin/env bash
# Installs Margin: the binary in PREFIX/bin, the desktop entry (with "Open with
# Margin" for saved web pages), the icon in the hicolor theme and the AppStream
# metainfo under PREFIX/share, and the native messaging host the browser
# connector talks to, registered for Chromium, Google Chrome and Firefox.
#   scripts/install.sh install BINARY
#   scripts/install.sh uninstall
# PREFIX is ~/.local for a user (no root needed) and /usr/local for root.
# Installed under the home folder, the browsers learn of the host in the
# user's profile folders; elsewhere, in the system's (/etc, /usr/lib).
# DESTDIR moves everything under a staging folder, for packaging and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -n ${PREFIX:-} ]]; then
	prefix=$PREFIX
elif [[ $(id -u) == 0 ]]; then
	prefix=/usr/local
else
	prefix=$HOME/.local
fi
root=${DESTDIR:-}
bindir=$root$prefix/bin
share=$root$prefix/share
id=app.margin.reader
# The connector's ids: Chromium derives its id from the public key in
# connector/manifest.json; Firefox takes the one the manifest names.
chromium_extension=mhcdhalaehmbdbocnefmbeiiopipfeog
firefox_extension=connector@margin.app
# Browsers start the host with arguments of their own (the caller's origin),
# so the manifests name a launcher that adds the command.
host=$root$prefix/lib/margin/margin-native-host
case $prefix/ in
"$HOME"/*)
	config=$root${XDG_CONFIG_HOME:-$HOME/.config}
	chromium_hosts=("$config/chromium/NativeMessagingHosts" "$config/google-chrome/NativeMessagingHosts")
	firefox_hosts=$root$HOME/.mozilla/native-messaging-hosts
	;;
*)
	chromium_hosts=("$root/etc/chromium/native-messaging-hosts" "$root/etc/opt/chrome/native-messaging-hosts")
	firefox_hosts=$root/usr/lib/mozilla/native-messaging-hosts
	;;
esac
files=(
	"$bindir/margin"
	"$share/applications/$id.desktop"
	"$share/icons/hicolor/256x256/apps/$id.png"
	"$share/metainfo/$id.metainfo.xml"
	"$host"
	"${chromium_hosts[0]}/$id.json"
	"${chromium_hosts[1]}/$id.json"
	"$firefox_hosts/$id.json"
)

# host_manifest ALLOWED_KEY ALLOWED_VALUE: a native messaging host manifest.
host_manifest() {
	cat <<JSON
{
  "name": "$id",
  "description": "Margin: clip pages from the browser into your reading library",
  "path": "$prefix/lib/margin/margin-native-host",
  "type": "stdio",
  "$1": ["$2"]
}
JSON
}

# write FILE: standard input to FILE, whole or not at all.
write() {
	install -d "$(dirname "$1")"
	cat >"$1.tmp"
	mv "$1.tmp" "$1"
}

refresh() {
	# Menus and file managers pick the entry up without a new login. A
	# staged install (DESTDIR) leaves the caches to the package's own.
	[[ -z $root ]] || return 0
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
	printf '#!/bin/sh\n# Browsers start this for the Margin Connector (native messaging).\nexec "%s" native-host "$@"\n' "$prefix/bin/margin" | write "$host"
	chmod 755 "$host"
	for dir in "${chromium_hosts[@]}"; do
		host_manifest allowed_origins "chrome-extension://$chromium_extension/" | write "$dir/$id.json"
	done
	host_manifest allowed_extensions "$firefox_extension" | write "$firefox_hosts/$id.json"
	refresh
	echo "Installed Margin: $root$prefix/bin/margin, its menu entry, and its browser connector host (Chromium, Google Chrome, Firefox)."
	case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "Add $prefix/bin to your PATH to run margin from a terminal." ;; esac
	;;
uninstall)
	rm -f "${files[@]}"
	# Folders left empty go too (rmdir never removes a browser's profile).
	for dir in "$(dirname "$host")" "${chromium_hosts[@]}" "$firefox_hosts"; do
		rmdir "$dir" "$(dirname "$dir")" 2>/dev/null || true
	done
	refresh
	echo "Removed Margin's program, menu entry and browser connector host. Your library is kept (margin's data folder)."
	;;
*)
	echo "usage: $0 install BINARY | uninstall" >&2
	exit 2
	;;
esac
