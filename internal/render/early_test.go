package render_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/build"
)

// TestEarlyFiles: of the demo's files, those that take long to make are
// marked to be made first: the open-data workbook and the search index's
// files (index.js builds the whole index its shards are cut from; once
// they are all written, the index is let go before the pages are made).
func TestEarlyFiles(t *testing.T) {
	o := build.Options{Src: "../.."}
	r := build.Check(o)
	if r.Site == nil {
		t.Fatal("the demo has errors")
	}
	site, err := r.Output(o)
	if err != nil {
		t.Fatal(err)
	}
	var early, search []string
	for _, f := range site.Files() {
		if f.Early {
			early = append(early, f.Name)
		}
		if strings.HasPrefix(f.Name, "search/") && strings.HasSuffix(f.Name, ".js") {
			search = append(search, f.Name)
		}
	}
	slices.Sort(early)
	if want := append([]string{"data/projects.xlsx"}, search...); len(search) < 3 || !slices.Equal(early, want) {
		t.Errorf("early files %v, want %v", early, want)
	}
}
