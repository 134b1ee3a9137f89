package content

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/routes"
)

var update = flag.Bool("update", false, "rewrite the want files of testdata/md")

// TestCaseFiles runs testdata/md/*.txtar. Each holds in.md (a case article,
// front matter and body), optional extra site files, want.html (the body's
// HTML) and want.txt (the problems reported, in English; absent for none).
// The archive's comment may say "unsafe" (raw HTML allowed) and "files"
// (links end in index.html).
func TestCaseFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/md/*.txtar")
	if len(files) < 10 {
		t.Fatalf("only %d case files", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			comment := string(a.Comment)
			src := t.TempDir()
			var in []byte
			var wantHTML, wantDiag, wantFields *txtar.File
			for i, f := range a.Files {
				switch f.Name {
				case "in.md":
					in = f.Data
				case "want.html":
					wantHTML = &a.Files[i]
				case "want.txt":
					wantDiag = &a.Files[i]
				case "want.fields":
					wantFields = &a.Files[i]
				default:
					p := filepath.Join(src, filepath.FromSlash(f.Name))
					os.MkdirAll(filepath.Dir(p), 0o755)
					if err := os.WriteFile(p, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			ps := NewParser(src, Options{UnsafeHTML: strings.Contains(comment, "unsafe")})
			style := routes.Dirs
			if strings.Contains(comment, "files") {
				style = routes.Files
			}
			var l diag.List
			d := ps.Parse(Case, "content/cases/x.md", in, &l)
			gotHTML := ""
			if d != nil {
				gotHTML = d.String(style)
			}
			var b strings.Builder
			l.Print(&b, "en")
			gotDiag := b.String()
			gotFields := fields(d)
			if *update {
				a.Files = setFile(a.Files, "want.html", gotHTML)
				if wantFields != nil {
					a.Files = setFile(a.Files, "want.fields", gotFields)
				}
				if gotDiag != "" {
					a.Files = setFile(a.Files, "want.txt", gotDiag)
				} else {
					a.Files = slices.DeleteFunc(a.Files, func(f txtar.File) bool { return f.Name == "want.txt" })
				}
				os.WriteFile(file, txtar.Format(a), 0o644)
				return
			}
			if wantHTML == nil {
				t.Fatal("no want.html")
			}
			if gotHTML != string(wantHTML.Data) {
				t.Errorf("HTML:\n%s\nwant:\n%s", gotHTML, wantHTML.Data)
			}
			want := ""
			if wantDiag != nil {
				want = string(wantDiag.Data)
			}
			if gotDiag != want {
				t.Errorf("problems:\n%s\nwant:\n%s", gotDiag, want)
			}
			if wantFields != nil && gotFields != string(wantFields.Data) {
				t.Errorf("fields:\n%s\nwant:\n%s", gotFields, wantFields.Data)
			}
		})
	}
}

func setFile(fs []txtar.File, name, data string) []txtar.File {
	for i := range fs {
		if fs[i].Name == name {
			fs[i].Data = []byte(data)
			return fs
		}
	}
	return append(fs, txtar.File{Name: name, Data: []byte(data)})
}

// fields lists a document's front matter values, one a line.
func fields(d *Doc) string {
	if d == nil {
		return ""
	}
	var b strings.Builder
	p := func(k string, v any) { fmt.Fprintf(&b, "%s: %v\n", k, v) }
	p("slug", d.Slug)
	p("title", d.Title)
	p("subtitle", d.Subtitle)
	p("date", d.Date)
	p("column", d.Column)
	p("authors", strings.Join(d.Authors, " | "))
	p("orgs", strings.Join(d.Orgs, " | "))
	p("projects", strings.Join(d.Projects, " | "))
	p("tags", strings.Join(d.Tags, " | "))
	p("cover", d.Cover)
	p("caption", d.Caption)
	p("summary", d.Summary)
	p("draft", d.Draft)
	p("featured", d.Featured)
	p("toc", d.TOC)
	for _, f := range d.Figures {
		p("figure", fmt.Sprintf("%s %v %s", f.Label, f.Value, f.Unit))
	}
	for _, r := range d.Reviews {
		p("review", fmt.Sprintf("%s %s %s", r.Step, r.Reviewer, r.Date))
	}
	p("reviewed", d.Reviewed())
	p("runes", d.Runes)
	return b.String()
}
