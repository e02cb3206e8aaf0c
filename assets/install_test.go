// Package assets_test checks the files Margin installs for the desktop: the
// desktop entry, the icon and the AppStream metainfo, installed by
// scripts/install.sh (make install) into a temporary home and validated with
// the tools distributions use, and the browser connector's native messaging
// host manifests.
package assets_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// needTool finds a validator; without it the test skips on a developer's
// machine and fails in CI, where make deps installs it.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing: make deps installs it", name)
		}
		t.Skipf("%s is not installed (make deps installs it)", name)
	}
	return p
}

func TestInstallAndUninstall(t *testing.T) {
	validateDesktop := needTool(t, "desktop-file-validate")
	appstream := needTool(t, "appstreamcli")

	home := t.TempDir()
	bin := filepath.Join(t.TempDir(), "margin")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\necho margin\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("../scripts/install.sh", args...)
		// XDG_CONFIG_HOME too: the browsers' host manifests go under it.
		// PREFIX as a user's default: root's is /usr/local (TestInstallDefaults).
		cmd.Env = append(os.Environ(), "HOME="+home, "PREFIX="+filepath.Join(home, ".local"), "DESTDIR=", "XDG_CONFIG_HOME=")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("install.sh %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("install", bin)

	local := filepath.Join(home, ".local")
	desktop := filepath.Join(local, "share/applications/app.margin.reader.desktop")
	installed := []string{
		filepath.Join(local, "bin/margin"),
		desktop,
		filepath.Join(local, "share/icons/hicolor/256x256/apps/app.margin.reader.png"),
		filepath.Join(local, "share/metainfo/app.margin.reader.metainfo.xml"),
	}
	for _, p := range installed {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("not installed: %v", err)
		}
	}
	if fi, err := os.Stat(installed[0]); err == nil && fi.Mode()&0o111 == 0 {
		t.Errorf("%s is not executable", installed[0])
	}
	entry, err := os.ReadFile(desktop)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Exec=" + installed[0] + " %U", "MimeType=text/html;", "Icon=app.margin.reader"} {
		if !strings.Contains(string(entry), want) {
			t.Errorf("desktop entry lacks %q:\n%s", want, entry)
		}
	}
	if out, err := exec.Command(validateDesktop, desktop).CombinedOutput(); err != nil || strings.Contains(string(out), "error:") {
		t.Errorf("desktop-file-validate: %v\n%s", err, out)
	}
	if out, err := exec.Command(appstream, "validate", "--no-net", installed[3]).CombinedOutput(); err != nil {
		t.Errorf("appstreamcli validate: %v\n%s", err, out)
	}

	run("uninstall")
	for _, p := range installed {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there after uninstall (%v)", p, err)
		}
	}
}

// TestInstallRegistersNativeHost checks that make install registers the
// connector's native messaging host for Chromium, Google Chrome and Firefox,
// allowing exactly the connector in connector/manifest.json, and that the
// registered program runs the installed margin's native-host command.
func TestInstallRegistersNativeHost(t *testing.T) {
	home := t.TempDir()
	bin := filepath.Join(t.TempDir(), "margin")
	// A stand-in for margin that shows how it was called.
	if err := os.WriteFile(bin, []byte("#!/bin/sh\necho \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "HOME="+home, "PREFIX="+filepath.Join(home, ".local"), "DESTDIR=", "XDG_CONFIG_HOME=")
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("../scripts/install.sh", args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("install.sh %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("install", bin)

	chromiumID, firefoxID := connectorIDs(t)
	manifests := []struct {
		browser, path, allowKey, allowed string
	}{
		{"Chromium", ".config/chromium/NativeMessagingHosts", "allowed_origins", "chrome-extension://" + chromiumID + "/"},
		{"Google Chrome", ".config/google-chrome/NativeMessagingHosts", "allowed_origins", "chrome-extension://" + chromiumID + "/"},
		{"Firefox", ".mozilla/native-messaging-hosts", "allowed_extensions", firefoxID},
	}
	var hostPaths []string
	for _, m := range manifests {
		file := filepath.Join(home, m.path, "app.margin.reader.json")
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: %v", m.browser, err)
			continue
		}
		var got map[string]any
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Errorf("%s: %s is not JSON: %v\n%s", m.browser, file, err, raw)
			continue
		}
		if got["name"] != "app.margin.reader" || got["type"] != "stdio" {
			t.Errorf("%s: name %v, type %v", m.browser, got["name"], got["type"])
		}
		if allowed, _ := got[m.allowKey].([]any); len(allowed) != 1 || allowed[0] != m.allowed {
			t.Errorf("%s: %s = %v, want [%s]", m.browser, m.allowKey, got[m.allowKey], m.allowed)
		}
		path, _ := got["path"].(string)
		if !filepath.IsAbs(path) {
			t.Errorf("%s: path %q is not absolute (browsers require it on Linux)", m.browser, path)
		}
		hostPaths = append(hostPaths, path, file)
		// The browser starts the host with the caller's origin.
		out, err := exec.Command(path, m.allowed).Output()
		if err != nil {
			t.Errorf("%s: run %s: %v", m.browser, path, err)
		} else if got, want := string(out), "native-host "+m.allowed+"\n"; got != want {
			t.Errorf("%s: the host runs margin with %q, want %q", m.browser, got, want)
		}
	}

	run("uninstall")
	for _, p := range hostPaths {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there after uninstall (%v)", p, err)
		}
	}
}

// connectorIDs are the extension ids the host manifests must allow: the
// Chromium id derived from the manifest's public key, and the Firefox id.
func connectorIDs(t *testing.T) (chromium, firefox string) {
	t.Helper()
	raw, err := os.ReadFile("../connector/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Key      string `json:"key"`
		Settings struct {
			Gecko struct {
				ID string `json:"id"`
			} `json:"gecko"`
		} `json:"browser_specific_settings"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	der, err := base64.StdEncoding.DecodeString(m.Key)
	if err != nil {
		t.Fatalf("connector manifest key: %v", err)
	}
	sum := sha256.Sum256(der)
	var id strings.Builder
	for _, b := range sum[:16] {
		id.WriteByte('a' + b>>4)
		id.WriteByte('a' + b&0xf)
	}
	return id.String(), m.Settings.Gecko.ID
}

// TestInstallDefaults installs with no PREFIX into a staging DESTDIR: a
// user's install goes to ~/.local with the browser host in their profile
// folders, root's to /usr/local with the host in the system's, and the
// entry runs the binary where it will be, not where it was staged.
func TestInstallDefaults(t *testing.T) {
	validateDesktop := needTool(t, "desktop-file-validate")
	home, stage := t.TempDir(), t.TempDir()
	bin := filepath.Join(t.TempDir(), "margin")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	prefix, chromium, firefox := filepath.Join(home, ".local"),
		filepath.Join(home, ".config/chromium/NativeMessagingHosts"), filepath.Join(home, ".mozilla/native-messaging-hosts")
	if os.Geteuid() == 0 {
		prefix, chromium, firefox = "/usr/local", "/etc/chromium/native-messaging-hosts", "/usr/lib/mozilla/native-messaging-hosts"
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PREFIX=") {
			env = append(env, kv)
		}
	}
	env = append(env, "HOME="+home, "DESTDIR="+stage, "XDG_CONFIG_HOME=")
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("../scripts/install.sh", args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("install.sh %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("install", bin)
	desktop := filepath.Join(stage, prefix, "share/applications/app.margin.reader.desktop")
	for _, p := range []string{
		filepath.Join(stage, prefix, "bin/margin"), desktop,
		filepath.Join(stage, chromium, "app.margin.reader.json"), filepath.Join(stage, firefox, "app.margin.reader.json"),
	} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("not installed: %v", err)
		}
	}
	entry, err := os.ReadFile(desktop)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Exec=" + filepath.Join(prefix, "bin/margin") + " %U"; !strings.Contains(string(entry), want) {
		t.Errorf("desktop entry lacks %q:\n%s", want, entry)
	}
	if out, err := exec.Command(validateDesktop, desktop).CombinedOutput(); err != nil || strings.Contains(string(out), "error:") {
		t.Errorf("desktop-file-validate: %v\n%s", err, out)
	}
	run("uninstall")
	if left := listFiles(t, stage); len(left) > 0 {
		t.Errorf("uninstall left %q", left)
	}
}

// listFiles lists the files (not folders) under dir.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
