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

	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/slug"
)

//go:embed skeleton.txtar
var skeleton []byte

func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: qingdan new site DIR | qingdan new case TITLE [-s SRC] [--slug SLUG] [--date YYYY-MM-DD]")
		return 2
	}
	switch args[0] {
	case "site":
		return newSite(args[1:], stdout, stderr)
	case "case":
		return newCase(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "qingdan new: unknown kind %q (site or case)\n", args[0])
	return 2
}

func newSite(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: qingdan new site DIR")
		return 2
	}
	dir := args[0]
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "qingdan new site: %s already exists and is not empty\n", dir)
		return 1
	}
	a := txtar.Parse(skeleton)
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(stderr, "qingdan new site: %v\n", err)
			return 1
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			fmt.Fprintf(stderr, "qingdan new site: %v\n", err)
			return 1
		}
	}
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	fmt.Fprintf(stdout, "新站点已建在 %s：cd %s && qingdan build\n", dir, dir)
	return 0
}

// reorder moves flags after positional arguments to the front, so that
// "qingdan new case 标题 -s site" works as users type it.
func reorder(args []string, withValue map[string]bool) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if withValue[name] && !strings.Contains(a, "=") && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, a)
	}
	return append(flags, rest...)
}

func newCase(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("qingdan new case", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("s", ".", "the site `folder`")
	slugFlag := fs.String("slug", "", "the article's URL name (default: the title's pinyin)")
	dateFlag := fs.String("date", "", "the article's `date` (default: today)")
	if err := fs.Parse(reorder(args, map[string]bool{"s": true, "slug": true, "date": true})); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	title := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if title == "" {
		fmt.Fprintln(stderr, "usage: qingdan new case TITLE [-s SRC] [--slug SLUG] [--date YYYY-MM-DD]")
		return 2
	}
	date := time.Now().Format("2006-01-02") // an authoring command: today is what the editor means
	if *dateFlag != "" {
		d, why := model.ParseDate(*dateFlag)
		if why != nil {
			fmt.Fprintf(stderr, "qingdan new case: --date %q: %s\n", *dateFlag, why.Local("zh-CN"))
			return 2
		}
		date = d.String()
	}
	base := *slugFlag
	if base == "" {
		base = slug.Of(title)
		if parts := strings.Split(base, "-"); len(parts) > 8 {
			base = strings.Join(parts[:8], "-")
		}
		if base == "" {
			base = date
		}
	} else if slug.Of(base) != base {
		fmt.Fprintf(stderr, "qingdan new case: --slug %q: use lower-case letters, digits and hyphens\n", base)
		return 2
	}
	dir := filepath.Join(*src, "content", "cases")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "qingdan new case: %v\n", err)
		return 1
	}
	name := base
	for i := 2; ; i++ {
		if _, err := os.Stat(filepath.Join(dir, name+".md")); errors.Is(err, os.ErrNotExist) {
			break
		}
		if *slugFlag != "" {
			fmt.Fprintf(stderr, "qingdan new case: content/cases/%s.md already exists\n", name)
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
