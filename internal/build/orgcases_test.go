package build

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOrgCasesBuilt: an org about which there are more cases than its page
// lists gets its own paged list of them, which its page links to; every
// link of those pages leads to a file of the build; a further page's title
// says which page it is.
func TestOrgCasesBuilt(t *testing.T) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	for i := range 30 {
		doc := fmt.Sprintf("+++\ntitle = \"社区议事第%d次\"\ndate = 2022-05-%02d\norgs = [\"street\"]\n+++\n社区党总支第%d次议事。\n", i+1, i+1, i+1)
		if err := os.WriteFile(filepath.Join(src, "content", "cases", fmt.Sprintf("yishi-%d.md", i+1)), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, files := range []bool{false, true} {
		got := buildOK(t, src, Options{Files: files})
		org := string(got["orgs/street/index.html"])
		if want := "查看全部 31 篇相关案例"; !strings.Contains(org, want) || strings.Count(org, `class="case-item`) != 10 {
			t.Errorf("files %v: the org's page lists %d cases, says %q: %v", files, strings.Count(org, `class="case-item`), want, strings.Contains(org, want))
		}
		for _, name := range []string{"orgs/street/cases/index.html", "orgs/street/cases/page/2/index.html"} {
			if got[name] == nil {
				t.Fatalf("files %v: no %s", files, name)
			}
		}
		if title := "<title>文苑社区党总支的相关案例 - "; !strings.Contains(string(got["orgs/street/cases/index.html"]), title) {
			t.Errorf("files %v: the first page's title is not %q", files, title)
		}
		if title := "<title>文苑社区党总支的相关案例（第 2 页） - "; !strings.Contains(string(got["orgs/street/cases/page/2/index.html"]), title) {
			t.Errorf("files %v: the second page's title is not %q", files, title)
		}
		for name := range got {
			if strings.HasPrefix(name, "orgs/") && strings.Contains(name, "/cases/") && !strings.HasPrefix(name, "orgs/street/cases/") {
				t.Errorf("files %v: %s", files, name)
			}
		}
		for _, name := range []string{"orgs/street/index.html", "orgs/street/cases/index.html", "orgs/street/cases/page/2/index.html"} {
			for _, m := range regexp.MustCompile(`href="([^"#?]+)`).FindAllStringSubmatch(string(got[name]), -1) {
				target := path.Join(path.Dir(name), m[1])
				if strings.HasSuffix(m[1], "/") {
					target = path.Join(target, "index.html")
				}
				if got[target] == nil && !strings.HasPrefix(m[1], "http") {
					t.Errorf("files %v: %s links %s, which is not built", files, name, m[1])
				}
			}
		}
	}
}
