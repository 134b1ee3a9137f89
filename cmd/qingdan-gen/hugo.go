package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/qingdan/qingdan/internal/slug"
)

// The Hugo site: the same articles (written by articles.save), a config
// with the tags taxonomy and twenty articles a page, and a small theme of
// its own in layouts/. Tag pages take qingdan's pinyin slugs (a term's
// _index.md sets slug), so both sites have the same addresses:
// cases/, cases/page/N/, cases/<slug>/, tags/, tags/<tag>/, tags/<tag>/page/N/,
// and the column pages cases/column/<column>/ (a second taxonomy; Hugo
// also makes a column/ page that lists them).
// The page size is passed to .Paginate, which every Hugo version takes;
// [pagination] is for the versions that read it. The page of all tags is
// terms.html, not taxonomy.html: Hugo 0.146 and later render a tag's own
// page with _default/taxonomy.html when there is one (so a tag's page
// listed no articles and had no page 2), and every version looks for
// terms.html for the page of all tags.
const hugoConfig = `baseURL = "/"
locale = "zh-CN"
title = %q
hasCJKLanguage = true
relativeURLs = true
disableKinds = ["RSS", "sitemap", "robotsTXT"]

[taxonomies]
  tag = "tags"
  column = "column"

[pagination]
  pagerSize = 20

[permalinks]
  tags = "/tags/:slug/"
  column = "/cases/column/:slug/"
`

var hugoLayouts = map[string]string{
	"_default/baseof.html": `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} - {{ site.Title }}{{ end }}</title>
<style>
body{max-width:46rem;margin:0 auto;padding:0 1rem;font:16px/1.75 system-ui,sans-serif;color:#222}
header{border-bottom:3px solid #c42b1c;padding:.75rem 0;margin-bottom:1rem}
header a{margin-right:1rem;color:#c42b1c;text-decoration:none}
img{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ddd;padding:.25rem .5rem}
.meta{color:#666;font-size:.9rem}
nav.pager{display:flex;gap:1rem;margin:1.5rem 0}
</style>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a><a href="{{ "/cases/" | relURL }}">典型案例</a><a href="{{ "/tags/" | relURL }}">标签</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`,
	"_default/single.html": `{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="meta">{{ .Date.Format "2006-01-02" }}{{ with .Params.column }} · {{ . }}{{ end }}{{ with .Params.authors }} · {{ delimit . "　" }}{{ end }}</p>
{{ with .Params.summary }}<p class="meta">{{ . }}</p>{{ end }}
{{ .Content }}
{{ with .GetTerms "tags" }}<p>标签：{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
</article>{{ end }}
`,
	"_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages 20 }}{{ partial "items.html" $pager.Pages }}{{ partial "pager.html" $pager }}{{ end }}
`,
	"_default/term.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages 20 }}{{ partial "items.html" $pager.Pages }}{{ partial "pager.html" $pager }}{{ end }}
`,
	"_default/terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>（{{ .Count }}）</li>{{ end }}</ul>{{ end }}
`,
	"index.html": `{{ define "main" }}<h1>最新案例</h1>
{{ partial "items.html" (first 20 (where site.RegularPages "Section" "cases")) }}
<p><a href="{{ "/cases/" | relURL }}">全部案例</a></p>{{ end }}
`,
	"partials/items.html": `<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="meta">{{ .Date.Format "2006-01-02" }}</span>{{ with .Params.summary }}<br><span class="meta">{{ . }}</span>{{ end }}</li>{{ end }}</ul>
`,
	"partials/pager.html": `{{ if gt .TotalPages 1 }}<nav class="pager">{{ with .Prev }}<a href="{{ .URL }}">上一页</a>{{ end }}<span>第 {{ .PageNumber }} / {{ .TotalPages }} 页</span>{{ with .Next }}<a href="{{ .URL }}">下一页</a>{{ end }}</nav>{{ end }}
`,
	"404.html": `{{ define "main" }}<h1>页面不存在</h1><p><a href="{{ "/" | relURL }}">返回首页</a></p>{{ end }}
`,
}

// hugoCopies is what the Hugo site's article pages add when the photos are
// a camera's: the smaller copies qingdan makes of a photo wider than 1280
// pixels (the same widths, Catmull-Rom, JPEG quality 80), in a srcset, so
// that both generators do the same work on them. Hugo keeps them in the
// site's resources/_gen/images, as qingdan does.
const hugoCopies = `{{ with .Resources.GetMatch "photo.jpg" }}{{ $p := . }}{{ if gt .Width 1280 }}<p><img srcset="{{ range $i, $w := slice 360 720 1080 1440 }}{{ if $i }}, {{ end }}{{ ($p.Resize (printf "%dx q80 CatmullRom" $w)).RelPermalink }} {{ $w }}w{{ end }}" sizes="(max-width: 46rem) 100vw, 46rem" alt=""></p>{{ end }}{{ end }}
`

// writeHugo writes the Hugo site's config, theme and section pages; the
// articles are already there. With copies its article pages show the
// smaller copies of a wide photo (hugoCopies).
func writeHugo(dir, title string, used, usedCol []string, copies bool) error {
	files := map[string]string{
		"hugo.toml":                fmt.Sprintf(hugoConfig, title),
		"content/cases/_index.md":  "---\ntitle: 典型案例\n---\n",
		"content/tags/_index.md":   "---\ntitle: 标签\n---\n",
		"content/column/_index.md": "---\ntitle: 栏目\n---\n",
		"content/_index.md":        "---\ntitle: " + strconv.Quote(title) + "\n---\n",
	}
	for name, text := range hugoLayouts {
		files["layouts/"+name] = text
	}
	if copies {
		single := files["layouts/_default/single.html"]
		files["layouts/_default/single.html"] = strings.Replace(single, "{{ .Content }}\n", "{{ .Content }}\n"+hugoCopies, 1)
	}
	for _, t := range used {
		files["content/tags/"+t+"/_index.md"] = "---\ntitle: " + t + "\nslug: " + slug.Of(t) + "\n---\n"
	}
	for _, c := range usedCol {
		files["content/column/"+c+"/_index.md"] = "---\ntitle: " + c + "\nslug: " + slug.Of(c) + "\n---\n"
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
