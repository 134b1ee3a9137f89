package main

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
)

var bullets = []string{
	"**清单化推进**：把{主}分解为具体任务，明确责任人和完成时限。",
	"**党员带头**：{角}率先{事}，带动{众}参与。",
	"**群众评议**：每季度请{众}代表给支部打分，结果在{地}公示。",
	"**台账管理**：每项任务建立进度台账，按月更新数据。",
	"**结对帮带**：老党员与年轻党员结对，一起{事}。",
	"**上下联动**：{镇}党委定期调度，帮助解决实际困难。",
	"**示范引领**：先在{数}户试点，成熟后全面推开。",
	"**公开透明**：{事}的过程和结果全部张榜公布。",
	"**积分激励**：党员参与{主}计入积分，年底评先评优。",
}

var (
	roles      = []string{"党员", "老党员", "年轻党员", "党员中心户", "驻村第一书记", "网格员", "党员志愿者", "支委"}
	directions = []string{"东部", "西部", "南部", "北部", "东北部", "西南部", "山区", "坝区"}
)

// writer fills templates for one article, from the article's stream.
type writer struct {
	r                        *rand.Rand
	county, town, place, org string
	secretary                string
	th                       *theme
	year, month              int
	queue                    map[string][]int // templates not used yet, per part
	han                      int              // Han characters written so far
}

func (w *writer) fill(tpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			break
		}
		j := strings.IndexByte(tpl[i:], '}')
		b.WriteString(tpl[:i])
		b.WriteString(w.slot(tpl[i+1 : i+j]))
		tpl = tpl[i+j+1:]
	}
	return b.String()
}

func (w *writer) slot(key string) string {
	r := w.r
	switch key {
	case "县":
		return w.county
	case "镇":
		return w.town
	case "地":
		return w.place
	case "组织":
		return w.org
	case "书记":
		return w.secretary
	case "人":
		return person(r)
	case "主":
		return pick(r, w.th.topics)
	case "事":
		return pick(r, w.th.acts)
	case "众":
		return pick(r, w.th.people)
	case "角":
		return pick(r, roles)
	case "方位":
		return pick(r, directions)
	case "数":
		return strconv.Itoa(3 + r.IntN(28))
	case "百":
		return strconv.Itoa(10 * (10 + r.IntN(90)))
	case "千":
		return strconv.Itoa(1000 + r.IntN(9000))
	case "比":
		return strconv.Itoa(80 + r.IntN(19))
	case "岁":
		return strconv.Itoa(58 + r.IntN(25))
	case "年":
		return strconv.Itoa(w.year)
	case "去年":
		return strconv.Itoa(w.year - 1)
	case "月":
		return strconv.Itoa(1 + r.IntN(w.month))
	}
	return key
}

// sentence is the next template of the part: each part's templates come in
// an order shuffled per article, and repeat only when all have been used.
func (w *writer) sentence(part string) string {
	list := sentences[part]
	if part == "theme" {
		list = themeLines[w.th.key]
	}
	q, ok := w.queue[part]
	if !ok {
		q = w.r.Perm(len(list))
	}
	if len(q) == 0 {
		// Used up: borrow from a related part before repeating one.
		for _, alt := range fallbacks[part] {
			if aq, ok := w.queue[alt]; !ok || len(aq) > 0 {
				return w.sentence(alt)
			}
		}
		q = w.r.Perm(len(list))
	}
	w.queue[part] = q[1:]
	return w.fill(list[q[0]])
}

var fallbacks = map[string][]string{
	"theme": {"how", "effect"}, "why": {"how"}, "how": {"effect", "why"},
	"effect": {"how", "next"}, "next": {"effect"}, "voice": {"how", "effect"},
}

// connectives open a sentence now and then.
var connectives = []string{"与此同时，", "此外，", "为此，", "在此基础上，", "具体来说，", "不仅如此，", "另一方面，"}

// paragraph is three to five sentences of a part, a quotation or a line of
// the theme's own now and then.
func (w *writer) paragraph(part string) string {
	var b strings.Builder
	n := 3 + w.r.IntN(3)
	if part == "lead" {
		b.WriteString(w.sentence("lead"))
		for range 1 + w.r.IntN(2) {
			b.WriteString(w.sentence("lead2"))
		}
		return w.count(b.String())
	}
	for i := range n {
		p := part
		switch x := w.r.IntN(10); {
		case i > 0 && x < 2:
			p = "voice"
		case (part == "how" || part == "effect") && x < 4:
			p = "theme"
		}
		s := w.sentence(p)
		if c := strings.Index(s, "，"); i > 0 && p != "voice" && w.r.IntN(8) == 0 && !strings.HasPrefix(s, "“") && (c < 0 || c > 24) {
			s = pick(w.r, connectives) + s
		}
		b.WriteString(s)
	}
	return w.count(b.String())
}

// count adds s's Han characters to the article's total and returns s.
func (w *writer) count(s string) string {
	w.han += hanCount(s)
	return s
}

func hanCount(s string) int {
	n := 0
	for _, c := range s {
		if unicode.Is(unicode.Han, c) {
			n++
		}
	}
	return n
}

// list is the bullet list of an article's main measures.
func (w *writer) list() string {
	var b strings.Builder
	b.WriteString(w.fill("{地}的主要做法可以概括为以下几条：") + "\n\n")
	for _, t := range pickN(w.r, bullets, 3+w.r.IntN(3)) {
		b.WriteString("- " + w.fill(t) + "\n")
	}
	return w.count(b.String())
}

// table is a GFM table of the theme's figures, last year against this one.
func (w *writer) table() string {
	var b strings.Builder
	b.WriteString(w.fill("下表是{地}近两年的几项主要数据：") + "\n\n")
	b.WriteString("| 指标 | " + strconv.Itoa(w.year-1) + "年 | " + strconv.Itoa(w.year) + "年 |\n|---|---:|---:|\n")
	for _, m := range w.th.metrics {
		a := m.lo + w.r.IntN(m.hi-m.lo+1)
		c := a + 1 + w.r.IntN(max(1, a/2))
		f := func(v int) string { return strconv.Itoa(v) }
		if m.dec {
			f = func(v int) string { return strconv.Itoa(v) + "." + strconv.Itoa(w.r.IntN(10)) }
		}
		if m.unit == "%" {
			c = min(c, 99)
		}
		b.WriteString("| " + m.label + "（" + m.unit + "） | " + f(a) + " | " + f(c) + " |\n")
	}
	return w.count(b.String())
}

// image is a picture alone in its paragraph, with alt text and a caption.
func (w *writer) image(file, alt, caption string) string {
	return w.count("![" + w.fill(alt) + "](" + file + " \"" + w.fill(caption) + "\")")
}
