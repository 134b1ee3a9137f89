package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// articles writes the case articles: content/cases/<slug>/index.md with its
// two pictures next to it (or, with a pool, pictures shared from static/),
// to the qingdan site and, when asked, the same bytes to the Hugo site.
type articles struct {
	seed      uint64
	dir, hugo string
	n, pool   int
	zoom      int         // the photos' size, in times 800 × 450
	vocab     *vocabulary // the varied scale's: its articles' text is drawn from it
	orgs      []*org

	images  int
	used    []string // the tags the articles use, in tags order
	usedCol []string // the columns they use, in columns order
}

// file is one file of an article's bundle.
type file struct {
	name string
	data []byte
}

func (a *articles) write() error {
	var cands []*org
	for _, o := range a.orgs {
		if o.level >= 2 {
			cands = append(cands, o)
		}
	}
	if len(cands) == 0 {
		cands = a.orgs
	}
	if a.pool > 0 {
		if err := a.writePool(); err != nil {
			return err
		}
	}
	var (
		next   atomic.Int64
		wg     sync.WaitGroup
		mu     sync.Mutex
		first  error
		images atomic.Int64
		seen   = make([]bool, len(tags))
		cols   = make([]bool, len(columns))
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < a.n; i = int(next.Add(1) - 1) {
				slug, files, ts, col := a.article(i, cands)
				err := a.save(slug, files)
				images.Add(int64(len(files) - 1))
				mu.Lock()
				for _, t := range ts {
					seen[slices.Index(tags, t)] = true
				}
				cols[slices.Index(columns, col)] = true
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	a.images = int(images.Load())
	if a.pool > 0 {
		a.images = a.pool
	}
	for i, t := range tags {
		if seen[i] {
			a.used = append(a.used, t)
		}
	}
	for i, c := range columns {
		if cols[i] {
			a.usedCol = append(a.usedCol, c)
		}
	}
	return first
}

// save writes an article's files to each site.
func (a *articles) save(slug string, files []file) error {
	first := ""
	for _, root := range []string{a.dir, a.hugo} {
		if root == "" {
			continue
		}
		dir := filepath.Join(root, "content", "cases", slug)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for _, f := range files {
			var from string
			if first != "" && f.name != "index.md" {
				from = filepath.Join(first, f.name)
			}
			if err := writeOrLink(filepath.Join(dir, f.name), f.data, from); err != nil {
				return err
			}
		}
		first = dir
	}
	return nil
}

// writeOrLink writes data to p, or, given from (the same bytes in the
// other site), links p to it: the two sites' pictures are then one file,
// which the page cache holds once (at 50,000 articles, two copies of the
// pictures and both outputs outgrew it, and reading the articles became
// most of a build). An article is written twice: the serve benchmark
// edits the qingdan site's.
func writeOrLink(p string, data []byte, from string) error {
	if from != "" && os.Link(from, p) == nil {
		return nil
	}
	return os.WriteFile(p, data, 0o644)
}

// writePool writes the shared pictures: photos and charts by turns.
func (a *articles) writePool() error {
	for _, root := range []string{a.dir, a.hugo} {
		if root != "" {
			if err := os.MkdirAll(filepath.Join(root, "static", "images", "pool"), 0o755); err != nil {
				return err
			}
		}
	}
	errs := make([]error, a.pool)
	var wg sync.WaitGroup
	var next atomic.Int64
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < a.pool; i = int(next.Add(1) - 1) {
				r := newRNG(a.seed, streamImage|uint64(i))
				name, data := poolName(i), []byte(nil)
				if i%2 == 0 {
					data = photo(r.Rand, pick(r.Rand, []string{"rows", "houses", "people"}), a.zoom)
				} else {
					data = chart(r.Rand)
				}
				from := ""
				for _, root := range []string{a.dir, a.hugo} {
					if root != "" && errs[i] == nil {
						p := filepath.Join(root, "static", filepath.FromSlash(name))
						errs[i], from = writeOrLink(p, data, from), p
					}
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func poolName(i int) string {
	if i%2 == 0 {
		return fmt.Sprintf("images/pool/photo-%03d.jpg", i)
	}
	return fmt.Sprintf("images/pool/chart-%03d.png", i)
}

var sectionsOf = [][]string{{"how", "effect"}, {"why", "how", "effect"}, {"why", "how", "effect", "next"}}

// article makes article i: its slug, its files (index.md first), its tags
// and its column.
func (a *articles) article(i int, cands []*org) (string, []file, []string, string) {
	rr := newRNG(a.seed, streamArticle|uint64(i))
	r := rr.Rand
	o := cands[r.IntN(len(cands))]
	kind := o.kind
	if kind == "street" {
		kind = "community"
	}
	ti := pick(r, themesFor(kind))
	th := &themes[ti]
	d := dayOf(2019, 1, 1) + day(r.IntN(int(asOf-dayOf(2019, 1, 1))+1))
	t := d.date()
	w := &writer{r: r, county: o.county, town: o.town, place: o.short(), org: o.name,
		secretary: o.secretary, th: th, year: t.Year(), month: int(t.Month()), queue: map[string][]int{}}
	w.place = strings.TrimPrefix(w.place, w.county)
	if w.place == "" {
		w.place = w.county
	}
	if w.town == w.place {
		w.town = ""
	}
	slug := th.key + "-" + o.id + "-" + strconv.Itoa(i+1)

	// Tags: one to three of the theme's, then others, two to five in all.
	n := 2 + r.IntN(4)
	ts := pickN(r, th.tags, min(n, 1+r.IntN(len(th.tags))))
	for _, j := range r.Perm(len(tags)) {
		if len(ts) >= n {
			break
		}
		if !slices.Contains(ts, tags[j]) {
			ts = append(ts, tags[j])
		}
	}
	col := pick(r, []string{"基层实践", "基层实践", "基层实践", "县区动态", "县区动态", "本期聚焦", "短评", "图片新闻", "图片新闻"})
	if th.key == "qiye" && r.IntN(2) == 0 {
		col = "企业窗口"
	}
	authors := []string{"本报记者 " + person(r)}
	if r.IntN(2) == 0 {
		authors = append(authors, "通讯员 "+person(r))
	}
	title := w.fill(pick(r, th.titles))

	// Pictures.
	photoName, chartName := "photo.jpg", "chart.png"
	var files []file
	if a.pool > 0 {
		photoName = "/" + poolName(2*r.IntN((a.pool+1)/2))
		chartName = photoName
		if a.pool >= 2 {
			chartName = "/" + poolName(2*r.IntN(a.pool/2)+1)
		}
	} else {
		ir := newRNG(a.seed, streamImage|1<<39|uint64(i))
		files = append(files, file{photoName, photo(ir.Rand, th.scene, a.zoom)}, file{chartName, chart(ir.Rand)})
	}

	// Body: a lead, a photo, then two to four sections, filled with
	// paragraphs until the article reaches its length.
	target := 900 + r.IntN(1700)
	parts := sectionsOf[r.IntN(len(sectionsOf))]
	lead := w.paragraph("lead")
	img1 := w.image(photoName, "{地}的{主}", "{年}年{月}月，{角}{人}和{众}一起{事}。{人}摄")
	heads := make([]string, len(parts))
	paras := make([][]string, len(parts))
	for k, p := range parts {
		heads[k] = w.count(w.fill(pick(r, headings[p])))
		paras[k] = []string{w.paragraph(p)}
	}
	list := w.list()
	table := w.table()
	img2 := w.image(chartName, "{地}主要数据示意图", "{地}近两年主要数据（示意图）")
	weights := map[string]int{"why": 1, "how": 3, "effect": 2, "next": 1}
	for w.han < target {
		var k int
		for {
			k = r.IntN(len(parts))
			if r.IntN(3) < weights[parts[k]] {
				break
			}
		}
		paras[k] = append(paras[k], w.paragraph(parts[k]))
	}
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\ndate: %s\ncolumn: %s\n", strconv.Quote(title), d, col)
	fmt.Fprintf(&b, "authors: [%s]\norgs: [%s]\ntags: [%s]\n", strings.Join(authors, ", "), o.id, strings.Join(ts, ", "))
	if r.IntN(10) < 6 {
		fmt.Fprintf(&b, "summary: %s\n", strconv.Quote(w.fill("{地}围绕{主}推行清单化管理，党员带头{事}，带动{众}共同参与。")))
	}
	b.WriteString("---\n\n")
	body := b.Len() // where vary begins: the front matter is kept
	b.WriteString(lead + "\n\n" + img1 + "\n\n")
	for k, p := range parts {
		b.WriteString("## " + heads[k] + "\n\n")
		for j, para := range paras[k] {
			b.WriteString(para + "\n\n")
			if j == 0 && p == "how" {
				b.WriteString(list + "\n")
			}
			if j == 0 && p == "effect" {
				b.WriteString(table + "\n")
			}
		}
		if p == "effect" {
			b.WriteString(img2 + "\n\n")
		}
	}
	md := strings.TrimRight(b.String(), "\n") + "\n"
	if a.vocab != nil {
		md = md[:body] + a.vocab.vary(md[body:], a.seed, i)
	}
	return slug, append([]file{{"index.md", []byte(md)}}, files...), ts, col
}
