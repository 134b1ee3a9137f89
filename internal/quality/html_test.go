package quality

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vnuJar is the Nu HTML Checker of the npm package vnu-jar, under the
// repository root; make build's npm ci puts it there.
const vnuJar = "node_modules/vnu-jar/build/dist/vnu.jar"

// invalidFixture is checked along with the site's pages: the checker must
// find its errors, or a silent checker would let every page pass.
const invalidFixture = "testdata/invalid.html"

// vnuMessage is one message of vnu's --format json output.
type vnuMessage struct {
	Type        string `json:"type"` // "error", "info" or "non-document-error"
	SubType     string `json:"subType"`
	URL         string `json:"url"`
	FirstLine   int    `json:"firstLine"`
	LastLine    int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

// TestHTMLValid runs the Nu HTML Checker once over every page of the demo
// build (the JVM is slow to start) and wants no error at all.
func TestHTMLValid(t *testing.T) {
	t.Parallel()
	java, jar := vnu(t)
	out := demo(t, false)
	var pages []string
	for _, f := range files(t, out) {
		if strings.HasSuffix(f, ".html") {
			pages = append(pages, f)
		}
	}
	fixture, err := filepath.Abs(invalidFixture)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json", fixture}, pages...)...)
	cmd.Dir = out // the pages are named relative to it: a short command line
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	runErr := cmd.Run() // exit status 1 when it found an error
	t.Logf("vnu checked %d pages in %v", len(pages), time.Since(start).Round(time.Millisecond))
	var res struct{ Messages []vnuMessage }
	if err := json.Unmarshal(stderr.Bytes(), &res); err != nil {
		t.Fatalf("java -jar %s: %v; its output is no JSON report (%v):\n%s%s", vnuJar, runErr, err, stdout.String(), stderr.String())
	}
	var fixtureErrors int
	var problems []string
	for _, m := range res.Messages {
		name := vnuFile(m.URL, out)
		if m.URL != "" && name == fixture {
			fixtureErrors++
			continue
		}
		if m.Type == "info" {
			continue // warnings, should --errors-only let one through
		}
		problems = append(problems, m.String(name))
	}
	if fixtureErrors == 0 {
		t.Errorf("vnu found no error in %s, which has several: is the checker working? (exit: %v)\n%s", invalidFixture, runErr, stderr.String())
	}
	if len(problems) == 0 && runErr != nil && fixtureErrors == 0 {
		t.Errorf("java -jar %s: %v", vnuJar, runErr)
	}
	report(t, "HTML errors", problems, 60)
}

// vnuFile turns a message's file: URL back into a path relative to the
// build folder, or an absolute path for a file outside it.
func vnuFile(raw, out string) string {
	p := strings.TrimPrefix(raw, "file:")
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	p = filepath.Clean(filepath.FromSlash(p))
	if rel, err := filepath.Rel(out, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return p
}

// String gives the message as name:line:col: message (extract).
func (m vnuMessage) String(name string) string {
	var b strings.Builder
	b.WriteString(name)
	if m.LastLine > 0 {
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		fmt.Fprintf(&b, ":%d", line)
		if m.FirstColumn > 0 {
			fmt.Fprintf(&b, ":%d", m.FirstColumn)
		}
	}
	b.WriteString(": ")
	if m.Type != "error" {
		b.WriteString(m.Type + ": ")
	}
	b.WriteString(m.Message)
	if x := strings.Join(strings.Fields(m.Extract), " "); x != "" {
		fmt.Fprintf(&b, " (near %q)", x)
	}
	return b.String()
}

// vnu returns the java command and the absolute path of vnu.jar. It skips
// the test when either is missing, unless CI=true: CI must run the check.
func vnu(t *testing.T) (java, jar string) {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s, and CI=true: the HTML check must run in CI", msg)
		}
		t.Skip(msg)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		missing("no java on PATH (Debian: apt-get install default-jre-headless)")
	}
	jar, err = filepath.Abs(filepath.Join(repoRoot, filepath.FromSlash(vnuJar)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(jar); err != nil {
		missing("no %s (make build runs npm ci, which installs it)", vnuJar)
	}
	return java, jar
}
