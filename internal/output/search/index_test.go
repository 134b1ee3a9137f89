package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/routes"
)

// doc is a fixture page: kind, title, head, body.
func doc(kind int, title, head, body string) Doc {
	return Doc{Kind: kind, Route: routes.To(routes.Page, title), Title: title, Fields: [numFields][]string{parts(title), parts(head), parts(body)}}
}

func TestBuild(t *testing.T) {
	docs := []Doc{
		doc(kindCase, "茶山上结出增收果", "产业发展", "东勐村的茶园，标准化茶园2257亩。WeChat"),
		doc(kindOrg, "东勐村党总支", "岩那", "佤族聚居的山区村"),
		doc(kindProject, "标准化茶园扩面", "岩那 标准化茶园面积", "在全村茶园中扩大范围"),
		doc(kindProject, "𠀀字项目", "", "wechat 2,257"),
	}
	ix := Build(docs)
	if !slices.IsSorted(ix.Terms) {
		t.Error("the terms are not sorted")
	}
	for _, c := range []struct {
		term string
		docs []int32
	}{
		{"茶园", []int32{0, 2}},
		{"茶", []int32{0, 2}},
		{"岩那", []int32{1, 2}},
		{"2257", []int32{0, 3}},
		{"wechat", []int32{0, 3}},
		{"标准", []int32{0, 2}},
		{"𠀀字", []int32{3}},
		{"字", []int32{3}},
		{"勐茶", nil},
		{"WeChat", nil}, // terms are folded
	} {
		var got []int32
		for _, p := range decodeList(ix.Lookup(c.term)) {
			got = append(got, p.Doc)
			if p.Impact < 1 {
				t.Errorf("%s: page %d has impact %d", c.term, p.Doc, p.Impact)
			}
		}
		if !slices.Equal(got, c.docs) {
			t.Errorf("%s: pages %v, want %v", c.term, got, c.docs)
		}
	}
	// A term in the title weighs more than in the body; repeated, more.
	impact := func(term string, doc int32) int32 {
		for _, p := range decodeList(ix.Lookup(term)) {
			if p.Doc == doc {
				return p.Impact
			}
		}
		return 0
	}
	if a, b := impact("茶园", 2), impact("茶园", 0); a <= b {
		t.Errorf("茶园 in a title and twice more: impact %d, not above %d for twice in a body", a, b)
	}
	// The same pages in any order of building give the same index.
	again := Build(slices.Clone(docs))
	if !slices.Equal(again.Terms, ix.Terms) || !slices.Equal(again.Lists, ix.Lists) {
		t.Error("two builds differ")
	}
}

// Many pages are indexed in ranges at once; the lists are those of one
// range.
func TestBuildRanges(t *testing.T) {
	var docs []Doc
	for i := range 3000 {
		docs = append(docs, doc(i%numKinds, fmt.Sprintf("第%d号", i%7), "茶园", strings.Repeat("党建", i%5+1)))
	}
	ix := Build(docs)
	ps := decodeList(ix.Lookup("茶园"))
	if len(ps) != len(docs) {
		t.Fatalf("茶园: %d pages, want %d", len(ps), len(docs))
	}
	for i, p := range ps {
		if p.Doc != int32(i) {
			t.Fatalf("茶园: page %d at %d", p.Doc, i)
		}
	}
	if got := len(decodeList(ix.Lookup("3"))); got != 3000/7+1 {
		t.Errorf("3: %d pages, want %d", got, 3000/7+1)
	}
}

// encodeList encodes a list as the index holds it, posting by posting:
// each page's distance from the one before, less one, and its impact.
func encodeList(ps []Posting) string {
	var b []byte
	prev := int32(-1)
	for _, p := range ps {
		b, prev = appendNumber(appendNumber(b, uint32(p.Doc-prev-1)), uint32(p.Impact)), p.Doc
	}
	return string(b)
}

func TestEncodeList(t *testing.T) {
	// Base 32, most significant digit first, at the lengths appendNumber
	// writes without a loop and past them.
	for v, want := range map[uint32]string{0: "]", 31: "|", 32: "$]", 1023: "B|", 1024: "$#]", 1<<15 - 1: "BB|", 1<<32 - 1: "&BBBBB|"} {
		if got := string(appendNumber(nil, v)); got != want {
			t.Errorf("appendNumber(%d) = %q, want %q", v, got, want)
		}
		if got, n := readNumber([]byte(want + "]")); got != v || n != len(want) {
			t.Errorf("readNumber(%q) = %d, %d, want %d, %d", want, got, n, v, len(want))
		}
	}
	for _, ps := range [][]Posting{
		nil,
		{{0, 1}},
		{{0, 1}, {1, 31}, {2, 32}, {40, 1023}, {41, 1024}, {1 << 20, 70000}},
	} {
		s := encodeList(ps)
		if strings.ContainsAny(s, "\"\\<") && strings.Contains(s, "</") {
			t.Errorf("%v encodes to %q", ps, s)
		}
		for _, c := range []byte(s) {
			if c < moreDigit || c > endDigit+31 || c == '\\' || c == '"' {
				t.Errorf("%v: %q holds %q", ps, s, c)
			}
		}
		if got := decodeList(s); !slices.Equal(got, ps) {
			t.Errorf("%v encodes to %q, which decodes to %v", ps, s, got)
		}
	}
}

// Ranking on a fixture: more of the query's terms first, then the score
// (title over headings over body, more often over less, a short field
// over a long one), then the index's order; a quoted phrase is required.
func TestRank(t *testing.T) {
	docs := []Doc{
		doc(kindCase, "山区村的变化", "", "茶园在东勐。"),             // 0: 东勐 and 茶园, apart
		doc(kindCase, "一片茶叶", "", "东勐茶园的标准化管护。"),          // 1: the whole query
		doc(kindProject, "标准化茶园扩面", "", "扩大范围"),           // 2: 茶园 in the title
		doc(kindProject, "茶叶加工厂", "茶园", "建成加工厂"),          // 3: 茶园 in a heading
		doc(kindProject, "加工厂扩建", "", "建成茶园一处，茶园连片，茶园增收"), // 4: 茶园 in the body, three times
		doc(kindOrg, "东勐村党总支", "", "佤族聚居"),                // 5: 东勐 in the title
		doc(kindPage, "关于本站", "", "党建工作。"),                // 6: none of them
	}
	for i := range 10 { // other pages, so that the terms are rare
		docs = append(docs, doc(kindTask, fmt.Sprintf("事项%d", i), "组织生活", "按时召开支部党员大会"))
	}
	ix := Build(docs)
	for _, c := range []struct {
		q    string
		want []int32
	}{
		// all three bigrams, then two, then one (东勐 is rarer than 茶园)
		{"东勐茶园", []int32{1, 0, 5, 2, 3, 4}},
		{"茶园", []int32{2, 3, 4, 0, 1}},
		{"东勐 茶园", []int32{0, 1, 5, 2, 3, 4}},
		{`"东勐茶园"`, []int32{1}},
		{`"茶园" 东勐`, []int32{0, 1, 2, 3, 4}},
		{"党建", []int32{6}},
		{"没有", nil},
	} {
		if got := Rank(ParseQuery(c.q), ix.Lookup); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.q, got, c.want)
		}
	}
	// One character: every page that has it, those with it in the title
	// first.
	if got := Rank(ParseQuery("茶"), ix.Lookup); len(got) != 5 || !slices.Contains(got[:3], 1) ||
		!slices.Contains(got[:3], 2) || !slices.Contains(got[:3], 3) {
		t.Errorf("茶: %v, want 5 pages, 1, 2 and 3 first", got)
	}
}

// Shard selection: every term is in the shard its hash names (search.js
// computes the same hash: see the browser test), and the shards are about
// the same size.
func TestShards(t *testing.T) {
	var docs []Doc
	r := rand.New(rand.NewPCG(1, 2))
	text := []rune("党建引领乡村振兴东勐茶园红色物业文苑社区岩那𠀀𠀁ＡＢＣ党员活动阵地标准化")
	for i := range 500 {
		var b strings.Builder
		for range 5 + r.IntN(300) {
			b.WriteRune(text[r.IntN(len(text))])
		}
		fmt.Fprintf(&b, " w%d x%d", i%37, i)
		docs = append(docs, doc(i%numKinds, "", "", b.String()))
	}
	ix := Build(docs)
	for _, n := range []int{1, 2, 7, 40} {
		s := split(ix, n)
		seen := 0
		total, biggest := 0, 0
		for k, ts := range s.terms {
			size := 0
			for _, i := range ts {
				if got := ShardOf(ix.Terms[i], n); got != k {
					t.Fatalf("%d shards: %q is in shard %d, looked up in %d", n, ix.Terms[i], k, got)
				}
				size += len(ix.Terms[i]) + len(ix.Lists[i]) + 4
				seen++
			}
			total += size
			biggest = max(biggest, size)
		}
		if seen != len(ix.Terms) {
			t.Errorf("%d shards hold %d terms of %d", n, seen, len(ix.Terms))
		}
		longest := 0
		for _, l := range ix.Lists {
			longest = max(longest, len(l))
		}
		if biggest > 2*total/n+2*longest {
			t.Errorf("%d shards: the biggest holds %d bytes of %d", n, biggest, total)
		}
	}
	// The hash of search.js: FNV-1a over UTF-16 units.
	for term, want := range map[string]int{"": 2166136261 % 1000, "a": 0xe40c292c % 1000} {
		if got := ShardOf(term, 1000); got != want {
			t.Errorf("ShardOf(%q, 1000) = %d, want %d", term, got, want)
		}
	}
}

// The index holds exactly the terms the tokenizer finds, each with exactly
// the pages that hold it, in order, whatever the text: CJK characters of
// the table and beyond it, words of letters and digits, separators; and
// however many ranges the pages are indexed in, and however many distinct
// pairs (the table of pairs grows from 4,096 slots).
func TestBuildTerms(t *testing.T) {
	alphabet := []string{"茶", "园", "党", "建", "〇", "カ", "한", "𠀀", "𠀁", "a", "B", "é", "Ж", "7", "1,239", "，", " ", "\n", "-", "Ｗ", "İ", "\xff"}
	wide := slices.Clone(alphabet)
	for r := rune(0x4E00); r < 0x4E00+300; r++ {
		wide = append(wide, string(r))
	}
	rng := rand.New(rand.NewPCG(7, 8))
	var letters []string
	text := func() string {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(letters[rng.IntN(len(letters))])
		}
		return b.String()
	}
	for _, c := range []struct {
		n       int
		letters []string
	}{{5, alphabet}, {700, alphabet}, {3000, wide}} { // one range, several, and many pairs
		n := c.n
		letters = c.letters
		docs := make([]Doc, n)
		want := map[string][]int32{}
		for i := range docs {
			docs[i] = doc(i%numKinds, text(), text(), text())
			seen := map[string]bool{}
			for _, ps := range docs[i].Fields {
				for _, s := range ps {
					for _, term := range Terms(s) {
						if !seen[term] {
							seen[term] = true
							want[term] = append(want[term], int32(i))
						}
					}
				}
			}
		}
		ix := Build(docs)
		if len(ix.Terms) != len(want) {
			t.Errorf("%d pages: %d terms, want %d", n, len(ix.Terms), len(want))
		}
		for term, pages := range want {
			var got []int32
			for _, p := range decodeList(ix.Lookup(term)) {
				got = append(got, p.Doc)
			}
			if !slices.Equal(got, pages) {
				t.Fatalf("%d pages: %q is on pages %v, want %v", n, term, got, pages)
			}
		}
	}
}

// TestPutPair: a pair reads back, the distance as the index writes it,
// on both sides of each length's bound.
func TestPutPair(t *testing.T) {
	if maxSat > maxCount {
		t.Fatalf("a saturated count up to %d, putPair takes up to %d", maxSat, maxCount)
	}
	vals := []uint64{1, 2, 32, 33, 1 << 10, 1<<10 + 1, 1 << 15, 1 << 21, 1<<31 - 1}
	for _, a := range vals {
		for _, c := range []uint64{0, 1, 0xFE, 0xFF, 0x100, maxSat, maxCount} {
			b := putPair([]byte{endDigit}, a, c)
			if len(b)-1 > maxPair {
				t.Errorf("putPair(%d, %d) is %d bytes, over maxPair", a, c, len(b)-1)
			}
			d, k := readNumber(b[1:])
			if want := appendNumber(nil, uint32(a-1)); uint64(d) != a-1 || !slices.Equal(b[1:1+k], want) {
				t.Errorf("putPair(%d, %d) = %q: distance %q, want %q", a, c, b, b[1:1+k], want)
			}
			rest := b[1+k:]
			if got, m := readCount(rest); uint64(got) != c || m != len(rest) || (m == 2) != (c >= 0xFF) {
				t.Errorf("putPair(%d, %d) = %q: count %d in %d bytes", a, c, b, got, m)
			}
		}
	}
}

// TestImpacts checks every posting's impact against BM25F worked out
// page by page, term by term, on pages that share terms at the same
// counts and at others (Build keeps each term's impacts by count).
func TestImpacts(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	words := []string{"茶园", "党建", "支部", "东勐", "标准化", "项目", "wechat", "2257", "引领", "增收"}
	pick := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteString("，")
		}
		return b.String()
	}
	var docs []Doc
	for i := range 300 {
		docs = append(docs, doc(i%numKinds, pick(1+r.IntN(3)), pick(r.IntN(3)), pick(r.IntN(40))))
	}
	ix := Build(docs)

	w, bn := weights(), norms()
	var avg [numKinds][numFields]float64
	var count [numKinds]float64
	for _, d := range docs {
		count[d.Kind]++
		for f, ps := range d.Fields {
			avg[d.Kind][f] += float64(fieldLen(ps, func(s string) int { return len([]rune(s)) }))
		}
	}
	want := map[string]map[int32]float64{} // term → page → saturated count in satUnits
	for id, d := range docs {
		counts := map[string]*[numFields]int{}
		for f, ps := range d.Fields {
			for _, term := range Terms(strings.Join(ps, "\n")) {
				if counts[term] == nil {
					counts[term] = &[numFields]int{}
				}
				counts[term][f]++
			}
		}
		for term, c := range counts {
			x := 0.0
			for f := range numFields {
				a := max(avg[d.Kind][f]/max(count[d.Kind], 1), 1)
				norm := 1 - bn[f] + bn[f]*float64(fieldLen(d.Fields[f], func(s string) int { return len([]rune(s)) }))/a
				if c[f] != 0 {
					x += w[f] * float64(c[f]) / norm
				}
			}
			if want[term] == nil {
				want[term] = map[int32]float64{}
			}
			want[term][int32(id)] = max(1, math.Round(x*(k1+1)/(x+k1)/satUnit))
		}
	}
	checked := 0
	for term, pages := range want {
		idf := math.Log(1 + (float64(len(docs))-float64(len(pages))+0.5)/(float64(len(pages))+0.5))
		got := decodeList(ix.Lookup(term))
		if len(got) != len(pages) {
			t.Fatalf("%s: %d pages, want %d", term, len(got), len(pages))
		}
		for _, p := range got {
			if imp := int32(max(1, math.Round(idf*pages[p.Doc]*(satUnit/impactUnit)))); p.Impact != imp {
				t.Fatalf("%s, page %d: impact %d, want %d", term, p.Doc, p.Impact, imp)
			}
			checked++
		}
	}
	if checked < 5000 {
		t.Fatalf("only %d postings checked", checked)
	}
}

// TestBalanced: the pages are cut into ranges of about the same text, in
// order, every page in one range.
func TestBalanced(t *testing.T) {
	page := func(n int32) [numFields]int32 { return [numFields]int32{n} }
	for _, c := range []struct {
		lens []int32
		k    int
		want []int
	}{
		{nil, 1, []int{0, 0}},
		{[]int32{5, 5, 5}, 1, []int{0, 3}},
		{[]int32{100, 100, 100, 100}, 2, []int{0, 2, 4}},
		// long articles first, then short project pages: not half the pages each
		{[]int32{1000, 1000, 10, 10, 10, 10, 10, 10, 10, 10}, 2, []int{0, 1, 10}},
		{[]int32{4000, 10, 10}, 3, []int{0, 1, 2, 3}},
		{[]int32{7}, 2, []int{0, 1, 1}},
	} {
		var lens [][numFields]int32
		for _, n := range c.lens {
			lens = append(lens, page(n))
		}
		if got := balanced(lens, c.k); !slices.Equal(got, c.want) {
			t.Errorf("balanced(%v, %d) = %v, want %v", c.lens, c.k, got, c.want)
		}
	}
}
