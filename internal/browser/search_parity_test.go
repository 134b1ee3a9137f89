package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/qingdan/qingdan/internal/output/search"
)

// TestSearchTokenizer runs search.js's tokenizer and query parser on the
// strings of the Go tests and more, and wants what token.go gives: the
// index is made by one and read by the other.
func TestSearchTokenizer(t *testing.T) {
	t.Parallel()
	out := buildDemo(t, false)
	var all strings.Builder
	for r := rune(0x20); r < 0x530; r++ {
		all.WriteRune(r)
	}
	inputs := []string{
		all.String(), "东勐茶园", "茶", "1,239套住房", "１２３９ＡＢＣ", "WeChat公众号", "“红色物业”", `"东勐 茶园" 岩那`,
		"Ｉ ＬＯＶＥ 党建", "Straße ÉCOLE Ἀθῆναι МОСКВА", "\U00020000\U00020001𠀀", "a\u2028b\u3000c", "1,2345 12,345,678 ,123",
		"「党建」引领『乡村』振兴", "  ", "二〇二二年", "ｶﾀｶﾅ カタカナ 한국어", "\"unclosed 茶", "İstanbul",
	}
	type parsed struct {
		Terms   []string `json:"terms"`
		Phrases []struct {
			Text   string   `json:"text"`
			Quoted bool     `json:"quoted"`
			Terms  []string `json:"terms"`
		} `json:"phrases"`
	}
	type answer struct {
		Terms  []string `json:"terms"`
		Folded string   `json:"folded"`
		Query  parsed   `json:"query"`
		Shards []int    `json:"shards"` // of each term among 997 shards
	}
	var got []answer
	in, _ := json.Marshal(inputs)
	rep := loadPage(t, serveSite(t, out, "/")+"search/index.html", desktop, loadOptions{act: func(ctx context.Context) (err error) {
		got, err = chromedp.Run(ctx, chromedp.Evaluate[[]answer](`(`+string(in)+`).map((s) => ({terms: qdSearch.terms(s),
  folded: qdSearch.folded(s), query: qdSearch.parse(s, 16), shards: qdSearch.terms(s).map((t) => qdSearch.shard(t, 997))}))`))
		return err
	}})
	for _, s := range append(rep.problems(), errString(rep.ActErr)...) {
		t.Error(s)
	}
	if len(got) != len(inputs) {
		t.Fatalf("%d answers for %d inputs", len(got), len(inputs))
	}
	for i, s := range inputs {
		name := s
		if len(name) > 40 {
			name = name[:40] + "…"
		}
		if want := search.Terms(s); !slices.Equal(got[i].Terms, want) && (len(want) > 0 || len(got[i].Terms) > 0) {
			t.Errorf("%q: search.js's terms\n%q\ntoken.go's\n%q", name, got[i].Terms, want)
		}
		for j, term := range got[i].Terms {
			if want := search.ShardOf(term, 997); j >= len(got[i].Shards) || got[i].Shards[j] != want {
				t.Errorf("%q: search.js puts %q in shard %v of 997, shard.go in %d", name, term, got[i].Shards, want)
				break
			}
		}
		if want := search.Folded(s); got[i].Folded != want {
			t.Errorf("%q: search.js folds to %q, token.go to %q", name, got[i].Folded, want)
		}
		q := search.ParseQuery(s)
		var want parsed
		want.Terms = q.Terms
		for _, p := range q.Phrases {
			want.Phrases = append(want.Phrases, struct {
				Text   string   `json:"text"`
				Quoted bool     `json:"quoted"`
				Terms  []string `json:"terms"`
			}{p.Text, p.Quoted, p.Terms})
		}
		gj, _ := json.Marshal(got[i].Query)
		wj, _ := json.Marshal(want)
		if !bytes.Equal(normJSON(gj), normJSON(wj)) {
			t.Errorf("%q: search.js parses\n%s\ntoken.go\n%s", name, gj, wj)
		}
	}
}

// TestSearchRank: search.js ranks the demo's pages as rank.go does (whose
// rules the package's tests pin down on a fixture), reading the same term
// shards.
func TestSearchRank(t *testing.T) {
	t.Parallel()
	out := buildDemo(t, false)
	lists := map[string]string{}
	names, _ := filepath.Glob(filepath.Join(out, "search", "t", "*.js"))
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var args []json.RawMessage
		var terms string
		var ls []string
		call, ok := strings.CutPrefix(string(b), "qdSearch(")
		call, ok2 := strings.CutSuffix(call, ");\n")
		if !ok || !ok2 || json.Unmarshal([]byte("["+call+"]"), &args) != nil || len(args) != 4 ||
			json.Unmarshal(args[2], &terms) != nil || json.Unmarshal(args[3], &ls) != nil {
			t.Fatalf("%s is not a term shard", name)
		}
		for i, term := range strings.Fields(terms) {
			lists[term] = ls[i]
		}
	}
	queries := []string{"茶园", "东勐茶园", "东勐 茶园", `"红色物业"`, "岩那", "1239", "党员", "茶", "乡村振兴 产业", "zzqx"}
	for _, c := range demoSearches() {
		queries = append(queries, c.query)
	}
	rep := loadPage(t, serveSite(t, out, "/")+"search/index.html", desktop, loadOptions{act: func(ctx context.Context) error {
		for _, q := range queries {
			if _, err := query(ctx, q); err != nil {
				return err
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int32](`qdSearch.rank(`+strconv.Quote(q)+`)`))
			if err != nil {
				return err
			}
			want := search.Rank(search.ParseQuery(q), func(term string) string { return lists[term] })
			if !slices.Equal(got, want) {
				t.Errorf("%s: search.js ranks %v, rank.go %v", q, got, want)
			}
			if q == "茶园" && len(want) < 3 {
				t.Errorf("%s: %d pages, want the demo's five or so", q, len(want))
			}
		}
		return nil
	}})
	for _, s := range append(rep.problems(), errString(rep.ActErr)...) {
		t.Error(s)
	}
}

// normJSON makes null and [] the same.
func normJSON(b []byte) []byte { return bytes.ReplaceAll(b, []byte("null"), []byte("[]")) }
