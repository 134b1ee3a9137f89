package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// exitCase is one command line run in process: its exit code and regexps
// its output must match ((?m) on when asked); an empty regexp wants no output.
type exitCase struct {
	args   []string
	code   int
	stdout string
	stderr string
}

func runExit(t *testing.T, tests []exitCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, &stdout, &stderr)
			}
			check := func(name, re string, got *bytes.Buffer) {
				if re == "" {
					if got.Len() > 0 {
						t.Errorf("%s not empty:\n%s", name, got)
					}
					return
				}
				if !regexp.MustCompile(re).Match(got.Bytes()) {
					t.Errorf("%s does not match %q:\n%s", name, re, got)
				}
			}
			check("stdout", tt.stdout, &stdout)
			check("stderr", tt.stderr, &stderr)
		})
	}
}

// TestMainExit runs Main in process, outside any site, so in Chinese: help
// runs nothing and exits 0; every kind of usage error exits 2 and prints
// only to stderr.
func TestMainExit(t *testing.T) {
	site := t.TempDir()
	if err := os.Mkdir(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	nowhere := filepath.Join(site, "nowhere")
	runExit(t, []exitCase{
		// Usage, help and help CMD: exit 0, nothing run. (Without
		// arguments, see TestStart.)
		{args: []string{"-h"}, stdout: `(?m)^  qingdan check .*\n      检查数据`},
		{args: []string{"--help"}, stdout: `(?m)^  qingdan help \[命令\]`},
		{args: []string{"help"}, stdout: `(?m)^  qingdan serve `},
		{args: []string{"help", "build"}, stdout: `(?s)^用法：qingdan build \[-s SRC\] .*生成整个网站.*\nqingdan build 的参数：\n.*  -as-of 日期\n.*  -links dirs\n`},
		{args: []string{"build", "-h"}, stdout: `(?s)^用法：qingdan build \[-s SRC\] .*  -base-url 地址\n`},
		{args: []string{"build", "--help", "-s", site}, stdout: `^用法：qingdan build `},
		{args: []string{"help", "check"}, stdout: `(?s)^用法：qingdan check \[-s SRC\] \[--as-of YYYY-MM-DD\]\n.*  -as-of 日期\n.*  -s 目录\n    \t站点目录（默认为 "\."）\n`},
		{args: []string{"check", "-h"}, stdout: `^用法：qingdan check `},
		{args: []string{"help", "serve"}, stdout: `(?s)^用法：qingdan serve .*  -poll 时间\n.*  -port 端口\n    \t首先尝试的端口（默认为 1313）\n`},
		{args: []string{"serve", "-h", "-s", site}, stdout: `^用法：qingdan serve `},
		{args: []string{"help", "new"}, stdout: `(?s)^用法：qingdan new site DIR\n       qingdan new case TITLE .*qingdan new case 的参数：\n.*  -slug 名称\n`},
		{args: []string{"new", "-h"}, stdout: `^用法：qingdan new site DIR\n`},
		{args: []string{"help", "new", "case"}, stdout: `(?s)^用法：qingdan new case TITLE .*  -date 日期\n`},
		{args: []string{"new", "case", "标题", "-s", site, "-h"}, stdout: `^用法：qingdan new case TITLE `},
		{args: []string{"help", "new", "site"}, stdout: `^用法：qingdan new site DIR\n\n在目录 DIR 中新建`},
		{args: []string{"new", "site", filepath.Join(site, "new"), "-h"}, stdout: `^用法：qingdan new site DIR\n`},
		{args: []string{"help", "version"}, stdout: `^用法：qingdan version\n`},
		{args: []string{"version", "-h"}, stdout: `^用法：qingdan version\n`},
		{args: []string{"version"}, stdout: `^qingdan \S+\ncommit: \S+\ngo: go1\.\S+\nos/arch: [a-z0-9]+/[a-z0-9]+\necharts: \S+\n$`},

		// Usage errors: exit 2.
		{args: []string{"help", "nosuch"}, code: 2, stderr: `qingdan help nosuch：没有这个命令`},
		{args: []string{"help", "build", "extra"}, code: 2, stderr: `没有这个命令`},
		{args: []string{"help", "new", "nosuch"}, code: 2, stderr: `qingdan help new nosuch：没有这个命令`},
		{args: []string{"frobnicate"}, code: 2, stderr: `(?m)^qingdan：没有“frobnicate”这个命令\n用法：qingdan <命令>`},
		{args: []string{"build", "--no-such-flag"}, code: 2, stderr: `(?m)^没有 -no-such-flag 这个参数\n用法：qingdan build \[-s SRC\].*\n运行 qingdan help build 查看说明\n$`},
		{args: []string{"check", "-o", "out"}, code: 2, stderr: `没有 -o 这个参数`},
		{args: []string{"version", "--json"}, code: 2, stderr: `没有 -json 这个参数`},
		{args: []string{"new", "site", "--bogus", "dir"}, code: 2, stderr: `没有 -bogus 这个参数`},
		{args: []string{"serve", "--port", "abc"}, code: 2, stderr: `参数 -port 的值“abc”无效：无法识别`},
		{args: []string{"serve", "--poll", "soon"}, code: 2, stderr: `参数 -poll 的值“soon”无效：应写成 500ms、2s 这样的时长`},
		{args: []string{"serve", "-s", site, "--poll", "1ms"}, code: 2, stderr: `--poll 至少为 10ms`},
		{args: []string{"build", "--links", "both"}, code: 2, stderr: `参数 -links 的值“both”无效：只能是 dirs 或 files`},
		{args: []string{"build", "--drafts=maybe"}, code: 2, stderr: `参数 -drafts 只能是 true 或 false，不能是“maybe”`},
		{args: []string{"build", "-o"}, code: 2, stderr: `参数 -o 后面缺少它的值`},
		{args: []string{"new", "case", "标题", "-s"}, code: 2, stderr: `参数 -s 后面缺少它的值`},
		{args: []string{"check", "extra"}, code: 2, stderr: `qingdan check：多余的参数“extra”`},
		{args: []string{"build", "-s", site, "public"}, code: 2, stderr: `qingdan build：多余的参数“public”`},
		{args: []string{"serve", "-s", site, "8080"}, code: 2, stderr: `qingdan serve：多余的参数“8080”`},
		{args: []string{"version", "extra"}, code: 2, stderr: `qingdan version：多余的参数“extra”`},
		{args: []string{"build", "-s", nowhere}, code: 2, stderr: `找不到站点目录`},
		{args: []string{"check", "-s", t.TempDir()}, code: 2, stderr: `不是 qingdan 站点`},
		{args: []string{"new"}, code: 2, stderr: `^用法：qingdan new site DIR\n`},
		{args: []string{"new", "frob"}, code: 2, stderr: `qingdan new：没有“frob”这一类（可用 site 或 case）`},
		{args: []string{"new", "-s", site, "case", "标题"}, code: 2, stderr: `没有“-s”这一类`},
		{args: []string{"new", "site"}, code: 2, stderr: `用法：qingdan new site DIR`},
		{args: []string{"new", "site", "a", "b"}, code: 2, stderr: `用法：qingdan new site DIR`},
		{args: []string{"new", "case", "-s", site}, code: 2, stderr: `用法：qingdan new case TITLE`},
		{args: []string{"new", "case", "标题", "-s", site, "--date", "2022-13-01"}, code: 2, stderr: `--date“2022-13-01”不是有效日期，月份 13 应在 1–12 之间`},
		{args: []string{"new", "case", "标题", "-s", site, "--slug", "Bad Slug"}, code: 2, stderr: `--slug“Bad Slug”只能由小写字母`},
	})
	// Nothing ran: no output folder, no case file, no new site.
	for _, p := range []string{"public", "content/cases", "new"} {
		if _, err := os.Stat(filepath.Join(site, p)); err == nil {
			t.Errorf("%s was written", p)
		}
	}
}

// TestMainEnglish runs Main on a site whose qingdan.toml says en: given by
// -s, or as the current folder, help and usage errors are in English.
func TestMainEnglish(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, "qingdan.toml"), []byte("\ufefftitle = \"Test\"\nlanguage = \"en\"\nunknown_key = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	zh := t.TempDir() // a site that says nothing: Chinese
	if err := os.WriteFile(filepath.Join(zh, "qingdan.toml"), []byte("title = \"测试\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runExit(t, []exitCase{
		{args: []string{"build", "-s", site, "--no-such-flag"}, code: 2, stderr: `(?m)^flag provided but not defined: -no-such-flag\nusage: qingdan build \[-s SRC\].*\nrun 'qingdan help build' for details\n$`},
		{args: []string{"serve", "--source=" + site, "--port", "abc"}, code: 2, stderr: `^invalid value "abc" for flag -port: parse error\n`},
		{args: []string{"serve", "-s", site, "--poll", "soon"}, code: 2, stderr: `^invalid value "soon" for flag -poll: write a duration like 500ms or 2s\n`},
		{args: []string{"build", "--links", "both", "-s", site}, code: 2, stderr: `invalid value "both" for flag -links: want dirs or files`},
		{args: []string{"build", "-s", site, "--drafts=maybe"}, code: 2, stderr: `invalid boolean value "maybe" for -drafts: parse error`},
		{args: []string{"check", "-s", site, "extra"}, code: 2, stderr: `^qingdan check: unexpected argument "extra"\n$`},
		{args: []string{"build", "-s", site, "-h"}, stdout: `(?s)^usage: qingdan build .*\nRead the site in SRC.*\nflags of qingdan build:\n.*  -as-of date\n    \tthe as-of date \(YYYY-MM-DD\)\n.*  -s folder\n    \tthe site folder \(default "\."\)\n`},
		{args: []string{"new", "case", "Title", "-s", site, "--date", "2022-13-01"}, code: 2, stderr: `--date "2022-13-01" is not a valid date \(the month 13 must be 1 to 12\)`},
		{args: []string{"check", "-s", zh, "extra"}, code: 2, stderr: `qingdan check：多余的参数“extra”`},
	})
	t.Chdir(site)
	runExit(t, []exitCase{
		{args: []string{"help"}, stdout: `(?m)^  qingdan help \[COMMAND\]\n      what a command does, with its flags\n$`},
		{args: []string{"help", "new"}, stdout: `(?s)^usage: qingdan new site DIR\n.*\nWrite a new site into DIR.*flags of qingdan new case:\n.*  -slug name\n`},
		{args: []string{"frobnicate"}, code: 2, stderr: `(?m)^qingdan: unknown command "frobnicate"\nusage: qingdan <command>`},
		{args: []string{"help", "nosuch"}, code: 2, stderr: `qingdan help nosuch: unknown help topic`},
		{args: []string{"new", "frob"}, code: 2, stderr: `qingdan new: unknown kind "frob" \(site or case\)`},
		{args: []string{"new", "site", site}, code: 1, stderr: `already exists and is not empty`},
		{args: []string{"check", "-s", zh, "extra"}, code: 2, stderr: `qingdan check：多余的参数“extra”`}, // -s wins over the current folder
	})
	// No English in Chinese help, no Chinese in English help: each
	// language's help is whole.
	var out bytes.Buffer
	Main([]string{"help", "build"}, &out, &out)
	if strings.Contains(out.String(), "生成整个网站") {
		t.Errorf("Chinese in English help:\n%s", &out)
	}
}

// TestCommands checks the table: every command is described in full, in
// both languages, and declares its flags without a clash.
func TestCommands(t *testing.T) {
	han := func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
	}
	latin := regexp.MustCompile(`[A-Za-z]{4,} [A-Za-z]{2,} [A-Za-z]{2,}`)
	var walk func(path string, cmds []*Command)
	walk = func(path string, cmds []*Command) {
		var names []string
		for _, c := range cmds {
			name := strings.TrimSpace(path + " " + c.Name)
			names = append(names, c.Name)
			if c.Name == "" {
				t.Errorf("%q: no name", name)
			}
			if !strings.HasPrefix(c.UsageLine+" ", name+" ") {
				t.Errorf("%s: usage line %q does not start with the command", name, c.UsageLine)
			}
			if (c.Flags == nil) == (len(c.Commands) == 0) {
				t.Errorf("%s: want flags or sub-commands, not both or neither", name)
			}
			if len(c.Commands) == 0 && (!han(c.Long.Zh) || !latin.MatchString(c.Long.En) || strings.Count(c.Long.En, "，")+strings.Count(c.Long.En, "。") > 0) {
				t.Errorf("%s: the long help should be in Chinese and English:\n%+v", name, c.Long)
			}
			if !han(c.Short.Zh) || c.Short.En == "" || han(c.Short.En) {
				t.Errorf("%s: the short help should be in Chinese and English: %+v", name, c.Short)
			}
			if c.Flags != nil {
				for _, lang := range []string{"zh-CN", "en"} {
					fs, run := c.Flags(lang) // panics on a flag declared twice
					if fs == nil || run == nil {
						t.Errorf("%s: Flags returned nil", name)
						continue
					}
					fs.VisitAll(func(f *flag.Flag) {
						if f.Usage == "" || han(f.Usage) != (lang == "zh-CN") && f.Name != "publish" {
							t.Errorf("%s: flag -%s has no usage in %s: %q", name, f.Name, lang, f.Usage)
						}
					})
				}
			}
			walk(name, c.Commands)
		}
		if len(slices.Compact(slices.Sorted(slices.Values(names)))) != len(names) {
			t.Errorf("%q: a command name is used twice: %v", path, names)
		}
	}
	walk("", Commands())
}

func TestReorder(t *testing.T) {
	fs := new(flag.FlagSet)
	fs.String("s", ".", "")
	fs.Bool("drafts", false, "")
	tests := []struct{ in, want string }{
		{"", ""},
		{"标题", "-- 标题"},
		{"标题 -s site", "-s site -- 标题"},
		{"-s site 标题", "-s site -- 标题"},
		{"a --s=site b", "--s=site -- a b"},
		{"a --drafts b", "--drafts -- a b"},
		{"a -x b", "-x -- a b"}, // unknown: no value taken; Parse reports it
		{"a -s", "-s"},          // a missing value: Parse reports it
		{"a -- -s b", "-- a -s b"},
		{"- a", "-- - a"},
	}
	for _, tt := range tests {
		got := strings.Join(reorder(fs, strings.Fields(tt.in)), " ")
		if got != tt.want {
			t.Errorf("reorder(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
