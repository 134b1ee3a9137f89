package content

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v3"

	"github.com/qingdan/qingdan/internal/diag"
)

// field is one front matter value with the line it stands on.
type field struct {
	key   string
	value any
	line  int
}

// split separates front matter from the body. It accepts a BOM and CRLF
// line ends. format is "yaml", "toml" or "" (no front matter); bodyLine is
// the line the body starts on. An opening fence without a closing one is an
// error at the opening line.
func split(src []byte) (format string, front, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.Contains(src, []byte("\r\n")) { // not copied when there is none
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	var fence string
	switch {
	case bytes.HasPrefix(src, []byte("---\n")):
		format, fence = "yaml", "---"
	case bytes.HasPrefix(src, []byte("+++\n")):
		format, fence = "toml", "+++"
	default:
		return "", nil, src, 1, nil
	}
	rest := src[4:]
	line := 2
	for len(rest) > 0 {
		l, after, _ := bytes.Cut(rest, []byte("\n"))
		t := strings.TrimRight(string(l), " \t")
		if t == fence || (format == "yaml" && t == "...") {
			front = src[4 : len(src)-len(rest)]
			return format, front, after, line + 1, nil
		}
		rest = after
		line++
	}
	return format, nil, nil, 0, errors.New("unclosed")
}

// parseFront reads front matter into fields, in document order, with lines
// counted from the start of the file (the opening fence is line 1).
func parseFront(format string, front []byte, pos diag.Pos, l *diag.List) ([]field, bool) {
	switch format {
	case "yaml":
		return parseYAML(front, pos, l)
	case "toml":
		return parseTOML(front, pos, l)
	}
	return nil, true
}

func parseYAML(front []byte, pos diag.Pos, l *diag.List) ([]field, bool) {
	if fields, ok := simpleYAML(front); ok {
		return fields, true
	}
	return yamlFields(front, pos, l)
}

// yamlFields is parseYAML through yaml.v3.
func yamlFields(front []byte, pos diag.Pos, l *diag.List) ([]field, bool) {
	at := yamlLines(front)
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		line := 0
		var te *yaml.TypeError
		msg := err.Error()
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		if n := yamlLine(msg); n > 0 {
			line = at(n)
			msg = strings.TrimSpace(msg[strings.Index(msg, "line ")+len("line ")+len(strconv.Itoa(n)):])
			msg = strings.TrimPrefix(msg, ":")
		}
		l.Error(diag.Pos{File: pos.File, Line: line + 1}, "front.syntax", "YAML", strings.TrimSpace(strings.TrimPrefix(msg, "yaml: ")))
		return nil, false
	}
	if len(doc.Content) == 0 {
		return nil, true
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		l.Error(diag.Pos{File: pos.File, Line: at(m.Line) + 1}, "front.notMap")
		return nil, false
	}
	var out []field
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		val, ok := plainValue(v)
		if ok {
			out = append(out, field{k.Value, val, at(k.Line) + 1})
			continue
		}
		if err := v.Decode(&val); err != nil {
			l.Error(diag.Pos{File: pos.File, Line: at(v.Line) + 1}, "front.syntax", "YAML", err.Error())
			continue
		}
		out = append(out, field{k.Value, val, at(k.Line) + 1})
	}
	return out, true
}

// plainValue is what v.Decode gives into an any for a string or a list of
// strings, most of a front matter's values (title, tags, authors), taken
// from the node as it is: Decode sets up a decoder for each value, which
// cost more than reading the whole front matter. ok is false for any
// other node, which Decode reads.
func plainValue(v *yaml.Node) (val any, ok bool) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.ShortTag() == "!!str" {
			return v.Value, true
		}
	case yaml.SequenceNode:
		if v.ShortTag() != "!!seq" {
			return nil, false
		}
		list := make([]any, len(v.Content))
		for i, c := range v.Content {
			if c.Kind != yaml.ScalarNode || c.ShortTag() != "!!str" {
				return nil, false
			}
			list[i] = c.Value
		}
		return list, true
	}
	return nil, false
}

// yamlLine finds "line N" in a yaml error message.
func yamlLine(msg string) int {
	i := strings.Index(msg, "line ")
	if i < 0 {
		return 0
	}
	n := 0
	for _, r := range msg[i+5:] {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func parseTOML(front []byte, pos diag.Pos, l *diag.List) ([]field, bool) {
	var m map[string]any
	if err := toml.Unmarshal(front, &m); err != nil {
		var de *toml.DecodeError
		line := 0
		if errors.As(err, &de) {
			line, _ = de.Position()
		}
		l.Error(diag.Pos{File: pos.File, Line: line + 1}, "front.syntax", "TOML", strings.TrimPrefix(err.Error(), "toml: "))
		return nil, false
	}
	// go-toml's map has no order and no lines: walk the document's top-level
	// keys with its parser to get both.
	var out []field
	p := unstable.Parser{}
	p.Reset(front)
	seen := map[string]bool{}
	table := false
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind == unstable.Table || e.Kind == unstable.ArrayTable {
			table = true
		}
		it := e.Key()
		if !it.Next() {
			continue
		}
		k := it.Node()
		key := string(k.Data)
		if table && e.Kind == unstable.KeyValue || seen[key] {
			continue
		}
		seen[key] = true
		line := 1 + bytes.Count(front[:k.Raw.Offset], []byte("\n"))
		out = append(out, field{key, m[key], line + 1})
	}
	return out, true
}

// asDate accepts a YAML timestamp, a TOML date or a string in any of the
// date forms data files accept.
func asDate(v any) (string, bool) {
	switch t := v.(type) {
	case time.Time:
		return t.Format("2006-01-02"), true
	case toml.LocalDate:
		return t.String(), true
	case toml.LocalDateTime:
		return t.LocalDate.String(), true
	case string:
		return t, true
	}
	return "", false
}
