package content

import (
	"strings"
	"unicode"
)

// Byline is one role among a document's authors and the people in it:
// 本报记者 李桀、万旭.
type Byline struct {
	Role  string // 本报记者, 通讯员 …; "" when the front matter gives none
	Names []string
}

// Bylines are the document's authors as a byline shows them, by role.
// Front matter gives an author as a role and a name, or a name alone
// (authors: [本报记者 吴沛冲, 通讯员 吕昌明]); an entry may also hold
// several of them run together (本报记者 吴沛冲 通讯员 吕昌明), and a role
// is told from a name by the words newspapers use for one. Neighbours of
// the same role share it: [本报记者 李桀, 本报记者 万旭] is 本报记者 李桀、万旭.
// An author in Latin letters is one name, spaces and all.
func (d *Doc) Bylines() []Byline {
	var out []Byline
	add := func(role, name string) {
		if n := len(out); n > 0 && out[n-1].Role == role {
			out[n-1].Names = append(out[n-1].Names, name)
			return
		}
		out = append(out, Byline{Role: role, Names: []string{name}})
	}
	for _, a := range d.Authors {
		if !hasHan(a) {
			if a = strings.TrimSpace(a); a != "" {
				add("", a)
			}
			continue
		}
		role, named := "", true
		// 记者：赵六 is a role and a name, the colon between them. (Neither
		// colon holds the other's bytes; a ReplaceAll that finds nothing
		// makes nothing, where a strings.Replacer made for each author was
		// 6,000 instructions of each case page.)
		a = strings.ReplaceAll(strings.ReplaceAll(a, "：", "： "), ":", ": ")
		for _, tok := range strings.Fields(a) {
			if r, ok := bylineRole(tok); ok {
				if !named && role != "" { // a role with no name: keep it as written
					add("", role)
				}
				role, named = r, false
				continue
			}
			add(role, tok)
			named = true
		}
		if !named && role != "" {
			add("", role)
		}
	}
	return out
}

// bylineRole reports whether a word of a byline is a role (记者, 通讯员 …),
// and the role without a colon after it.
func bylineRole(tok string) (string, bool) {
	tok = strings.TrimRight(tok, ":：")
	switch tok {
	case "文", "图", "文/图", "文图", "摄", "摄影", "编辑", "责任编辑", "整理", "作者", "撰稿", "供稿", "来源":
		return tok, true
	}
	for _, suffix := range []string{"记者", "通讯员", "实习生", "评论员", "撰稿人", "特约"} {
		if strings.HasSuffix(tok, suffix) {
			return tok, true
		}
	}
	return "", false
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
