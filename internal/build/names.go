package build

import (
	"slices"
	"strconv"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/slug"
)

// longNames reports the tags and columns whose pages could not be written: a
// tag's folder is named by its pinyin (view.assignSlugs; made here the same
// way), which can be five times as long as the tag, and no file system
// takes a name over content.MaxName bytes. Each document that names one is
// told, at its tags or column line. (Ids are checked where the data is
// read, slugs and images where a document is.)
func longNames(docs *content.Set, columns []string, l *diag.List) {
	var tags, cols []string
	seen := map[string]bool{}
	used := map[string]bool{}
	for _, d := range docs.Cases {
		for _, t := range d.Tags {
			if !seen[t] {
				seen[t] = true
				tags = append(tags, t)
			}
		}
		used[d.Column] = true
	}
	for _, c := range columns {
		if used[c] && !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	tagSlug, colSlug := slugs(tags), slugs(cols)
	long := func(m map[string]string) bool {
		for _, s := range m {
			if len(s) > content.MaxName {
				return true
			}
		}
		return false
	}
	if !long(tagSlug) && !long(colSlug) { // most often: then no document names one
		return
	}
	for _, d := range docs.Cases {
		for _, t := range d.Tags {
			if s := tagSlug[t]; len(s) > content.MaxName {
				l.Error(diag.Pos{File: d.File, Line: max(d.Line("tags"), 1)}, "tag.long", diag.Quote(t), len(s), content.MaxName)
			}
		}
		if s := colSlug[d.Column]; len(s) > content.MaxName {
			l.Error(diag.Pos{File: d.File, Line: max(d.Line("column"), 1)}, "column.long", diag.Quote(d.Column), len(s), content.MaxName)
		}
	}
}

// slugs gives each name the slug view.assignSlugs gives it: its pinyin, or
// "tag"; a slug taken by a name earlier in name order gets -2, -3.
func slugs(names []string) map[string]string {
	names = slices.Sorted(slices.Values(names))
	out := make(map[string]string, len(names))
	used := map[string]bool{}
	next := map[string]int{} // per base, the suffix to try first
	for _, n := range names {
		base := slug.Of(n)
		if base == "" {
			base = "tag"
		}
		s := base
		i := max(next[base], 2)
		for ; used[s]; i++ {
			s = base + "-" + strconv.Itoa(i)
		}
		next[base] = i
		used[s] = true
		out[n] = s
	}
	return out
}
