package search

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// jsonOf is v as encoding/json writes it without escaping HTML, which is
// what writeDocs and appendJSString must write.
func jsonOf(t testing.TB, v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// jsonCases are texts a shard may hold (jsonstr's tests hold Append to
// encoding/json on every kind of text).
var jsonCases = []string{
	"", "党建引领", `a "quoted" \ path`, "<b>&amp;</b>", "line\nbreak\ttab", "\x00\x1f", "sep\u2028para", "bad \xff byte",
}

func TestAppendJSString(t *testing.T) {
	for _, s := range jsonCases {
		if got, want := string(appendJSString(nil, s)), jsonOf(t, s); got != want {
			t.Errorf("appendJSString(%q) = %s, want %s", s, got, want)
		}
	}
	for _, ss := range [][]string{nil, {}, {"a"}, jsonCases} {
		if got, want := string(appendJSStrings(nil, ss)), jsonOf(t, ss); got != want {
			t.Errorf("appendJSStrings(%q) = %s, want %s", ss, got, want)
		}
	}
}

// TestWriteDocsJSON: a document shard is the bytes encoding/json wrote
// before writeDocs wrote them itself.
func TestWriteDocsJSON(t *testing.T) {
	docs := []Doc{
		{Title: "标题 \"一\"", Meta: "2022-06-30 · 组织部", Text: []string{"正文\n第二行", "图注 <b>"}},
		{Title: "", Meta: "", Text: nil},
		{Title: "bad \xff", Meta: "\u2028", Text: []string{}},
		{Title: "长", Text: []string{strings.Repeat("长文", maxText)}},
	}
	hrefs := []string{"../cases/a/", "../orgs/b/", "x?y=1&z=2", ""}
	var js jsBufs
	for round := range 2 { // the second with a buffer from the pool
		var got bytes.Buffer
		if err := writeDocs(&got, &js, 7, docs, hrefs); err != nil {
			t.Fatal(err)
		}
		rows := make([][4]any, len(docs))
		for i, d := range docs {
			rows[i] = [4]any{d.Title, hrefs[i], d.Meta, cut(d.Text, maxText)}
		}
		want := `qdSearch("d",7,` + jsonOf(t, rows) + ");\n"
		if got.String() != want {
			t.Fatalf("round %d: writeDocs wrote\n%.300s\nwant\n%.300s", round, got.String(), want)
		}
	}
}
