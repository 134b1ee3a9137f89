package chart

import (
	"html/template"
	"strconv"
	"sync"

	"github.com/qingdan/qingdan/internal/jsonstr"
	"github.com/qingdan/qingdan/internal/model"
)

// Statuses makes status charts, each one once: a status chart shows only
// the counts of its projects by status, and the orgs of a province (a
// hundred thousand pages with one) have few projects each, so most of
// them have the counts of another. Only charts of up to maxKept projects
// are kept, so that what is kept stays small (a few thousand). A chart's
// options are go-echarts' once per language, cut where each status's
// count and tooltip go, and each chart is that text with its own written
// in (go-echarts, its defaults set by reflection, and marshalling the
// options twice to make them fit a phone took 118-132 µs a chart in
// BenchmarkStatus, 9-11 µs so: in a county's build, whose 3,000 org pages
// have one each, 2.3-2.5 % of the CPU). TestStatuses holds it to Status.
// Safe for concurrent use; the zero value is ready.
type Statuses struct {
	kept sync.Map // statusKey → Chart
	mu   sync.Mutex
	cuts map[string]statusCuts // by language
}

const maxKept = 24

type statusKey struct {
	id, lang string
	projects int
	status   [model.NumStatus]int
}

// statusCuts is a status chart's options cut where its data go: text[0],
// then for each k the datum at[k] (2s: status s's count; 2s+1: its
// tooltip) and text[k+1].
type statusCuts struct {
	text []string
	at   []int
}

// Chart is Status(id, r, lang).
func (s *Statuses) Chart(id string, r model.Rollup, lang string) Chart {
	if r.Projects > maxKept {
		return s.make(id, r, lang)
	}
	k := statusKey{id, lang, r.Projects, r.Status}
	if c, ok := s.kept.Load(k); ok {
		return c.(Chart)
	}
	c, _ := s.kept.LoadOrStore(k, s.make(id, r, lang))
	return c.(Chart)
}

// make is Status(id, r, lang), its options written into the cut text.
func (s *Statuses) make(id string, r model.Rollup, lang string) Chart {
	d := statusOf(r, lang)
	c := s.cut(lang, d.labels)
	n := 0
	for _, t := range c.text {
		n += len(t)
	}
	b := make([]byte, 0, n+len(c.at)*24)
	b = append(b, c.text[0]...)
	for k, at := range c.at {
		if st := at / 2; at%2 == 0 {
			b = strconv.AppendInt(b, int64(d.counts[st]), 10)
		} else {
			b = jsonstr.Append(b, d.tips[st], true) // escaped as the options' own strings are
		}
		b = append(b, c.text[k+1]...)
	}
	return d.chart(id, template.JS(b), lang)
}

// cut is the options of a status chart in lang, with each status named
// by labels, cut where the data go.
func (s *Statuses) cut(lang string, labels []string) statusCuts {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.cuts[lang]; ok {
		return c
	}
	values, tips := make([]any, len(labels)), make([]string, len(labels))
	for i := range labels {
		values[i], tips[i] = dataMark(2*i), dataMark(2*i+1)
	}
	var c statusCuts
	c.text, c.at = cutAtMarks(string(statusOptions(labels, values, tips, lang)), 2*len(labels))
	if s.cuts == nil {
		s.cuts = map[string]statusCuts{}
	}
	s.cuts[lang] = c
	return c
}
