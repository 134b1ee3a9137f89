package diag

import (
	"fmt"
	"testing"
)

func TestNearest(t *testing.T) {
	orgs := map[string]bool{
		"gaoming": true, "banqiao": true, "longquan": true, "longquan-1": true,
		"wenyuan": true, "wenyuan-2": true, "dongmeng": true, "yanshuai": true,
		"aa": true, "ac": true, "ab-x": true,
	}
	tests := []struct{ v, want string }{
		{"longquam", "longquan"},   // one edit; banqiao is far worse
		{"longqvan", "longquan"},   // not longquan-1, two edits away
		{"longquan1", "longquan"},  // longquan-1 is one edit away too, but sorts later
		{"wenyuan-3", "wenyuan-2"}, // not wenyuan, two edits away
		{"dongmen", "dongmeng"},
		{"ab", "aa"},    // aa and ac tie at one edit: the lexically first
		{"zz", ""},      // every key is as far as the value is long
		{"qingdan", ""}, // nothing within two edits
		{"", ""},        // nothing to match
		{"gaoming", "gaoming"},
	}
	for _, tt := range tests {
		// Map order changes between iterations: the answer may not.
		for i := range 50 {
			if got := nearest(tt.v, orgs); got != tt.want {
				t.Fatalf("nearest(%q) = %q, want %q (try %d)", tt.v, got, tt.want, i)
			}
		}
	}
}

func TestSuggestText(t *testing.T) {
	pool := map[string]int{"longquan": 1, "banqiao": 2}
	if got := fmt.Sprint(Text("en", "ref.org", Column{"上级", "parent"}, Quote("longquam"), Suggest("longquam", pool))); got != `column parent: there is no org with id "longquam" (did you mean "longquan"?)` {
		t.Error(got)
	}
	if got := Suggest("x", pool); got != "" {
		t.Errorf("Suggest(x) = %v", got)
	}
}
