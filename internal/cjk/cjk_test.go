package cjk

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/testutil"
)

// TestCases runs testdata/*.txt through qingdan's goldmark stack with the
// extension.
func TestCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no case files in testdata")
	}
	md := siteMarkdown(Extension)
	for _, f := range files {
		runCases(t, md, readCases(t, f))
	}
}

// TestCasesNeedTheExtension checks that every CJK case file case would fail
// without the extension where it claims to fix something: at least the
// examples of the brief must differ from plain goldmark.
func TestCasesNeedTheExtension(t *testing.T) {
	base := siteMarkdown()
	md := siteMarkdown(Extension)
	for _, src := range []string{
		"这是**“重要”**内容",
		"**重点：**后面",
		"**（注）**说明",
		"**我们。**你们",
		"~~“旧说法”~~新说法",
		"详见https://example.org/a?b=1了解更多",
		"网址：https://example.org，欢迎",
	} {
		if convert(t, base, src) == convert(t, md, src) {
			t.Errorf("%q: goldmark already renders it the same without the extension", src)
		}
	}
}

type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

func loadSpec(t *testing.T) []specExample {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(goldmarkModuleDir(t), "_test", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []specExample
	if err := json.Unmarshal(b, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) < 600 {
		t.Fatalf("spec.json has only %d examples", len(examples))
	}
	return examples
}

// TestCommonMarkEmphasis runs the CommonMark spec's emphasis examples (from
// goldmark's test data) through goldmark with the extension: every one must
// render as the spec says, exactly as goldmark without the extension does.
func TestCommonMarkEmphasis(t *testing.T) {
	base := commonMark()
	md := commonMark(Extension)
	n := 0
	for _, ex := range loadSpec(t) {
		if ex.Section != "Emphasis and strong emphasis" {
			continue
		}
		n++
		got := convert(t, md, ex.Markdown)
		if want := convert(t, base, ex.Markdown); got != want {
			t.Errorf("example %d %q:\nwithout extension: %q\nwith extension:    %q", ex.Example, ex.Markdown, want, got)
		}
		if got != ex.HTML {
			t.Errorf("example %d %q:\nspec: %q\ngot:  %q", ex.Example, ex.Markdown, ex.HTML, got)
		}
	}
	if n < 100 {
		t.Fatalf("only %d emphasis examples found", n)
	}
}

// TestCommonMarkSpecUnchanged runs every CommonMark spec example through
// plain goldmark and through qingdan's stack, each with and without the
// extension: the outputs must be identical.
func TestCommonMarkSpecUnchanged(t *testing.T) {
	pairs := []struct {
		name     string
		base, md goldmark.Markdown
	}{
		{"commonmark", commonMark(), commonMark(Extension)},
		{"site", siteMarkdown(), siteMarkdown(Extension)},
	}
	for _, ex := range loadSpec(t) {
		for _, p := range pairs {
			want := convert(t, p.base, ex.Markdown)
			if got := convert(t, p.md, ex.Markdown); got != want {
				t.Errorf("%s: example %d (%s) %q:\nwithout extension: %q\nwith extension:    %q",
					p.name, ex.Example, ex.Section, ex.Markdown, want, got)
			}
		}
	}
}

// TestGoldmarkCaseFiles runs goldmark's own case files for the features the
// extension touches, with the extension added to the configuration goldmark
// tests them with.
func TestGoldmarkCaseFiles(t *testing.T) {
	dir := goldmarkModuleDir(t)
	for _, c := range []struct {
		file string
		md   goldmark.Markdown
	}{
		{"_test/extra.txt", commonMark(Extension)},
		{"extension/_test/strikethrough.txt", goldmark.New(
			goldmark.WithRendererOptions(unsafeHTML()),
			goldmark.WithExtensions(extension.Strikethrough, New(WithoutLinkify())))},
		{"extension/_test/linkify.txt", goldmark.New(
			goldmark.WithRendererOptions(unsafeHTML()),
			goldmark.WithExtensions(extension.Linkify, New(WithoutStrikethrough())))},
	} {
		t.Run(c.file, func(t *testing.T) {
			testutil.DoTestCaseFile(c.md, filepath.Join(dir, filepath.FromSlash(c.file)), t)
		})
	}
}
