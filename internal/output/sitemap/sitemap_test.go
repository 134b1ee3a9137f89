package sitemap

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/view"
)

func site(projects int, base string) *view.View {
	in := model.Input{Orgs: []*load.Org{{ID: "o", Name: "支部"}}}
	for i := range projects {
		in.Projects = append(in.Projects, &load.Project{ID: fmt.Sprint("p", i), OrgID: "o", Title: "项", Target: 1})
	}
	return view.New(view.Input{Model: model.New(in), Docs: &content.Set{}, BaseURL: base})
}

func files(v *view.View) map[string]string {
	out := map[string]string{}
	for _, f := range Files(v) {
		var b bytes.Buffer
		f.Write(&b)
		out[f.Name] = b.String()
	}
	return out
}

// TestSitemap: none without a base_url (the protocol wants absolute
// addresses); one file up to 50,000 addresses, percent-encoded; past that,
// an index of files of 50,000 at most.
func TestSitemap(t *testing.T) {
	if fs := files(site(3, "")); len(fs) != 0 {
		t.Errorf("without a base_url: %v", fs)
	}
	fs := files(site(3, "https://example.org/党建/"))
	if !strings.Contains(fs["sitemap.xml"], "<loc>https://example.org/党建/projects/p1/</loc>") || !strings.Contains(fs["robots.txt"], "Sitemap: https://example.org/党建/sitemap.xml") {
		t.Errorf("small site: %v", fs)
	}
	big := files(site(PerFile+5, "https://example.org/"))
	if n := len(big); n != 4 {
		t.Fatalf("a big site has %d files", n)
	}
	if !strings.Contains(big["sitemap.xml"], "<sitemapindex") || !strings.Contains(big["sitemap.xml"], "<loc>https://example.org/sitemap-2.xml</loc>") {
		t.Errorf("no index: %.300s", big["sitemap.xml"])
	}
	if n := strings.Count(big["sitemap-1.xml"], "<loc>"); n != PerFile {
		t.Errorf("sitemap-1.xml has %d addresses", n)
	}
	if n := strings.Count(big["sitemap-1.xml"], "<loc>") + strings.Count(big["sitemap-2.xml"], "<loc>"); n != len(Routes(site(PerFile+5, "x"))) {
		t.Errorf("%d addresses in all", n)
	}
}
