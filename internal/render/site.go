package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/mozillazg/go-pinyin"

	"github.com/qingdan/qingdan/internal/chart"
	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/model"
)

// Input is everything the site is made from.
type Input struct {
	Model   *model.Site
	Docs    *content.Set
	Notes   map[int32]string // reading notes by progress line
	Title   string
	Desc    string
	Lang    string
	BaseURL string
	Menu    []MenuItem
	Params  map[string]any
	Src     string // the site folder, for layouts/ and static/
	Files   bool   // links end in index.html (for file://)
	Theme   fs.FS  // the theme: layouts/ and static/
	PerPage int    // rows per page of the project list
}

// MenuItem is an entry of the navigation.
type MenuItem struct{ Name, URL string }

// View is the site as layouts see it.
type View struct {
	Title, Description, Lang, BaseURL string
	Menu                              []MenuItem
	Params                            map[string]any
	Model                             *model.Site
	Docs                              *content.Set
	Committees                        []*model.Org
	Demo                              []*model.Org            // demonstration sites, highest level first
	SiteDoc                           map[string]*content.Doc // write-up by org id
	CasesByOrg                        map[string][]*content.Doc
	Tags                              []*Tag
	TagOf                             map[string]*Tag
	Notes                             map[int32]string
	files                             bool
}

func (v *View) rel(from, target string) string { return rel(from, target, v.files) }

// Site writes every page, the open data, the assets and static files, then
// manifest.sha256 over all of it.
func Site(w Writer, in Input) error {
	hw := &hashing{w: w, sums: map[string]string{}}
	v := newView(in)
	ts, err := loadTemplates(in.Theme, in.Src, v)
	if err != nil {
		return err
	}
	if err := copyStatic(hw, in); err != nil {
		return err
	}
	if err := OpenData(hw, in.Model, in.Lang); err != nil {
		return err
	}
	if err := renderPages(hw, ts, pages(v, in)); err != nil {
		return err
	}
	if err := searchIndex(hw, v); err != nil {
		return err
	}
	if err := feeds(hw, v); err != nil {
		return err
	}
	return hw.manifest()
}

func newView(in Input) *View {
	m := in.Model
	v := &View{
		Title: in.Title, Description: in.Desc, Lang: in.Lang, BaseURL: in.BaseURL, Menu: in.Menu, Params: in.Params,
		Model: m, Docs: in.Docs, Notes: in.Notes, files: in.Files,
		SiteDoc: map[string]*content.Doc{}, CasesByOrg: map[string][]*content.Doc{}, TagOf: map[string]*Tag{},
	}
	for _, o := range m.Orgs {
		if o.Type == "committee" && o.Parent != nil {
			v.Committees = append(v.Committees, o)
		}
		if o.Demo != "" {
			v.Demo = append(v.Demo, o)
		}
	}
	if len(v.Committees) == 0 {
		for _, r := range m.Roots {
			v.Committees = append(v.Committees, r.Children...)
		}
	}
	levels := map[string]int{"province": 0, "city": 1, "county": 2}
	slices.SortStableFunc(v.Demo, func(a, b *model.Org) int { return levels[a.Demo] - levels[b.Demo] })
	for _, d := range in.Docs.Sites {
		v.SiteDoc[d.Org] = d
	}
	for _, d := range in.Docs.Cases {
		for _, id := range d.Orgs {
			v.CasesByOrg[id] = append(v.CasesByOrg[id], d)
		}
		for _, t := range d.Tags {
			tag := v.TagOf[t]
			if tag == nil {
				tag = &Tag{Name: t}
				v.TagOf[t] = tag
				v.Tags = append(v.Tags, tag)
			}
			tag.Cases = append(tag.Cases, d)
		}
	}
	sort.SliceStable(v.Tags, func(i, j int) bool {
		if len(v.Tags[i].Cases) != len(v.Tags[j].Cases) {
			return len(v.Tags[i].Cases) > len(v.Tags[j].Cases)
		}
		return v.Tags[i].Name < v.Tags[j].Name
	})
	assignSlugs(v.Tags)
	return v
}

// assignSlugs gives each tag an ASCII slug: its pinyin (红色物业 →
// hong-se-wu-ye), letters and digits kept; a clash gets -2, -3 in name order.
func assignSlugs(tags []*Tag) {
	byName := slices.Clone(tags)
	slices.SortFunc(byName, func(a, b *Tag) int { return strings.Compare(a.Name, b.Name) })
	args := pinyin.NewArgs()
	args.Fallback = func(r rune, a pinyin.Args) []string { return []string{string(r)} }
	used := map[string]bool{}
	for _, t := range byName {
		var parts []string
		for _, p := range pinyin.LazyPinyin(t.Name, args) {
			var b strings.Builder
			for _, r := range strings.ToLower(p) {
				if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
					b.WriteRune(r)
				} else if b.Len() > 0 {
					parts = append(parts, b.String())
					b.Reset()
				}
			}
			if b.Len() > 0 {
				parts = append(parts, b.String())
			}
		}
		slug := strings.Join(parts, "-")
		if slug == "" {
			slug = "tag"
		}
		s := slug
		for i := 2; used[s]; i++ {
			s = fmt.Sprintf("%s-%d", slug, i)
		}
		used[s] = true
		t.Slug = s
	}
}

// pages lists every HTML page of the site in a fixed order.
func pages(v *View, in Input) []*Page {
	m := v.Model
	lang := in.Lang
	var ps []*Page
	add := func(p *Page) { p.Site = v; ps = append(ps, p) }

	add(&Page{Kind: "home", Path: "", Title: v.Title, Charts: []chart.Chart{
		chart.Status("chart-status", m.Total, lang),
		chart.Committees("chart-committees", v.Committees, lang),
		chart.Trend("chart-trend", m, lang),
	}})

	per := in.PerPage
	if per <= 0 {
		per = 1000
	}
	total := (len(m.Projects) + per - 1) / per
	for i := 0; i < max(total, 1); i++ {
		p := &Page{Kind: "projects", Path: "projects/", Title: t(lang, "党建项目", "Projects"), Pager: &Pager{Number: i + 1, Total: max(total, 1), First: i * per}}
		if i > 0 {
			p.Path = fmt.Sprintf("projects/page/%d/", i+1)
			p.Pager.Prev = "projects/"
			if i > 1 {
				p.Pager.Prev = fmt.Sprintf("projects/page/%d/", i)
			}
		}
		if i+1 < total {
			p.Pager.Next = fmt.Sprintf("projects/page/%d/", i+2)
		}
		add(p)
	}
	for _, pr := range m.Projects {
		add(&Page{Kind: "project", Path: "projects/" + pr.ID + "/", Title: pr.Title, Project: pr,
			Charts: []chart.Chart{chart.Project("chart-project", pr, m.AsOf, v.Notes, lang)}})
	}
	add(&Page{Kind: "orgs", Path: "orgs/", Title: t(lang, "组织与排名", "Organizations"), Charts: []chart.Chart{
		chart.Committees("chart-committees", v.Committees, lang),
	}})
	for _, o := range m.Orgs {
		p := &Page{Kind: "org", Path: "orgs/" + o.ID + "/", Title: o.Name, Org: o, Doc: v.SiteDoc[o.ID], Docs: v.CasesByOrg[o.ID]}
		if o.Roll.Projects > 0 {
			p.Charts = []chart.Chart{chart.Status("chart-status", o.Roll, lang), chart.Org("chart-org", o, lang)}
		}
		add(p)
	}
	add(&Page{Kind: "sites", Path: "sites/", Title: t(lang, "示范点", "Demonstration sites")})
	add(&Page{Kind: "tasks", Path: "tasks/", Title: t(lang, "差异化任务清单", "Task menu")})
	add(&Page{Kind: "cases", Path: "cases/", Title: t(lang, "典型案例", "Cases"), Docs: v.Docs.Cases})
	for _, d := range v.Docs.Cases {
		add(&Page{Kind: "case", Path: "cases/" + d.Slug + "/", Title: d.Title, Doc: d})
	}
	add(&Page{Kind: "tags", Path: "tags/", Title: t(lang, "标签", "Tags")})
	for _, tg := range v.Tags {
		add(&Page{Kind: "tag", Path: "tags/" + tg.Slug + "/", Title: tg.Name, Tag: tg, Docs: tg.Cases})
	}
	for _, d := range v.Docs.Pages {
		add(&Page{Kind: "page", Path: d.Slug + "/", Title: d.Title, Doc: d})
	}
	add(&Page{Kind: "search", Path: "search/", Title: t(lang, "搜索", "Search")})
	add(&Page{Kind: "404", file: "404.html", Title: t(lang, "页面不存在", "Page not found")})
	return ps
}

func t(lang, zh, en string) string {
	if strings.HasPrefix(lang, "en") {
		return en
	}
	return zh
}

// copyStatic copies the theme's static files to assets/ and the site's
// static/ folder to the root of OUT.
func copyStatic(w Writer, in Input) error {
	err := fs.WalkDir(in.Theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(in.Theme, p)
		if err != nil {
			return err
		}
		return w.Write("assets/"+strings.TrimPrefix(p, "static/"), b)
	})
	if err != nil {
		return err
	}
	if _, err := fs.Stat(in.Theme, "static/vendor/echarts.min.js"); err != nil {
		return fmt.Errorf("this qingdan was built without ECharts: build it with make build")
	}
	root := filepath.Join(in.Src, "static")
	if _, err := os.Stat(root); err != nil {
		return nil
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		r, _ := filepath.Rel(root, p)
		name := filepath.ToSlash(r)
		if strings.HasPrefix(filepath.Base(p), ".") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return w.Write(name, b)
	})
}

// renderPages executes and writes the pages on several goroutines: writing
// many small files waits on the file system more than on the CPU. Each page
// is a file of its own, so the order they finish in changes nothing.
func renderPages(w Writer, ts *templates, ps []*Page) error {
	work := make(chan *Page)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range max(4, 2*runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for p := range work {
				buf.Reset()
				err := ts.execute(&buf, p)
				if err == nil {
					err = w.Write(p.Out(), buf.Bytes())
				}
				if err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, p := range ps {
		select {
		case err := <-errs:
			close(work)
			wg.Wait()
			return err
		case work <- p:
		}
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// hashing records the SHA-256 of every file written through it. It is safe
// for concurrent use.
type hashing struct {
	w    Writer
	mu   sync.Mutex
	sums map[string]string
}

func (h *hashing) Write(name string, data []byte) error {
	s := sha256.Sum256(data)
	h.mu.Lock()
	h.sums[name] = hex.EncodeToString(s[:])
	h.mu.Unlock()
	return h.w.Write(name, data)
}

func (h *hashing) Create(name string) (io.WriteCloser, error) {
	f, err := h.w.Create(name)
	if err != nil {
		return nil, err
	}
	return &hashFile{f: f, h: sha256.New(), name: name, into: h}, nil
}

type hashFile struct {
	f io.WriteCloser
	h interface {
		io.Writer
		Sum([]byte) []byte
	}
	name string
	into *hashing
}

func (f *hashFile) Write(p []byte) (int, error) {
	f.h.Write(p)
	return f.f.Write(p)
}

func (f *hashFile) Close() error {
	f.into.mu.Lock()
	f.into.sums[f.name] = hex.EncodeToString(f.h.Sum(nil))
	f.into.mu.Unlock()
	return f.f.Close()
}

// manifest writes manifest.sha256 in the format sha256sum -c reads.
func (h *hashing) manifest() error {
	names := make([]string, 0, len(h.sums))
	for n := range h.sums {
		names = append(names, n)
	}
	slices.Sort(names)
	var b bytes.Buffer
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", h.sums[n], n)
	}
	return h.w.Write("manifest.sha256", b.Bytes())
}

var _ = template.HTML("")
