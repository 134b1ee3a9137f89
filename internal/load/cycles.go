package load

import (
	"cmp"
	"slices"
)

// Cycles returns every cycle of parent links among items (a self-parent is
// a cycle of one), each starting at its item that sorts first by id, and
// the cycles ordered by that id. link gives an item's id and its parent's;
// an unknown parent ends a chain.
func Cycles[T comparable](items []T, link func(T) (id, parent string)) [][]T {
	byID := make(map[string]T, len(items))
	for _, o := range items {
		id, _ := link(o)
		if _, dup := byID[id]; !dup {
			byID[id] = o
		}
	}
	const (
		unseen = iota
		onPath
		finished
	)
	id := func(o T) string { i, _ := link(o); return i }
	state := make(map[T]uint8, len(byID))
	var cycles [][]T
	for _, start := range items {
		var path []T
		o, ok := start, true
		for ok && state[o] == unseen {
			state[o] = onPath
			path = append(path, o)
			_, parent := link(o)
			o, ok = byID[parent]
		}
		if ok && state[o] == onPath {
			i := slices.Index(path, o)
			cyc := slices.Clone(path[i:])
			m := 0
			for j, c := range cyc {
				if id(c) < id(cyc[m]) {
					m = j
				}
			}
			cycles = append(cycles, append(cyc[m:], cyc[:m]...))
		}
		for _, p := range path {
			state[p] = finished
		}
	}
	slices.SortFunc(cycles, func(a, b []T) int { return cmp.Compare(id(a[0]), id(b[0])) })
	return cycles
}
