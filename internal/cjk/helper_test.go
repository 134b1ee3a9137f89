package cjk

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
)

// caseFile is one numbered case of a goldmark-style case file:
//
//	12: optional description
//	//- - - - - - - - -//
//	markdown
//	//- - - - - - - - -//
//	expected HTML
//	//= = = = = = = = = = = = = = = = = = = = = = = =//
type testCase struct {
	File        string
	Line        int
	No          int
	Description string
	Markdown    string
	Expected    string
}

const (
	partSeparator = "//- - - - - - - - -//"
)

func isCaseSeparator(s string) bool {
	return strings.HasPrefix(s, "//=") && strings.HasSuffix(s, "=//")
}

// readCases parses a case file.
func readCases(t testing.TB, path string) []testCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return sc.Text(), true
	}
	var cases []testCase
	for {
		header, ok := next()
		if !ok {
			break
		}
		if strings.TrimSpace(header) == "" {
			continue
		}
		c := testCase{File: filepath.Base(path), Line: line}
		num, desc, _ := strings.Cut(header, ":")
		c.No, err = strconv.Atoi(strings.TrimSpace(num))
		if err != nil {
			t.Fatalf("%s:%d: bad case header %q", path, line, header)
		}
		c.Description = strings.TrimSpace(desc)
		if s, _ := next(); s != partSeparator {
			t.Fatalf("%s:%d: want %q after the case header", path, line, partSeparator)
		}
		var md, want []string
		closed := false
		for s, ok := next(); ok; s, ok = next() {
			if s == partSeparator {
				closed = true
				break
			}
			md = append(md, s)
		}
		if !closed {
			t.Fatalf("%s:%d: case %d has no expected output", path, c.Line, c.No)
		}
		closed = false
		for s, ok := next(); ok; s, ok = next() {
			if isCaseSeparator(s) {
				closed = true
				break
			}
			want = append(want, s)
		}
		if !closed {
			t.Fatalf("%s:%d: case %d is not terminated", path, c.Line, c.No)
		}
		c.Markdown = strings.Join(md, "\n") + "\n"
		c.Expected = strings.Join(want, "\n") + "\n"
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// runCases converts every case with md and compares the trimmed output.
func runCases(t *testing.T, md goldmark.Markdown, cases []testCase) {
	t.Helper()
	seen := map[int]bool{}
	for _, c := range cases {
		if seen[c.No] {
			t.Errorf("%s:%d: duplicate case number %d", c.File, c.Line, c.No)
		}
		seen[c.No] = true
		t.Run(fmt.Sprintf("%s/%d", strings.TrimSuffix(c.File, ".txt"), c.No), func(t *testing.T) {
			got := convert(t, md, c.Markdown)
			if strings.TrimSpace(got) != strings.TrimSpace(c.Expected) {
				t.Errorf("%s:%d case %d %s\nmarkdown:\n%s\nwant:\n%s\ngot:\n%s",
					c.File, c.Line, c.No, c.Description, c.Markdown, c.Expected, got)
			}
		})
	}
}

func convert(t testing.TB, md goldmark.Markdown, src string) string {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		t.Fatalf("convert %q: %v", src, err)
	}
	return buf.String()
}

// The goldmark configurations the tests compare: qingdan's stack with and
// without the extension, and plain CommonMark with and without it.
func siteMarkdown(exts ...goldmark.Extender) goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(
		append([]goldmark.Extender{extension.GFM, extension.Footnote, extension.CJK}, exts...)...))
}

func commonMark(exts ...goldmark.Extender) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithRendererOptions(html.WithXHTML(), html.WithUnsafe()),
		goldmark.WithExtensions(exts...))
}

var (
	goldmarkDirOnce sync.Once
	goldmarkDir     string
	goldmarkDirErr  error
)

// goldmarkModuleDir locates goldmark's module directory, whose test data the
// regression tests reuse.
func goldmarkModuleDir(t testing.TB) string {
	t.Helper()
	goldmarkDirOnce.Do(func() {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
		if err != nil {
			goldmarkDirErr = fmt.Errorf("go list goldmark: %v", err)
			return
		}
		goldmarkDir = strings.TrimSpace(string(out))
		if goldmarkDir == "" {
			goldmarkDirErr = fmt.Errorf("go list goldmark: module directory unknown (not downloaded?)")
		}
	})
	if goldmarkDirErr != nil {
		t.Fatal(goldmarkDirErr)
	}
	return goldmarkDir
}

func unsafeHTML() renderer.Option { return html.WithUnsafe() }
