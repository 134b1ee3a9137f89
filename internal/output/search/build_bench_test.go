package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkBuild indexes the Markdown of a qingdan-gen site's articles as
// their text ($QINGDAN_SEARCH_ARTICLES: its content/cases folder), or, by
// default, 2,000 pages of a Chinese text.
func BenchmarkBuild(b *testing.B) {
	var docs []Doc
	if dir := os.Getenv("QINGDAN_SEARCH_ARTICLES"); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "index.md"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			title, body, _ := strings.Cut(string(src), "\n")
			docs = append(docs, Doc{Kind: kindCase, Fields: [numFields][]string{{title}, nil, {body}}})
		}
	}
	if len(docs) == 0 {
		text := strings.Repeat("支部把微心愿认领列入项目清单，定责任人、定时限、定指标，一项一项抓落实。目前已有23名党员认领任务。", 40)
		for i := range 2000 {
			docs = append(docs, Doc{Kind: kindCase, Fields: [numFields][]string{{"第" + strings.Repeat("一", i%7) + "期"}, nil, {text[i%50*3:]}}})
		}
	}
	b.ReportMetric(float64(len(docs)), "pages")
	for b.Loop() {
		Build(docs)
	}
}
