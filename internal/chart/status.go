package chart

import (
	"sync"

	"github.com/qingdan/qingdan/internal/model"
)

// Statuses makes status charts, each one once: a status chart shows only
// the counts of its projects by status, and the orgs of a province (a
// hundred thousand pages with one) have few projects each, so most of
// them have the counts of another. Only charts of up to maxKept projects
// are kept, so that what is kept stays small (a few thousand). Safe for
// concurrent use; the zero value is ready.
type Statuses struct {
	kept sync.Map // statusKey → Chart
}

const maxKept = 24

type statusKey struct {
	id, lang string
	projects int
	status   [model.NumStatus]int
}

// Chart is Status(id, r, lang).
func (s *Statuses) Chart(id string, r model.Rollup, lang string) Chart {
	if r.Projects > maxKept {
		return Status(id, r, lang)
	}
	k := statusKey{id, lang, r.Projects, r.Status}
	if c, ok := s.kept.Load(k); ok {
		return c.(Chart)
	}
	c, _ := s.kept.LoadOrStore(k, Status(id, r, lang))
	return c.(Chart)
}
