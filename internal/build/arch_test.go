package build

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// stages are the pipeline's packages, in the order data flows through
// them; packages at one rank stand beside each other. Packages not listed
// are leaves (diag, value, routes, …) or orchestrators (build, server, cli).
var stages = map[string]int{
	"config": 10, "sheet": 20, "load": 30, "content": 30, "model": 40, "format": 45, "view": 50,
	"chart": 55, "output": 60, "output/page": 70, "output/feed": 70, "output/sitemap": 70,
	"output/search": 70, "output/opendata": 70, "output/static": 70, "render": 80, "publish": 90,
}

// TestStagesInOrder: no stage imports a later one (nor one beside it: the
// producers below output/ share only the output package).
func TestStagesInOrder(t *testing.T) {
	const mod = "github.com/qingdan/qingdan/internal/"
	root := filepath.Join("..")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		pkg := filepath.ToSlash(rel)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rank, isStage := stages[pkg]
		if !isStage {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, b, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			dep, ok := strings.CutPrefix(path, mod)
			if !ok {
				continue
			}
			if r, stage := stages[dep]; stage && (r > rank || (r == rank && dep != pkg && !strings.HasPrefix(dep, "output"))) {
				t.Errorf("%s (stage %d) imports %s (stage %d)", p, rank, dep, r)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFileLengths: no Go file of the repository, tests and commands
// included, is over 500 lines.
func TestFileLengths(t *testing.T) {
	root := filepath.Join("..", "..")
	seen := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "public") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		seen++
		if n := strings.Count(string(b), "\n"); n > 500 {
			t.Errorf("%s has %d lines", p, n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 100 {
		t.Errorf("only %d Go files found under %s", seen, root)
	}
}
