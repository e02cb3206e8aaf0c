// Package assets_test checks the files Margin installs for the desktop: the
// desktop entry, the icon and the AppStream metainfo, installed by
// scripts/install.sh (make install) into a temporary home and validated with
// the tools distributions use.
package assets_test

import (
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
		cmd.Env = append(os.Environ(), "HOME="+home, "PREFIX=", "DESTDIR=")
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
