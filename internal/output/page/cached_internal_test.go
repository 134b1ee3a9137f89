package page

import (
	"testing"

	"github.com/qingdan/qingdan/internal/content"
)

// cacheKey: each kind of variant keeps its own place in the key (a string
// "true" is not the bool true, 1 not "1"), a pointer is its object, not
// what that holds (two cases with the same title are two keys), and the
// key holds every pointer it names.
func TestCacheKey(t *testing.T) {
	a, b := &content.Doc{Title: "同一个标题"}, &content.Doc{Title: "同一个标题"}
	var none *content.Doc
	cases := []struct {
		name     string
		depth    int
		variants []any
		held     int
	}{
		{"item", 1, nil, 0},
		{"item", 2, nil, 0},
		{"other", 1, nil, 0},
		{"item", 1, []any{"x"}, 0},
		{"item", 1, []any{"x", "y"}, 0},
		{"item", 1, []any{"x\x00sy"}, 0},
		{"item", 1, []any{true}, 0},
		{"item", 1, []any{"true"}, 0},
		{"item", 1, []any{1}, 0},
		{"item", 1, []any{"1"}, 0},
		{"item", 1, []any{a}, 1},
		{"item", 1, []any{b}, 1},
		{"item", 1, []any{a, true}, 1},
		{"item", 1, []any{a, false}, 1},
		{"item", 1, []any{none}, 0},
		{"item", 1, []any{1.5}, 0},
	}
	seen := map[string]int{}
	for i, c := range cases {
		key, held := cacheKey(c.name, c.depth, c.variants)
		if j, ok := seen[key]; ok {
			t.Errorf("case %d (%v) has the key of case %d: %q", i, c.variants, j, key)
		}
		seen[key] = i
		if len(held) != c.held {
			t.Errorf("case %d (%v): holds %d objects, want %d", i, c.variants, len(held), c.held)
		}
		again, _ := cacheKey(c.name, c.depth, c.variants)
		if again != key {
			t.Errorf("case %d (%v): %q, then %q", i, c.variants, key, again)
		}
	}
	if _, held := cacheKey("item", 1, []any{a}); held[0] != any(a) {
		t.Errorf("the key holds %v, not the case it names", held)
	}
}
