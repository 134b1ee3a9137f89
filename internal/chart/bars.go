package chart

import (
	"encoding/json"
	"html/template"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/jsonstr"
)

// Every bar chart has the same options but for its data: the language's
// labels aside, only the categories (the names) and the bars (name, value,
// colour) differ. go-echarts makes the options once per language, with one
// marked bar, and a chart is that text with its bars and names written in:
// go-echarts' defaults, set by reflection, and the round trip through
// plain values cost 200 µs a chart, and a province has a hundred thousand
// org pages with one. TestBarsSplice holds the text to what go-echarts
// gives.
var barSkeletons sync.Map // lang → [3]string: the options before the bars, between them and the names, after

// barMark is the marked bar's name and colour.
const barMark = "\x00qingdan-bar"

// barOptions is barChart(names, values, colors, lang).
func barOptions(names []string, values []float64, colors []string, lang string) template.JS {
	if len(names) == 0 {
		return barChart(names, values, colors, lang) // no bars: no data to splice, and rare
	}
	parts := barSkeleton(lang)
	var b strings.Builder
	b.WriteString(parts[0])
	barData(&b, names, values, colors)
	b.WriteString(parts[1])
	barNames(&b, names)
	b.WriteString(parts[2])
	return template.JS(b.String())
}

// barData writes the bars as the options hold them: last first, as ECharts
// draws the first at the bottom; keys sorted, as a round trip through plain
// values leaves them.
func barData(b *strings.Builder, names []string, values []float64, colors []string) {
	b.WriteByte('[')
	for i := len(names) - 1; i >= 0; i-- {
		if i < len(names)-1 {
			b.WriteByte(',')
		}
		b.WriteString(`{"itemStyle":{`) // go-echarts leaves out an empty colour and name
		if colors[i] != "" {
			b.WriteString(`"color":`)
			jsonString(b, colors[i])
		}
		b.WriteString(`},`)
		if names[i] != "" {
			b.WriteString(`"name":`)
			jsonString(b, names[i])
			b.WriteByte(',')
		}
		b.WriteString(`"value":`)
		jsonString(b, pctValue(values[i]))
		b.WriteByte('}')
	}
	b.WriteByte(']')
}

// barNames writes the categories, last first.
func barNames(b *strings.Builder, names []string) {
	b.WriteByte('[')
	for i := len(names) - 1; i >= 0; i-- {
		if i < len(names)-1 {
			b.WriteByte(',')
		}
		jsonString(b, names[i])
	}
	b.WriteByte(']')
}

// jsonString writes s as the round trip through plain values leaves it:
// as encoding/json writes it (<, >, &, U+2028 and U+2029 escaped), each
// byte that is not UTF-8 the replacement character. Through json.Marshal,
// each cost an allocation and reflection: most of a bar chart's time.
func jsonString(b *strings.Builder, s string) {
	if !utf8.ValidString(s) { // rare: each bad byte becomes U+FFFD itself
		q, _ := json.Marshal(s)
		json.Unmarshal(q, &s)
	}
	var buf [128]byte
	b.Write(jsonstr.Append(buf[:0], s, true))
}

// barSkeleton is lang's options of a bar chart, cut where the bars and the
// names go.
func barSkeleton(lang string) [3]string {
	if p, ok := barSkeletons.Load(lang); ok {
		return p.([3]string)
	}
	names, values, colors := []string{barMark}, []float64{0}, []string{barMark}
	text := string(barChart(names, values, colors, lang))
	var data, cats strings.Builder
	barData(&data, names, values, colors)
	barNames(&cats, names)
	var parts [3]string
	for i, cut := range []string{data.String(), cats.String()} {
		before, after, ok := strings.Cut(text, cut)
		if !ok {
			panic("chart: the bar chart's options lost the marked bar") // our own options only
		}
		parts[i], text = before, after
	}
	parts[2] = text
	p, _ := barSkeletons.LoadOrStore(lang, parts)
	return p.([3]string)
}
