package render_test

import (
	"slices"
	"testing"

	"github.com/qingdan/qingdan/internal/build"
)

// TestEarlyFiles: of the demo's files, the two that take long to make are
// marked to be made first: the search index's index.js (which builds the
// whole index its shards are cut from) and the open-data workbook.
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
	var early []string
	for _, f := range site.Files() {
		if f.Early {
			early = append(early, f.Name)
		}
	}
	slices.Sort(early)
	if want := []string{"data/projects.xlsx", "search/index.js"}; !slices.Equal(early, want) {
		t.Errorf("early files %v, want %v", early, want)
	}
}
