package cli

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/slug"
	"github.com/qingdan/qingdan/internal/value"
)

//go:embed skeleton.txtar
var skeleton []byte

func cmdNew() *Command {
	return &Command{
		Name:      "new",
		UsageLine: "new site DIR | case TITLE [-s SRC] [--slug SLUG] [--date YYYY-MM-DD]",
		Short:     diag.Name{Zh: "新建站点，或在 content/cases/ 中新建一篇案例", En: "a new site, or a case article skeleton in content/cases/"},
		Commands: []*Command{
			{
				Name:      "site",
				UsageLine: "new site DIR",
				Short:     diag.Name{Zh: "新建站点，带默认主题和示例数据", En: "a new site with the default theme and sample data"},
				Long: diag.Name{
					Zh: `在目录 DIR 中新建一个站点，带默认主题和示例数据，可以直接生成；DIR 已存在且不为空时拒绝。
新站点不设 as_of：统计截止日期取 data/progress.csv 中最晚的日期。`,
					En: `Write a new site into DIR, with the default theme and sample data, that
builds as it is; a DIR that exists and is not empty is refused. The new site
sets no as_of: the figures are counted up to the latest date in
data/progress.csv.`,
				},
				Flags: func(lang string) (*flag.FlagSet, RunFunc) {
					return new(flag.FlagSet), func(args []string, stdout, stderr io.Writer) int {
						return newSite(lang, args, stdout, stderr)
					}
				},
			},
			{
				Name:      "case",
				UsageLine: "new case TITLE [-s SRC] [--slug SLUG] [--date YYYY-MM-DD]",
				Short:     diag.Name{Zh: "在 content/cases/ 中新建一篇案例草稿", En: "a case article skeleton in content/cases/"},
				Long: diag.Name{
					Zh: `在站点 SRC（默认为当前目录）的 content/cases/ 中新建一篇案例草稿（draft: true），
标题为 TITLE，日期为今天或 --date。文件名取标题的拼音（最多 8 个音节），已被占用时加 -2、-3……；
--slug 指定文件名，已存在时拒绝。参数可以写在标题前后。打印新文件的路径。`,
					En: `Write a draft case article (draft: true) titled TITLE into content/cases/ of
the site in SRC (default: the current folder), dated today or --date. Its
file name is the title's pinyin (at most 8 syllables), with -2, -3, ... added
when the name is taken; --slug gives the name, and an existing file of that
name is refused. Flags may come before or after the title. It prints the new
file's path.`,
				},
				Flags: func(lang string) (*flag.FlagSet, RunFunc) {
					o := caseOptions{lang: lang}
					fs := new(flag.FlagSet)
					fs.StringVar(&o.src, "s", ".", diag.Text(lang, "usage.src"))
					fs.StringVar(&o.slug, "slug", "", diag.Text(lang, "usage.slug"))
					fs.StringVar(&o.date, "date", "", diag.Text(lang, "usage.date"))
					return fs, func(args []string, stdout, stderr io.Writer) int {
						return newCase(o, args, stdout, stderr)
					}
				},
			},
		},
	}
}

func newSite(lang string, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, diag.Text(lang, "cli.usage", "qingdan new site DIR"))
		return 2
	}
	exe, _ := os.Executable()
	return makeSite(hostPath(args[0]), lang, exe, stdout, stderr)
}

// makeSite writes the skeleton site into dir: a new folder, an empty one,
// or a fresh one (see freshFolder: qingdan may sit in the folder it starts
// a site in). It never replaces a file.
func makeSite(dir, lang, exe string, stdout, stderr io.Writer) int {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 && !freshFolder(dir, exe) {
		fmt.Fprintln(stderr, diag.Text(lang, "cli.siteExists", dir))
		return 1
	}
	a := txtar.Parse(skeleton)
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(stderr, "qingdan new site: %v\n", err)
			return 1
		}
		if err := writeNew(p, f.Data); err != nil {
			fmt.Fprintf(stderr, "qingdan new site: %v\n", err)
			return 1
		}
	}
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	if filepath.Clean(dir) == "." {
		key := "cli.siteMadeHere"
		if here, err := filepath.Abs("."); err == nil && exe != "" && filepath.Dir(exe) == here {
			key = "cli.siteMadeHereExe" // the program is in this folder: a double-click previews too
		}
		fmt.Fprintln(stdout, diag.Text(lang, key))
	} else {
		fmt.Fprintln(stdout, diag.Text(lang, "cli.siteMade", dir))
	}
	return 0
}

// writeNew writes a file that must not exist yet.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}

// caseOptions are the flags of qingdan new case.
type caseOptions struct {
	src, slug, date string
	lang            string // of messages
}

func newCase(o caseOptions, args []string, stdout, stderr io.Writer) int {
	title := strings.TrimSpace(strings.Join(args, " "))
	if title == "" {
		fmt.Fprintln(stderr, diag.Text(o.lang, "cli.usage", "qingdan new case TITLE [-s SRC] [--slug SLUG] [--date YYYY-MM-DD]"))
		return 2
	}
	date := time.Now().Format("2006-01-02") // an authoring command: today is what the editor means
	if o.date != "" {
		d, why := value.ParseDate(o.date)
		if why != nil {
			fmt.Fprintln(stderr, diag.Text(o.lang, "cli.caseDate", o.date, *why))
			return 2
		}
		date = d.String()
	}
	base := o.slug
	if base == "" {
		base = slug.Of(title)
		if parts := strings.Split(base, "-"); len(parts) > 8 {
			base = strings.Join(parts[:8], "-")
		}
		if base == "" {
			base = date
		}
	} else if slug.Of(base) != base {
		fmt.Fprintln(stderr, diag.Text(o.lang, "cli.caseSlug", base))
		return 2
	}
	dir := filepath.Join(hostPath(o.src), "content", "cases")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "qingdan new case: %v\n", err)
		return 1
	}
	name := base
	for i := 2; ; i++ {
		if _, err := os.Stat(filepath.Join(dir, name+".md")); errors.Is(err, os.ErrNotExist) {
			break
		}
		if o.slug != "" {
			fmt.Fprintln(stderr, diag.Text(o.lang, "cli.caseExists", name))
			return 1
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
	body := fmt.Sprintf(`---
title: %s
subtitle: 
date: %s
column: 基层实践
authors: [本报记者 ]
orgs: []
projects: []
tags: []
cover: 
caption: 
summary: 
draft: true
# figures:
#   - {label: 指标名称, value: 0, unit: 个}
# review:
#   初审: {reviewer: 姓名, date: %s}
#   复审: {reviewer: 姓名, date: %s}
#   终审: {reviewer: 姓名, date: %s}
---
正文从这里开始。

写作提示（发布前删去）：链接党组织写作 `+"`[组织名称](org:编号)`"+`，项目写作 `+"`(project:编号)`"+`，案例写作 `+"`(case:文件名)`"+`；嵌入图表用一个语言为 chart 的代码块，内容为一行 `+"`org: 编号`"+` 或 `+"`project: 编号`"+`。
`, yamlString(title), date, date, date, date)
	p := filepath.Join(dir, name+".md")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		fmt.Fprintf(stderr, "qingdan new case: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "content/cases/%s.md\n", name)
	return 0
}

// yamlString quotes s for YAML when it needs quoting.
func yamlString(s string) string {
	if strings.ContainsAny(s, ":#'\"[]{},&*!|>%@`") || strings.TrimSpace(s) != s {
		return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
	}
	return s
}
