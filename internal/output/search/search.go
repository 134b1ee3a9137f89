// Package search is the site's search: a full-text index over every page a
// reader can land on (cases, orgs, projects, demonstration sites, free
// pages, tasks), cut into small classic scripts that the search page
// (themes/default/static/search.js) loads on demand by inserting <script>
// tags, so that it works at any sub-path and from file://, where nothing
// can be fetched. The files, all below search/:
//
//	index.js  qdSearch("i", {...}): the kinds of page, their counts and
//	          how their pages are grouped into shards, the number of term
//	          shards, the links to the shards, the index's version, the
//	          tags to suggest
//	t/N.js    qdSearch("t", N, "term term …", ["list", …]): the posting
//	          lists of the terms whose hash is N (see ShardOf, encodeList)
//	d/N.js    qdSearch("d", N, [[title, link, names, [text…]], …]): the
//	          pages of a range of ids, as a result shows them
//
// Pages have ids by kind, in the view's order: cases, orgs, projects,
// demonstration sites, pages, tasks. The script asks for shards with the
// index's version in the query string (not from disk, where nothing is
// cached), so that a browser never mixes the shards of two builds.
//
// The names of the files are known before the index is built, which
// happens only when one of its files is written: a preview server that
// is never asked for the search page never builds it.
package search

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/view"
)

// Sizes the shards aim at, in bytes before compression. A document shard
// holds a page's text for the snippets: at 4 KB an article was a shard of
// its own, and 10,000 articles wrote 10,000 files, each a file a build
// makes and an admin copies; at 16 KB two articles share one (5,000 files)
// and a first query loads some 20 KB more (gzip; TestSearchBudget).
const (
	termShardBytes = 16 << 10
	docShardBytes  = 16 << 10
	maxDocShard    = 64 // pages in a document shard, at most
	// sampleBytes is about how much text the build indexes to learn how
	// big the index will be, before it is built.
	sampleBytes    = 128 << 10
	maxSuggestions = 8
)

// plan is the index's files, known before the index is built.
type plan struct {
	terms int           // term shards
	first [numKinds]int // the first page of each kind
	group [numKinds]int // pages of each kind per document shard
	count [numKinds]int // pages of each kind
	docs  int           // document shards
}

// Files is the index: index.js and its shards (none when the site has no
// search: search = false). A build writes them all
// before the pages (Early) and calls each one's Done; once the last is
// written, the index and the pages' text it was made from are let go, so
// that the collections while the pages are written do not mark them (at a
// province's scale 1.2 GB of a 3 GB live heap). A file asked for after
// that makes them again.
func Files(v *view.View) []output.File {
	if !v.Search {
		return nil
	}
	files, _ := held(v)
	return files
}

// held is Files, with what holds the index's source.
func held(v *view.View) ([]output.File, *holder) {
	h := &holder{v: v, src: newSource(v, collect(v))}
	p := h.src.plan
	get := h.get
	// index.js needs the whole index, which the term shards are cut from;
	// the document shards need only the pages.
	files := []output.File{{Name: routes.To(routes.SearchIndex, "").File(), Write: func(w io.Writer) error {
		s := get()
		return writeBoot(w, &h.js, v, p, s.version(), s.index())
	}}}
	for n := range p.terms {
		files = append(files, output.File{Name: routes.To(routes.SearchTerms, strconv.Itoa(n)).File(), Write: func(w io.Writer) error {
			return get().index().write(w, n)
		}})
	}
	shard := 0
	for k := range numKinds {
		for i := 0; i < p.count[k]; i += p.group[k] {
			n, lo, hi := shard, p.first[k]+i, p.first[k]+min(i+p.group[k], p.count[k])
			files = append(files, output.File{Name: routes.To(routes.SearchDocs, strconv.Itoa(n)).File(), Write: func(w io.Writer) error {
				s := get()
				return writeDocs(w, &h.js, n, s.docs[lo:hi], s.hrefs[lo:hi])
			}})
			shard++
		}
	}
	h.left = len(files)
	for i := range files {
		files[i].Early, files[i].Peak, files[i].Done = true, true, h.done
	}
	return files, h
}

// holder holds the index's source until every file of it is written.
type holder struct {
	v    *view.View
	mu   sync.Mutex
	src  *source // nil once let go
	left int     // files not yet written
	js   jsBufs
}

// get is the source, made again if it was let go.
func (h *holder) get() *source {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.src == nil {
		h.src = newSource(h.v, collect(h.v))
	}
	return h.src
}

// done counts a file written, and lets the source go after the last.
func (h *holder) done() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.left--; h.left == 0 {
		h.src = nil
	}
}

// source is what the index's files are made from: the pages, their links
// from the search page, and, made once when first asked for, the index and
// its version.
type source struct {
	docs    []Doc
	hrefs   []string
	plan    plan
	index   func() *shards
	version func() string
}

func newSource(v *view.View, docs []Doc) *source {
	page := routes.To(routes.Search, "")
	hrefs := make([]string, len(docs))
	for i, d := range docs {
		hrefs[i] = v.Style.Link(page, d.Route)
	}
	p := newPlan(docs, hrefs)
	return &source{
		docs: docs, hrefs: hrefs, plan: p,
		index:   sync.OnceValue(func() *shards { return split(Build(docs), p.terms) }),
		version: sync.OnceValue(func() string { return hash(docs, hrefs, v.Lang, p) }),
	}
}

// newPlan sizes the shards. The number of term shards comes from the
// index of a sample of the pages: every k-th.
func newPlan(docs []Doc, hrefs []string) plan {
	var p plan
	size := 0
	fields := make([]int, len(docs))
	var text [numKinds]int
	for i, d := range docs {
		if p.count[d.Kind] == 0 {
			p.first[d.Kind] = i
		}
		p.count[d.Kind]++
		for _, ps := range d.Fields {
			fields[i] += fieldLen(ps, byteLen)
		}
		size += fields[i]
		text[d.Kind] += len(d.Title) + len(hrefs[i]) + len(d.Meta) + 12
		for _, t := range d.Text {
			text[d.Kind] += len(t)
		}
	}
	for k := range numKinds {
		p.group[k] = 1
		if p.count[k] > 0 {
			p.group[k] = min(max(docShardBytes*p.count[k]/max(text[k], 1), 1), maxDocShard)
		}
		p.docs += (p.count[k] + p.group[k] - 1) / p.group[k]
	}
	// The lists grow with the text, but the terms less and less (a new
	// page brings fewer new words than the one before): the terms are
	// counted in the sample and in every other page of it, and grown from
	// the sample's size to the site's as they grew from the half to the
	// whole. Grown as the lists, the terms of 10,000 articles were
	// estimated at 27 MB where they take 0.24 MB, and the shards held 9.2 KB
	// each where termShardBytes was aimed at.
	var sample, half []Doc
	sampled, halfSampled := 0, 0
	for i, n := 0, 0; i < len(docs); i, n = i+max(1, size/sampleBytes), n+1 {
		sample = append(sample, docs[i])
		sampled += fields[i]
		if n%2 == 0 {
			half = append(half, docs[i])
			halfSampled += fields[i]
		}
	}
	ix := Build(sample)
	lists, terms := 0, 0
	for i := range ix.Terms {
		lists += len(ix.Lists[i])
		terms += len(ix.Terms[i]) + 4
	}
	scale := float64(size) / float64(max(sampled, 1))
	grown := vocabulary(len(ix.Terms), len(Build(half).Terms), sampled, halfSampled, size)
	est := float64(float64(lists)*scale) + float64(float64(terms)*grown/float64(max(len(ix.Terms), 1))) // each rounded before the + (no fused multiply-add)
	// Rounded before the + below, which a division by a power of two (a
	// multiplication) would be fused with on arm64 and loong64.
	shards := float64(est / termShardBytes)
	p.terms = max(1, int(shards+0.5))
	return p
}

// vocabulary is about how many terms a text of size bytes has, when a
// sample of it of n bytes has v terms and half the sample (h bytes) has
// hv: each doubling of the text multiplies its terms as the last one did
// (Heaps' law), and never more than doubles them.
func vocabulary(v, hv, n, h, size int) float64 {
	if v == 0 || hv == 0 || n <= h || size <= n {
		return float64(v) * float64(size) / float64(max(n, 1))
	}
	// The growth of one doubling, from h to n bytes.
	r := min(max(float64(v)/float64(hv), 1), 2)
	grown, at := float64(v), float64(n)
	for 2*at <= float64(size) {
		grown, at = grown*r, 2*at
	}
	// Part of a doubling more, in proportion.
	return grown * (1 + (r-1)*(float64(size)-at)/at)
}

// hash is the index's version: a hash of everything it is made from (a
// page's text is made of its fields and words in lang). The script asks
// for shards with it, so that a browser never mixes shards of two builds.
func hash(docs []Doc, hrefs []string, lang string, p plan) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s %d %v\x00", lang, p.terms, p.group)
	var b []byte
	for i, d := range docs {
		b = append(b[:0], byte(d.Kind))
		for _, s := range []string{hrefs[i], d.Meta} {
			b = append(append(b, s...), 0)
		}
		for _, ps := range d.Fields {
			for j, s := range ps {
				if j > 0 {
					b = append(b, '\n')
				}
				b = append(b, s...)
			}
			b = append(b, 0)
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}

// writeBoot writes index.js.
func writeBoot(w io.Writer, js *jsBufs, v *view.View, p plan, version string, s *shards) error {
	page := routes.To(routes.Search, "")
	pattern := func(k routes.Kind) string { return v.Style.Link(page, routes.To(k, "*")) }
	var kinds [][4]any
	for k, n := range kindNames() {
		kinds = append(kinds, [4]any{n[0], format.Pick(v.Lang, n[1], n[2]), p.count[k], p.group[k]})
	}
	var sugg []string
	for _, t := range v.Tags {
		if len(sugg) == maxSuggestions {
			break
		}
		sugg = append(sugg, t.Name)
	}
	return js.writeJS(w, "i", map[string]any{
		"v": version, "t": pattern(routes.SearchTerms), "d": pattern(routes.SearchDocs),
		"k": kinds, "n": p.terms, "s": sugg, "m": maxTerms,
	})
}

// writeDocs writes the document shard n: its pages as results show them,
// each a title, a link from the search page, a line of names and dates,
// and the parts of its text.
// It writes the JSON itself (encoding/json decoded every character of the
// text to look for U+2028 and U+2029, which was most of the time the
// shards of 10,000 articles took), the same bytes (TestWriteDocsJSON).
func writeDocs(w io.Writer, js *jsBufs, n int, docs []Doc, hrefs []string) error {
	j := js.get()
	defer js.put(j)
	b := append(j.b.AvailableBuffer(), `qdSearch("d",`...)
	b = append(strconv.AppendInt(b, int64(n), 10), ",["...)
	for i, d := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for _, s := range []string{d.Title, hrefs[i], d.Meta} {
			b = append(appendJSString(b, s), ',')
		}
		b = appendJSStrings(b, cut(d.Text, maxText))
		b = append(b, ']')
	}
	b = append(b, "]);\n"...)
	j.b.Write(b)
	_, err := w.Write(j.b.Bytes())
	return err
}
