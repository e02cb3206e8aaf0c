package testlib

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// EPUBCheck validates the book at path with epubcheck (the Debian package
// that make deps installs) and fails the test on any fatal error, error or
// warning it reports. Without epubcheck the test fails when CI=true and is
// skipped otherwise. epubcheck starts a JVM (seconds): validate a few books
// per test process, not one per case.
func EPUBCheck(tb testing.TB, path string) {
	tb.Helper()
	cmd, err := epubcheckCommand()
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("epubcheck is needed to validate %s and is not installed (%v): run make deps, which installs the Debian package epubcheck", filepath.Base(path), err)
		}
		tb.Skipf("epubcheck not installed (%v): run make deps to validate the EPUB", err)
	}
	report := filepath.Join(tb.TempDir(), "epubcheck.json")
	var out bytes.Buffer
	c := exec.Command(cmd[0], append(cmd[1:], path, "--json", report)...)
	c.Stdout, c.Stderr = &out, &out
	runErr := c.Run()
	b, err := os.ReadFile(report)
	if err != nil {
		tb.Fatalf("epubcheck %s wrote no report (%v): %s", filepath.Base(path), runErr, out.String())
	}
	var got struct {
		Messages []struct {
			ID        string `json:"ID"`
			Severity  string `json:"severity"`
			Message   string `json:"message"`
			Locations []struct {
				Path   string `json:"path"`
				Line   int    `json:"line"`
				Column int    `json:"column"`
			} `json:"locations"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		tb.Fatalf("epubcheck report for %s: %v", filepath.Base(path), err)
	}
	var problems []string
	for _, m := range got.Messages {
		switch m.Severity {
		case "FATAL", "ERROR", "WARNING":
			where := ""
			if len(m.Locations) > 0 {
				l := m.Locations[0]
				where = fmt.Sprintf(" at %s:%d:%d", l.Path, l.Line, l.Column)
			}
			problems = append(problems, fmt.Sprintf("%s %s%s: %s", m.Severity, m.ID, where, m.Message))
		}
	}
	if len(problems) > 0 {
		tb.Errorf("epubcheck %s: %d problems (want 0 errors, 0 warnings):\n%s", filepath.Base(path), len(problems), strings.Join(problems, "\n"))
	} else if runErr != nil {
		tb.Errorf("epubcheck %s failed: %v\n%s", filepath.Base(path), runErr, out.String())
	}
}

// epubcheckCommand is how to run epubcheck here. Debian installs it as an
// executable jar, which runs directly only where the kernel hands jars to
// Java (binfmt_misc, often missing in containers), so a jar is run with
// java -jar.
func epubcheckCommand() ([]string, error) {
	path, err := exec.LookPath("epubcheck")
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 4)
	if n, _ := f.Read(head); n == 4 && string(head[:2]) == "PK" {
		java, err := exec.LookPath("java")
		if err != nil {
			return nil, fmt.Errorf("epubcheck is a jar and java is missing: %w", err)
		}
		return []string{java, "-jar", path}, nil
	}
	return []string{path}, nil
}
