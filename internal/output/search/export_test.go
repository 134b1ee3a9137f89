package search

import (
	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/view"
)

// FilesHolding is Files, and whether they still hold the index's source.
func FilesHolding(v *view.View) ([]output.File, func() bool) {
	files, h := held(v)
	return files, func() bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		return h.src != nil
	}
}
