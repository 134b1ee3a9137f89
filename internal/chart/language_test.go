package chart

import (
	"bytes"
	"encoding/json"
	"html/template"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"github.com/qingdan/qingdan/internal/model"
)

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// TestLanguage: everything a chart writes itself (not the data's names) is in
// the page's language: Chinese for zh-CN, English, with no Chinese, for en.
func TestLanguage(t *testing.T) {
	s := site()
	e := s.ProjectByID["e"]
	e.Indicator, e.Unit = "cases", "n" // data, so English for this test
	for _, lang := range []string{"zh-CN", "en", "en-GB", "zh"} {
		english := strings.HasPrefix(lang, "en")
		cs := []Chart{
			Status("s", s.Total, lang),
			Committees("c", nil, lang),
			Org("o", s.OrgByID["idle"], lang),
			Org("o", bigOrg(21, 20).OrgByID["root"], lang),
			Trend("t", model.New(model.Input{AsOf: day("2022-06-30")}), lang),
			Project("p", e, s.AsOf, nil, lang),
		}
		for _, c := range cs {
			texts := append([]string{c.Title, c.Summary}, c.Table.Head...)
			op := decode(t, c)
			texts = append(texts, seriesNames(op)...)
			if c.Kind == "status" || c.Kind == "trend" || c.Kind == "project" {
				for _, r := range c.Table.Rows {
					texts = append(texts, r[0])
				}
			}
			for _, x := range texts {
				if english && hasHan(x) {
					t.Errorf("%s %s: %q is not English", lang, c.Kind, x)
				}
				if !english && x != "" && !hasHan(x) && x != "%" {
					t.Errorf("%s %s: %q is not Chinese", lang, c.Kind, x)
				}
			}
		}
	}
}

// page writes charts as the theme's chart partial does: the options go
// verbatim into a JSON script element, the rest through html/template.
var page = template.Must(template.New("page").Parse(`{{range .}}<figure class="chart">
<figcaption class="chart-title">{{.Title}}</figcaption>
<div class="chart-canvas" id="{{.ID}}" data-chart="{{.Kind}}" role="img" aria-label="{{.Title}}：{{.Summary}}" style="height:{{.Height}}px"></div>
<script type="application/json" id="{{.ID}}-options">{{.Options}}</script>
<table class="data"><caption>{{.Title}}</caption>
<thead><tr>{{range .Table.Head}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Table.Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody>
</table></figure>
{{end}}`))

func allCharts(s *model.Site, notes *model.Notes, lang string) []Chart {
	var cs []Chart
	cs = append(cs, Status("chart-status", s.Total, lang), Committees("chart-committees", committees(s), lang),
		Org("chart-org", s.OrgByID["county"], lang), Trend("chart-trend", s, lang))
	for _, p := range s.Projects {
		cs = append(cs, Project("chart-project-"+p.ID, p, s.AsOf, notes, lang))
	}
	return cs
}

// stringsIn lists every string in a JSON value.
func stringsIn(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, stringsIn(x)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, x := range v {
			out = append(out, stringsIn(x)...)
		}
		return out
	}
	return nil
}

func TestHostileText(t *testing.T) {
	s, notes := hostile()
	cs := allCharts(s, notes, "zh-CN")
	for _, c := range cs {
		op := string(c.Options)
		// Nothing in the options can end the script element or a JS line:
		// encoding/json writes <, >, & and U+2028/9 as \u escapes.
		if strings.ContainsAny(op, "<>&\u2028\u2029") {
			t.Errorf("%s: options hold a raw <, >, &, U+2028 or U+2029: %s", c.ID, op)
		}
		if c.Kind != "status" && c.Kind != "trend" && (!strings.Contains(op, `\u003c/script\u003e`) || !strings.Contains(op, `\u2028\u2029`)) {
			t.Errorf("%s: evil text not escaped as expected: %s", c.ID, op)
		}
		// and the text comes back whole, __f__ and quotes included.
		var v any
		if err := json.Unmarshal([]byte(op), &v); err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		found := 0
		for _, x := range stringsIn(v) {
			if strings.HasPrefix(x, evil) {
				found++
			}
			if strings.Contains(x, "__f__") && !strings.Contains(x, evil) {
				t.Errorf("%s: mangled %q", c.ID, x)
			}
		}
		if c.Kind != "status" && c.Kind != "trend" && found == 0 {
			t.Errorf("%s: the evil text is lost from the options", c.ID)
		}
	}
	// The table holds the text itself: escaping it is the template's job,
	// escaping it here would show &lt; on the page.
	byID := map[string]Chart{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	eq(t, "committee names", column(byID["chart-committees"].Table, 0), []string{evil + "town", evil + "county"})
	eq(t, "project note", byID["chart-project-e"].Table.Rows[0][3], evil)
	if !strings.HasPrefix(byID["chart-project-e"].Summary, evil+"：") {
		t.Errorf("summary %q", byID["chart-project-e"].Summary)
	}

	// On the page, the HTML parser finds exactly the elements of the
	// template: one script per chart holding exactly its options.
	var buf bytes.Buffer
	if err := page.Execute(&buf, cs); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	z := html.NewTokenizer(strings.NewReader(out))
	var scripts []string
	inScript := ""
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken:
			if !slices.Contains([]string{"figure", "figcaption", "div", "script", "table", "caption", "thead", "tbody", "tr", "th", "td"}, tok.Data) {
				t.Errorf("unexpected element <%s> on the page", tok.Data)
			}
			if tok.Data == "script" {
				for _, a := range tok.Attr {
					if a.Key == "id" {
						inScript = a.Val
					}
				}
				scripts = append(scripts, inScript)
			}
			for _, a := range tok.Attr {
				if a.Key == "aria-label" && strings.Contains(a.Val, "__f__") && !strings.Contains(a.Val, evil) {
					t.Errorf("aria-label mangled: %q", a.Val)
				}
			}
		case html.TextToken:
			if inScript != "" {
				id := strings.TrimSuffix(inScript, "-options")
				if tok.Data != string(byID[id].Options) {
					t.Errorf("script %s holds %q, not the options", inScript, tok.Data)
				}
			}
		case html.EndTagToken:
			inScript = ""
		case html.CommentToken:
			t.Errorf("a comment on the page: %q", tok.Data)
		}
	}
	if len(scripts) != len(cs) {
		t.Errorf("%d scripts on the page for %d charts: %v", len(scripts), len(cs), scripts)
	}
	if !strings.Contains(out, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--__f__&#34;&#39;&amp;&lt;b&gt;") {
		t.Error("evil text is not escaped in the table")
	}
}
