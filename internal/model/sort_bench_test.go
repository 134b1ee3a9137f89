package model

import (
	"strconv"
	"testing"
)

// BenchmarkSortByName sorts a province's million project titles (a few
// hundred distinct, as the generator makes them) by the Chinese collation.
func BenchmarkSortByName(b *testing.B) {
	words := []string{"支部", "党员", "服务", "项目", "示范", "村级", "集体", "经济", "微心愿", "清单", "阵地", "建设"}
	items := make([]*Project, 1_000_000)
	for i := range items {
		p := &Project{}
		p.ID = "P" + strconv.Itoa(1_000_000+i*7919%1_000_000)
		p.Title = words[i%len(words)] + words[i/len(words)%len(words)] + words[i/144%len(words)] + strconv.Itoa(i%97)
		items[i] = p
	}
	col := newCollator()
	work := make([]*Project, len(items))
	for b.Loop() {
		copy(work, items)
		sortByName(col, nil, 1, work, func(p *Project) (string, string) { return p.Title, p.ID })
	}
}
